using Huella.Research.Evaluation;
using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Tests.Engine;

public sealed class ImageDegradationTests
{
    [Fact]
    public void Blur_and_sharpen_leave_a_flat_image_alone_and_move_a_print_in_opposite_directions()
    {
        var flat = new GrayImage(20, 10, Enumerable.Repeat((byte)140, 200).ToArray(), 569);
        Assert.Equal(flat.Pixels.ToArray(), ImageDegradation.Apply(flat, Degradation.Blur).Pixels.ToArray());
        Assert.Equal(flat.Pixels.ToArray(), ImageDegradation.Apply(flat, Degradation.Sharpen).Pixels.ToArray());

        var print = EngineData.Load("101_1");
        var blurred = ImageDegradation.Apply(print, Degradation.Blur);
        var sharpened = ImageDegradation.Apply(print, Degradation.Sharpen);
        Assert.Equal((print.Width, print.Height, print.Dpi), (blurred.Width, blurred.Height, blurred.Dpi));
        Assert.True(Roughness(blurred) < 0.95 * Roughness(print));
        Assert.True(Roughness(sharpened) > 1.05 * Roughness(print));
    }

    [Fact]
    public void Upsampling_doubles_size_and_resolution_and_keeps_every_source_pixel_nearby()
    {
        var print = EngineData.Load("102_3");
        var large = ImageDegradation.Apply(print, Degradation.Upsample);

        Assert.Equal((2 * print.Width, 2 * print.Height, 2 * print.Dpi), (large.Width, large.Height, large.Dpi));
        for (var y = 1; y < print.Height - 1; y += 7)
        {
            for (var x = 1; x < print.Width - 1; x += 5)
            {
                // Output pixel 2x+1 lies a quarter of a source pixel from source pixel x.
                var mean = (large[2 * x, 2 * y] + large[(2 * x) + 1, 2 * y] + large[2 * x, (2 * y) + 1] + large[(2 * x) + 1, (2 * y) + 1]) / 4.0;
                Assert.InRange(mean, print[x, y] - 64, print[x, y] + 64);
            }
        }

        Assert.Same(print, ImageDegradation.Apply(print, Degradation.None));
    }

    // Mean absolute difference between horizontal neighbours: fine detail.
    private static double Roughness(GrayImage image)
    {
        double sum = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 1; x < image.Width; x++)
            {
                sum += Math.Abs(image[x, y] - image[x - 1, y]);
            }
        }

        return sum / (image.Height * (image.Width - 1));
    }
}
