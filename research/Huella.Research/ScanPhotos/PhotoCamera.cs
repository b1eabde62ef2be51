using Huella.Biometrics.Imaging;
using SkiaSharp;

namespace Huella.Research.ScanPhotos;

/// <summary>
/// Photographs a printed document: places it on a darker table under a projective map (scale,
/// turn, slant), blurs, lights unevenly, adds sensor noise, frames (optionally cropped close to the
/// QR) and encodes as JPEG or PNG. Every choice comes from the caller's <see cref="Random"/>.
/// </summary>
internal static class PhotoCamera
{
    public static (byte[] File, string Extension) Photograph(PrintedDocument document, PhotoParameters p, Random random)
    {
        var source = document.Image;
        var scale = p.ModulePixels / document.ModulePixels;
        double w = source.Width * scale, h = source.Height * scale;
        var angle = p.RotationDegrees * Math.PI / 180;
        (double X, double Y)[] from = [(0, 0), (source.Width, 0), (source.Width, source.Height), (0, source.Height)];
        var to = new (double X, double Y)[4];
        (double X, double Y)[] unit = [(-0.5, -0.5), (0.5, -0.5), (0.5, 0.5), (-0.5, 0.5)];
        for (var i = 0; i < 4; i++)
        {
            var x = (unit[i].X + ((random.NextDouble() - 0.5) * 2 * p.Perspective)) * w;
            var y = (unit[i].Y + ((random.NextDouble() - 0.5) * 2 * p.Perspective)) * h;
            to[i] = ((x * Math.Cos(angle)) - (y * Math.Sin(angle)), (x * Math.Sin(angle)) + (y * Math.Cos(angle)));
        }

        var margin = 0.06 * Math.Max(w, h);
        var minX = to.Min(c => c.X) - margin;
        var minY = to.Min(c => c.Y) - margin;
        for (var i = 0; i < 4; i++)
        {
            to[i] = (to[i].X - minX, to[i].Y - minY);
        }

        var map = Homography.Solve(from, to);
        var (left, top, right, bottom) = (0.0, 0.0, to.Max(c => c.X) + margin, to.Max(c => c.Y) + margin);
        if (p.Cropped)
        {
            // Framed close to the code: some of the text around it, all of the code and its quiet zone.
            (double X, double Y)[] qr = [
                Homography.Apply(map, document.QrLeft, document.QrTop),
                Homography.Apply(map, document.QrLeft + document.QrSize, document.QrTop),
                Homography.Apply(map, document.QrLeft + document.QrSize, document.QrTop + document.QrSize),
                Homography.Apply(map, document.QrLeft, document.QrTop + document.QrSize)];
            var size = document.QrSize * scale;
            double Slack() => size * (0.15 + (random.NextDouble() * 1.2));
            left = Math.Max(left, qr.Min(c => c.X) - Slack());
            top = Math.Max(top, qr.Min(c => c.Y) - Slack());
            right = Math.Min(right, qr.Max(c => c.X) + Slack());
            bottom = Math.Min(bottom, qr.Max(c => c.Y) + Slack());
        }

        var width = (int)Math.Ceiling(right - left);
        var height = (int)Math.Ceiling(bottom - top);
        var gray = Render(source, map, left, top, width, height, p, random);
        return Encode(gray, width, height, p.JpegQuality);
    }

    private static byte[] Render(GrayImage source, double[] map, double left, double top, int width, int height, PhotoParameters p, Random random)
    {
        using var document = ToSkia(source);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var scene = new SKBitmap(info);
        using (var canvas = new SKCanvas(scene))
        {
            var table = (byte)random.Next(50, 140);
            canvas.Clear(new SKColor(table, table, (byte)Math.Max(0, table - 15)));
            // The document-to-photo map, then shifted so the frame's corner is the origin.
            var matrix = new SKMatrix(
                (float)(map[0] - (left * map[6])), (float)(map[1] - (left * map[7])), (float)(map[2] - (left * map[8])),
                (float)(map[3] - (top * map[6])), (float)(map[4] - (top * map[7])), (float)(map[5] - (top * map[8])),
                (float)map[6], (float)map[7], (float)map[8]);
            canvas.SetMatrix(matrix);
            canvas.DrawImage(document, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        SKBitmap final = scene;
        SKBitmap? blurred = null;
        if (p.BlurModules > 0)
        {
            blurred = new SKBitmap(info);
            using var canvas = new SKCanvas(blurred);
            using var image = SKImage.FromBitmap(scene);
            var sigma = (float)(p.BlurModules * p.ModulePixels);
            using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp) };
            canvas.DrawImage(image, 0, 0, paint);
            final = blurred;
        }

        var rgba = final.GetPixelSpan();
        var gray = new byte[width * height];
        var direction = random.NextDouble() * 2 * Math.PI;
        var (dx, dy) = (Math.Cos(direction), Math.Sin(direction));
        var reach = (Math.Abs(dx) * width) + (Math.Abs(dy) * height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width) + x;
                var along = (((x - (width / 2.0)) * dx) + ((y - (height / 2.0)) * dy)) / reach + 0.5;
                var light = 1 - (p.Lighting * along);
                var value = (rgba[i * 4] * light) + (p.NoiseDeviation * Gaussian(random));
                gray[i] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }

        blurred?.Dispose();
        return gray;
    }

    private static SKImage ToSkia(GrayImage image)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var data = SKData.CreateCopy(image.Pixels);
        return SKImage.FromPixels(info, data, image.Width);
    }

    private static (byte[] File, string Extension) Encode(byte[] gray, int width, int height, int? quality)
    {
        if (quality is null)
        {
            return (ImageEncoder.EncodePng(new GrayImage(width, height, gray)), "png");
        }

        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var data = SKData.CreateCopy(gray);
        using var image = SKImage.FromPixels(info, data, width);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, quality.Value);
        return (encoded.ToArray(), "jpg");
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
