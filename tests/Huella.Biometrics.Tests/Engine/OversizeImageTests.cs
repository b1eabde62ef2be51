using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Tests.Engine;

/// <summary>Prints larger than the engine takes at 500 dpi are refused with a reason, resampled or not.</summary>
public sealed class OversizeImageTests
{
    [Theory]
    [InlineData(2100, 2100, 500)]
    [InlineData(2049, 600, 500)]
    [InlineData(4200, 4200, 1000)]
    public void A_real_print_on_a_page_larger_than_the_engine_takes_is_image_too_large(int width, int height, double dpi)
    {
        // A real print pasted on white paper, so extraction would find ridges and go all the way.
        var print = EngineData.Load("101_1");
        var pixels = new byte[width * height];
        pixels.AsSpan().Fill(255);
        for (var y = 0; y < print.Height; y++)
        {
            print.Row(y).CopyTo(pixels.AsSpan((y * width) + 100, print.Width));
        }

        var page = new GrayImage(width, height, pixels, dpi);
        Assert.False(FingerprintTemplate.TryCreate(page, out _, out var reason));
        Assert.Equal(NoFingerprintReason.ImageTooLarge, reason);
        var error = Assert.Throws<NoUsableFingerprintException>(() => FingerprintTemplate.Create(page));
        Assert.Equal(NoFingerprintReason.ImageTooLarge, error.Reason);
    }

    [Fact]
    public void A_print_exactly_at_the_largest_side_is_still_extracted()
    {
        var print = EngineData.Load("101_1");
        const int side = 2048;
        var pixels = new byte[side * print.Height];
        pixels.AsSpan().Fill(255);
        for (var y = 0; y < print.Height; y++)
        {
            print.Row(y).CopyTo(pixels.AsSpan(y * side, print.Width));
        }

        Assert.True(FingerprintTemplate.TryCreate(new GrayImage(side, print.Height, pixels), out var template, out _));
        Assert.Equal(side, template.Width);
    }

    [Fact]
    public void A_vanishing_declared_resolution_is_too_large_rather_than_an_overflow()
    {
        Assert.False(FingerprintTemplate.TryCreate(EngineData.Load("101_1").WithDpi(1e-300), out _, out var reason));
        Assert.Equal(NoFingerprintReason.ImageTooLarge, reason);
    }
}
