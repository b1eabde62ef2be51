using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Extraction;

/// <summary>Brings any image to 500 dpi so every later stage works in one unit of length.</summary>
internal static class Resampler
{
    public static GrayPlane To500Dpi(GrayImage image)
    {
        var scale = EngineParameters.TargetDpi / image.Dpi;
        if (Math.Abs(scale - 1) <= EngineParameters.DpiTolerance)
        {
            return new GrayPlane(image.Width, image.Height, image.Buffer);
        }

        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        if (width > EngineParameters.MaxSide || height > EngineParameters.MaxSide)
        {
            return new GrayPlane(width, height, []);
        }

        var source = image.Buffer;
        var sw = image.Width;
        var sh = image.Height;
        var output = new byte[width * height];
        var inverse = 1 / scale;

        // Downscaling by more than ~1.5× would alias ridges: average a box of source pixels instead.
        var box = inverse > 1.5 ? (int)Math.Floor(inverse) : 1;
        for (var y = 0; y < height; y++)
        {
            var sy = ((y + 0.5) * inverse) - 0.5;
            var y0 = Math.Clamp((int)Math.Floor(sy), 0, sh - 1);
            var y1 = Math.Min(y0 + 1, sh - 1);
            var fy = (float)Math.Clamp(sy - y0, 0, 1);
            for (var x = 0; x < width; x++)
            {
                var sx = ((x + 0.5) * inverse) - 0.5;
                var x0 = Math.Clamp((int)Math.Floor(sx), 0, sw - 1);
                float value;
                if (box > 1)
                {
                    var sum = 0;
                    var count = 0;
                    for (var by = y0; by < Math.Min(y0 + box, sh); by++)
                    {
                        for (var bx = x0; bx < Math.Min(x0 + box, sw); bx++)
                        {
                            sum += source[(by * sw) + bx];
                            count++;
                        }
                    }

                    value = (float)sum / count;
                }
                else
                {
                    var x1 = Math.Min(x0 + 1, sw - 1);
                    var fx = (float)Math.Clamp(sx - x0, 0, 1);
                    var top = source[(y0 * sw) + x0] + (fx * (source[(y0 * sw) + x1] - source[(y0 * sw) + x0]));
                    var bottom = source[(y1 * sw) + x0] + (fx * (source[(y1 * sw) + x1] - source[(y1 * sw) + x0]));
                    value = top + (fy * (bottom - top));
                }

                output[(y * width) + x] = (byte)Math.Clamp((int)(value + 0.5f), 0, 255);
            }
        }

        return new GrayPlane(width, height, output);
    }
}

/// <summary>Pixels at 500 dpi: the working image of the extractor.</summary>
internal readonly record struct GrayPlane(int Width, int Height, byte[] Pixels);
