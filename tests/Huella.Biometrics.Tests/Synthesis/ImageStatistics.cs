using System.Numerics;
using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Tests.Synthesis;

/// <summary>Independent measurements of an image, used to judge whether it looks like a fingerprint.</summary>
internal static class ImageStatistics
{
    public const int Block = 32;

    private static readonly Complex[] Twiddles = Enumerable.Range(0, Block).Select(k => Complex.FromPolarCoordinates(1, -2 * Math.PI * k / Block)).ToArray();

    /// <summary>Top-left corners of the 32×32 blocks whose gray levels vary like ridges (deviation above 20).</summary>
    public static List<(int X, int Y)> ForegroundBlocks(GrayImage image)
    {
        var blocks = new List<(int, int)>();
        for (var top = 0; top + Block <= image.Height; top += Block / 2)
        {
            for (var left = 0; left + Block <= image.Width; left += Block / 2)
            {
                double sum = 0, squares = 0;
                for (var y = top; y < top + Block; y++)
                {
                    for (var x = left; x < left + Block; x++)
                    {
                        sum += image[x, y];
                        squares += image[x, y] * image[x, y];
                    }
                }

                var mean = sum / (Block * Block);
                if (Math.Sqrt((squares / (Block * Block)) - (mean * mean)) > 20)
                {
                    blocks.Add((left, top));
                }
            }
        }

        return blocks;
    }

    /// <summary>
    /// Dominant period of a block from its 2-D Fourier spectrum (Hann-windowed, mean removed):
    /// the wavelength of the strongest frequency between 1.5 and 12 cycles per block (periods
    /// of 2.7 to 21 pixels, a band much wider than fingerprint ridges).
    /// </summary>
    public static double BlockPeriod(GrayImage image, int left, int top)
    {
        var values = new double[Block, Block];
        double mean = 0;
        for (var y = 0; y < Block; y++)
        {
            for (var x = 0; x < Block; x++)
            {
                mean += image[left + x, top + y];
            }
        }

        mean /= Block * Block;
        for (var y = 0; y < Block; y++)
        {
            for (var x = 0; x < Block; x++)
            {
                var window = (0.5 - (0.5 * Math.Cos(2 * Math.PI * (x + 0.5) / Block))) * (0.5 - (0.5 * Math.Cos(2 * Math.PI * (y + 0.5) / Block)));
                values[y, x] = (image[left + x, top + y] - mean) * window;
            }
        }

        var best = 0.0;
        var bestRadius = 0.0;
        for (var v = 0; v <= 12; v++)
        {
            for (var u = -12; u <= 12; u++)
            {
                var radius = Math.Sqrt((u * u) + (v * v));
                if (radius < 1.5 || radius > 12)
                {
                    continue;
                }

                var sum = Complex.Zero;
                for (var y = 0; y < Block; y++)
                {
                    for (var x = 0; x < Block; x++)
                    {
                        sum += values[y, x] * Twiddles[(((u * x) + (v * y)) % Block + Block) % Block];
                    }
                }

                if (sum.Magnitude > best)
                {
                    best = sum.Magnitude;
                    bestRadius = radius;
                }
            }
        }

        return Block / bestRadius;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
