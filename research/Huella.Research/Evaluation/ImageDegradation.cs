using Huella.Biometrics.Imaging;

namespace Huella.Research.Evaluation;

/// <summary>How an image is changed to imitate another sensor or another image pipeline.</summary>
public enum Degradation
{
    /// <summary>The image as it is.</summary>
    None,

    /// <summary>A 3×3 binomial blur (σ ≈ 0.7 pixel): softer optics or a lossy codec.</summary>
    Blur,

    /// <summary>Unsharp masking with the same blur: a sensor or driver that sharpens.</summary>
    Sharpen,

    /// <summary>Twice the width and height by bilinear interpolation, at twice the resolution.</summary>
    Upsample,
}

/// <summary>
/// Changes images the way other sensors would, so an evaluation can tell an engine that works on
/// fingerprints from one tuned on one data set's appearance: the extracted print must stay the same.
/// </summary>
public static class ImageDegradation
{
    public static GrayImage Apply(GrayImage image, Degradation degradation)
    {
        ArgumentNullException.ThrowIfNull(image);
        return degradation switch
        {
            Degradation.None => image,
            Degradation.Blur => Filter(image, sharpen: false),
            Degradation.Sharpen => Filter(image, sharpen: true),
            Degradation.Upsample => Upsample(image),
            _ => throw new ArgumentOutOfRangeException(nameof(degradation), degradation, "Unknown degradation."),
        };
    }

    private static GrayImage Filter(GrayImage image, bool sharpen)
    {
        int w = image.Width, h = image.Height;
        var output = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var sum = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var weight = (dx == 0 ? 2 : 1) * (dy == 0 ? 2 : 1);
                        sum += weight * image[Math.Clamp(x + dx, 0, w - 1), Math.Clamp(y + dy, 0, h - 1)];
                    }
                }

                var blurred = sum / 16.0;
                var value = sharpen ? (2 * image[x, y]) - blurred : blurred;
                output[(y * w) + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }

        return new GrayImage(w, h, output, image.Dpi);
    }

    private static GrayImage Upsample(GrayImage image)
    {
        int w = image.Width, h = image.Height, w2 = 2 * w, h2 = 2 * h;
        var output = new byte[w2 * h2];
        for (var y = 0; y < h2; y++)
        {
            var sy = Math.Clamp(((y + 0.5) / 2) - 0.5, 0, h - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, h - 1);
            var fy = sy - y0;
            for (var x = 0; x < w2; x++)
            {
                var sx = Math.Clamp(((x + 0.5) / 2) - 0.5, 0, w - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, w - 1);
                var fx = sx - x0;
                var top = image[x0, y0] + (fx * (image[x1, y0] - image[x0, y0]));
                var bottom = image[x0, y1] + (fx * (image[x1, y1] - image[x0, y1]));
                output[(y * w2) + x] = (byte)Math.Clamp(Math.Round(top + (fy * (bottom - top))), 0, 255);
            }
        }

        return new GrayImage(w2, h2, output, 2 * image.Dpi);
    }
}
