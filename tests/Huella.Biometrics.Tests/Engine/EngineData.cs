using Huella.Biometrics.Imaging;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Engine;

/// <summary>FVC2002 DB1 set B images and templates shared by the engine tests (extracted once).</summary>
internal static class EngineData
{
    private static readonly Lazy<Dictionary<string, FingerprintTemplate>> Templates = new(() =>
        SharedData.Files("fingerprints/fvc2002/db1b", "*.tif")
            .Where(f => Path.GetFileName(f)[..3] is "101" or "102" or "103")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => FingerprintTemplate.Create(ImageDecoder.Load(f))));

    /// <summary>Fingers 101–103, all eight impressions, keyed "F_I".</summary>
    public static Dictionary<string, FingerprintTemplate> Db1Fingers101To103 => Templates.Value;

    public static GrayImage Load(string name) => ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db1b", name + ".tif"));

    /// <summary>The image turned by <paramref name="degrees"/> about its centre and shifted, on a white background (bilinear).</summary>
    public static GrayImage Transform(GrayImage image, double degrees, int shiftX, int shiftY)
    {
        var output = new byte[image.Width * image.Height];
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        double cx = image.Width / 2.0, cy = image.Height / 2.0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                double dx = x - cx - shiftX, dy = y - cy - shiftY;
                var sx = (cos * dx) + (sin * dy) + cx;
                var sy = (-sin * dx) + (cos * dy) + cy;
                int ix = (int)Math.Floor(sx), iy = (int)Math.Floor(sy);
                if (ix < 0 || iy < 0 || ix >= image.Width - 1 || iy >= image.Height - 1)
                {
                    output[(y * image.Width) + x] = 255;
                    continue;
                }

                double fx = sx - ix, fy = sy - iy;
                var value = (image[ix, iy] * (1 - fx) * (1 - fy)) + (image[ix + 1, iy] * fx * (1 - fy))
                    + (image[ix, iy + 1] * (1 - fx) * fy) + (image[ix + 1, iy + 1] * fx * fy);
                output[(y * image.Width) + x] = (byte)Math.Round(value);
            }
        }

        return new GrayImage(image.Width, image.Height, output, image.Dpi);
    }

    public static GrayImage Crop(GrayImage image, int left, int top, int width, int height)
    {
        var output = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            image.Row(top + y).Slice(left, width).CopyTo(output.AsSpan(y * width, width));
        }

        return new GrayImage(width, height, output, image.Dpi);
    }
}
