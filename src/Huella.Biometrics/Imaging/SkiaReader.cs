using SkiaSharp;

namespace Huella.Biometrics.Imaging;

/// <summary>PNG, JPEG and BMP through Skia, which is fuzzed by its maintainers far beyond what we could.</summary>
internal static class SkiaReader
{
    public static GrayImage Read(ReadOnlySpan<byte> data, ImageFormat format)
    {
        var name = format.ToString().ToUpperInvariant();
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData) ?? throw new FingerprintFormatException($"Unreadable {name} image.") { Format = name };
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        ImageDecoder.CheckSize(width, height, name);

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var result = codec.GetPixels(info, out var rgba);
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new FingerprintFormatException($"{name} image could not be decoded: {result}.") { Format = name };
        }

        if (result == SKCodecResult.IncompleteInput)
        {
            throw new FingerprintFormatException($"{name} image is truncated.") { Format = name };
        }

        var gray = new byte[width * height];
        for (int i = 0, j = 0; i < gray.Length; i++, j += 4)
        {
            // Transparent pixels read as paper (white), not as black.
            var alpha = rgba[j + 3];
            var luma = ImageDecoder.Luma(rgba[j], rgba[j + 1], rgba[j + 2]);
            gray[i] = alpha == 255 ? luma : (byte)(((luma * alpha) + (255 * (255 - alpha)) + 127) / 255);
        }

        var dpi = ImageResolution.Read(data, format) ?? GrayImage.DefaultDpi;
        return new GrayImage(width, height, gray, dpi);
    }
}
