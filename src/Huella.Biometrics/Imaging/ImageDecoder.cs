using Huella.Biometrics.Formats.Wsq;

namespace Huella.Biometrics.Imaging;

/// <summary>
/// Reads fingerprint images of any supported format into <see cref="GrayImage"/>. The format is
/// recognised from the content, never from a file name; colour is converted to gray; the resolution
/// stored in the file is used unless the caller gives one.
/// </summary>
public static class ImageDecoder
{
    /// <summary>
    /// Largest image any decoder accepts, in pixels, checked against the header before any pixel
    /// buffer is allocated: a 4 × 4 inch area scanned at 1000 ppi (4000 × 4000). That holds the
    /// largest friction-ridge capture the engine takes (a four-finger slap, 3.2 × 3.0 inches, or a
    /// ten-print card box at 1000 ppi) with margin, and bounds what a forged header can make a
    /// decoder allocate to about 80 MB (PNG/JPEG/BMP decode through 4 bytes a pixel) or 210 MB (WSQ).
    /// </summary>
    public const long MaxPixels = 4000L * 4000;

    public static ImageFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }

        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xA0]))
        {
            return ImageFormat.Wsq;
        }

        if (data.StartsWith("BM"u8))
        {
            return ImageFormat.Bmp;
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return ImageFormat.Tiff;
        }

        if (data.Length >= 3 && data[0] == (byte)'P' && (data[1] == (byte)'5' || data[1] == (byte)'2') && IsPnmSpace(data[2]))
        {
            return ImageFormat.Pgm;
        }

        return ImageFormat.Unknown;
    }

    /// <summary>Decodes an image; <paramref name="dpi"/>, when given, overrides the file's resolution.</summary>
    public static GrayImage Decode(ReadOnlySpan<byte> data, double? dpi = null)
    {
        var format = Detect(data);
        var image = format switch
        {
            ImageFormat.Png or ImageFormat.Jpeg or ImageFormat.Bmp => SkiaReader.Read(data, format),
            ImageFormat.Tiff => TiffReader.Read(data),
            ImageFormat.Pgm => PgmReader.Read(data),
            ImageFormat.Wsq => WsqCodec.Decode(data),
            _ => throw new FingerprintFormatException("Not an image format Huella reads (PNG, JPEG, BMP, TIFF, PGM, WSQ).") { Offset = 0 },
        };
        return dpi is { } given ? image.WithDpi(given) : image;
    }

    public static GrayImage Load(string path, double? dpi = null) => Decode(File.ReadAllBytes(path), dpi);

    /// <summary>Raw 8-bit gray pixels, row-major, with the size given by the caller.</summary>
    public static GrayImage DecodeRaw(ReadOnlySpan<byte> data, int width, int height, double dpi = GrayImage.DefaultDpi)
    {
        CheckSize(width, height, "raw");
        if (data.Length < (long)width * height)
        {
            throw new FingerprintFormatException($"Raw image of {width}x{height} needs {(long)width * height} bytes, got {data.Length}.") { Format = "raw" };
        }

        return new GrayImage(width, height, data[..(width * height)].ToArray(), dpi);
    }

    internal static void CheckSize(long width, long height, string format)
    {
        if (width <= 0 || height <= 0)
        {
            throw new FingerprintFormatException($"Image size {width}x{height} is out of range.") { Format = format };
        }

        if (width * height > MaxPixels)
        {
            throw TooLarge(width, height, format);
        }
    }

    /// <summary><see cref="MaxPixels"/> in words, for error messages.</summary>
    internal const string LimitText = "at most 4000 x 4000 pixels, 4 x 4 inches at 1000 ppi";

    /// <summary>The error for a header declaring more pixels than <see cref="MaxPixels"/>.</summary>
    internal static FingerprintFormatException TooLarge(long width, long height, string format) =>
        new($"{format} image of {width}x{height} pixels is larger than Huella decodes ({LimitText}).")
        {
            Format = format,
            Error = FingerprintFormatError.ImageTooLarge,
        };

    internal static bool IsPnmSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    /// <summary>ITU-R BT.601 luma in integer arithmetic, exact for gray inputs (r = g = b).</summary>
    internal static byte Luma(byte r, byte g, byte b) => (byte)(((299 * r) + (587 * g) + (114 * b) + 500) / 1000);
}
