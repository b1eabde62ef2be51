using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Tests.Engine;

public sealed class ExtractionTests
{
    [Fact]
    public void Extraction_is_deterministic()
    {
        var first = FingerprintTemplate.Create(EngineData.Load("101_1")).ToBytes();
        var second = FingerprintTemplate.Create(EngineData.Load("101_1")).ToBytes();
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_real_print_gives_a_plausible_number_of_minutiae_inside_the_image()
    {
        var template = FingerprintTemplate.Create(EngineData.Load("101_1"));
        Assert.InRange(template.Minutiae.Count, 12, 80);
        Assert.All(template.Minutiae, m =>
        {
            Assert.InRange(m.X, 0, template.Width - 1);
            Assert.InRange(m.Y, 0, template.Height - 1);
            Assert.InRange(m.Direction, 0f, 2 * MathF.PI);
        });
        Assert.InRange(template.Quality, 1, 100);
    }

    [Fact]
    public void Resolution_is_normalised_to_500_dpi()
    {
        var image = EngineData.Load("101_1");
        var template = FingerprintTemplate.Create(image.WithDpi(1000));
        Assert.Equal((int)Math.Round(image.Width / 2.0), template.Width);
        Assert.Equal((int)Math.Round(image.Height / 2.0), template.Height);
    }

    public static TheoryData<string> BadImages => ["blank", "black", "tiny", "noise", "gray"];

    [Theory]
    [MemberData(nameof(BadImages))]
    public void Images_without_a_fingerprint_give_a_clear_result(string kind)
    {
        var image = kind switch
        {
            "blank" => GrayImage.Filled(388, 374, 255),
            "black" => GrayImage.Filled(388, 374, 0),
            "gray" => GrayImage.Filled(300, 300, 128),
            "tiny" => GrayImage.Filled(10, 10, 0),
            _ => Noise(388, 374),
        };

        Assert.False(FingerprintTemplate.TryCreate(image, out var template, out var reason));
        Assert.Null(template);
        Assert.NotEqual(NoFingerprintReason.None, reason);
        var thrown = Assert.Throws<NoUsableFingerprintException>(() => FingerprintTemplate.Create(image));
        Assert.Equal(reason, thrown.Reason);
    }

    [Fact]
    public void A_tiny_image_is_reported_as_too_small()
    {
        FingerprintTemplate.TryCreate(GrayImage.Filled(10, 10, 0), out _, out var reason);
        Assert.Equal(NoFingerprintReason.ImageTooSmall, reason);
    }

    private static GrayImage Noise(int width, int height)
    {
        var pixels = new byte[width * height];
        new Random(12345).NextBytes(pixels);
        return new GrayImage(width, height, pixels);
    }
}
