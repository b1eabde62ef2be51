using System.Text;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using SkiaSharp;

namespace Huella.Elections.Tests.Scan;

/// <summary>Pictures for scanner tests: a QR code drawn on a white page, as PNG or JPEG.</summary>
internal static class ScanImages
{
    /// <summary>A page of <paramref name="width"/> × <paramref name="height"/> with the QR of <paramref name="payload"/> at (x, y), <paramref name="module"/> pixels a module.</summary>
    public static GrayImage Page(byte[] payload, int width = 900, int height = 1200, int x = 300, int y = 700, int module = 4)
    {
        var pixels = new byte[width * height];
        pixels.AsSpan().Fill(255);
        var (qr, size) = ActaQr.Render(ActaQr.Modules(payload), module);
        for (var row = 0; row < size; row++)
        {
            qr.AsSpan(row * size, size).CopyTo(pixels.AsSpan(((y + row) * width) + x, size));
        }

        return new GrayImage(width, height, pixels);
    }

    public static GrayImage Page(string text) => Page(Encoding.ASCII.GetBytes(text));

    public static byte[] Png(GrayImage image) => ImageEncoder.EncodePng(image);

    public static byte[] Jpeg(GrayImage image, int quality = 85)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Gray8, SKAlphaType.Opaque);
        using var data = SKData.CreateCopy(image.Pixels);
        using var sk = SKImage.FromPixels(info, data, image.Width);
        using var encoded = sk.Encode(SKEncodedImageFormat.Jpeg, quality);
        return encoded.ToArray();
    }
}
