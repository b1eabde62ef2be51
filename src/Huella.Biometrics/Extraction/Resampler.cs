using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Extraction;

/// <summary>Brings any image to 500 dpi so every later stage works in one unit of length.</summary>
internal static class Resampler
{
    public static GrayPlane To500Dpi(GrayImage image)
    {
        var scale = EngineParameters.TargetDpi / image.Dpi;
        var resample = Math.Abs(scale - 1) > EngineParameters.DpiTolerance;

        // Sizes are compared before the cast: a tiny declared resolution scales past int.
        var scaledWidth = resample ? Math.Max(1, Math.Round(image.Width * scale)) : image.Width;
        var scaledHeight = resample ? Math.Max(1, Math.Round(image.Height * scale)) : image.Height;
        if (scaledWidth > EngineParameters.MaxSide || scaledHeight > EngineParameters.MaxSide)
        {
            // Every later stage (the orientation map above all) is sized for prints up to MaxSide.
            return new GrayPlane(0, 0, []);
        }

        if (!resample)
        {
            return new GrayPlane(image.Width, image.Height, image.Buffer);
        }

        var width = (int)scaledWidth;
        var height = (int)scaledHeight;

        var source = image.Buffer;
        var sw = image.Width;
        var sh = image.Height;
        var output = new byte[width * height];
        var inverse = 1 / scale;

        // Downscaling by more than ~1.5× would alias ridges: average a box of source pixels instead.
        var box = inverse > 1.5 ? (int)Math.Floor(inverse) : 1;

        // Source columns and weights depend on x only: computed once, not once per pixel.
        var columns0 = new int[width];
        var columns1 = new int[width];
        var weights = new float[width];
        for (var x = 0; x < width; x++)
        {
            var sx = ((x + 0.5) * inverse) - 0.5;
            columns0[x] = Math.Clamp((int)Math.Floor(sx), 0, sw - 1);
            columns1[x] = Math.Min(columns0[x] + 1, sw - 1);
            weights[x] = (float)Math.Clamp(sx - columns0[x], 0, 1);
        }

        for (var y = 0; y < height; y++)
        {
            var sy = ((y + 0.5) * inverse) - 0.5;
            var y0 = Math.Clamp((int)Math.Floor(sy), 0, sh - 1);
            var y1 = Math.Min(y0 + 1, sh - 1);
            var fy = (float)Math.Clamp(sy - y0, 0, 1);
            var rowOut = output.AsSpan(y * width, width);
            if (box > 1)
            {
                for (var x = 0; x < width; x++)
                {
                    var x0 = columns0[x];
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

                    rowOut[x] = (byte)Math.Clamp((int)(((float)sum / count) + 0.5f), 0, 255);
                }

                continue;
            }

            var top = source.AsSpan(y0 * sw, sw);
            var bottom = source.AsSpan(y1 * sw, sw);
            for (var x = 0; x < rowOut.Length; x++)
            {
                int x0 = columns0[x], x1 = columns1[x];
                var fx = weights[x];
                var t = top[x0] + (fx * (top[x1] - top[x0]));
                var b = bottom[x0] + (fx * (bottom[x1] - bottom[x0]));
                rowOut[x] = (byte)Math.Clamp((int)(t + (fy * (b - t)) + 0.5f), 0, 255);
            }
        }

        return new GrayPlane(width, height, output);
    }
}

/// <summary>Pixels at 500 dpi: the working image of the extractor.</summary>
internal readonly record struct GrayPlane(int Width, int Height, byte[] Pixels);
