using Huella.Biometrics.Imaging;
using Huella.Research.Synthesis;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Synthesis;

/// <summary>Synthetic impressions measured like real ones, with the same yardstick applied to FVC2002.</summary>
public sealed class ImpressionStatisticsTests
{
    public static TheoryData<int, int> Impressions() => new() { { 1, 1 }, { 2, 4 }, { 3, 2 }, { 4, 7 }, { 5, 5 }, { 6, 8 } };

    [Theory]
    [MemberData(nameof(Impressions))]
    public void Synthetic_impressions_have_fingerprint_statistics(int finger, int impression)
    {
        var image = SyntheticFingerprints.CreateFinger(21, finger).Impression(impression);
        Assert.Equal((300, 400, 500.0), (image.Width, image.Height, image.Dpi));
        AssertFingerprintLike(image);
        Assert.True(FingerprintTemplate.TryCreate(image, out var template, out var reason), reason.ToString());
        Assert.InRange(template.Minutiae.Count, 20, EngineParameters.MaxMinutiae);
    }

    [Theory]
    [InlineData("db1b", "101_1.tif")]
    [InlineData("db4b", "102_3.tif")]
    public void The_yardstick_accepts_real_fingerprints_the_extractor_accepts(string database, string file)
    {
        var image = ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", database, file));
        AssertFingerprintLike(image);

        // The yardstick is only worth applying to synthetic impressions if it agrees with the engine on real ones.
        Assert.True(FingerprintTemplate.TryCreate(image, out var template, out var reason), reason.ToString());
        Assert.InRange(template.Minutiae.Count, 20, EngineParameters.MaxMinutiae);
    }

    [Fact]
    public void The_yardstick_rejects_a_blank_image_as_the_extractor_does()
    {
        var blank = GrayImage.Filled(300, 400, 200);
        Assert.Empty(ImageStatistics.ForegroundBlocks(blank));
        Assert.False(FingerprintTemplate.TryCreate(blank, out _, out var reason));
        Assert.Equal(NoFingerprintReason.NoFingerprintArea, reason);
    }

    private static void AssertFingerprintLike(GrayImage image)
    {
        var blocks = ImageStatistics.ForegroundBlocks(image);
        var total = ((image.Width - ImageStatistics.Block) / (ImageStatistics.Block / 2) + 1) * ((image.Height - ImageStatistics.Block) / (ImageStatistics.Block / 2) + 1);
        Assert.InRange(blocks.Count / (double)total, 0.2, 0.9);
        var period = ImageStatistics.Median(blocks.Select(b => ImageStatistics.BlockPeriod(image, b.X, b.Y)));
        Assert.InRange(period, 7, 12);
        var pixels = image.Pixels.ToArray();
        Assert.True(pixels.Count(p => p < 110) > pixels.Length / 50, "dark ridge pixels are present");
        Assert.True(pixels.Count(p => p > 150) > pixels.Length / 5, "light valley and background pixels are present");
    }
}
