using BitMiracle.LibTiff.Classic;

namespace Huella.Biometrics.Imaging;

/// <summary>
/// TIFF through LibTiff.NET: 8-bit gray read scanline by scanline (uncompressed, PackBits, LZW,
/// Deflate); anything else (colour, palette, bilevel, tiles) through LibTiff's RGBA path.
/// </summary>
internal static class TiffReader
{
    private const string Format = "TIFF";

    [ThreadStatic]
    private static string? t_lastError;

    static TiffReader() => Tiff.SetErrorHandler(new RecordingHandler());

    public static GrayImage Read(ReadOnlySpan<byte> data)
    {
        t_lastError = null;
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        try
        {
            using var tiff = Tiff.ClientOpen("image", "r", stream, new TiffStream()) ?? throw Failure("unreadable header");
            var width = Field(tiff, TiffTag.IMAGEWIDTH);
            var height = Field(tiff, TiffTag.IMAGELENGTH);
            ImageDecoder.CheckSize(width, height, Format);
            var bits = FieldOr(tiff, TiffTag.BITSPERSAMPLE, 1);
            var samples = FieldOr(tiff, TiffTag.SAMPLESPERPIXEL, 1);
            var photometric = (Photometric)FieldOr(tiff, TiffTag.PHOTOMETRIC, (int)Photometric.MINISBLACK);

            var pixels = bits == 8 && samples == 1 && !tiff.IsTiled() && photometric is Photometric.MINISBLACK or Photometric.MINISWHITE
                ? ReadGrayScanlines(tiff, width, height, photometric == Photometric.MINISWHITE)
                : ReadThroughRgba(tiff, width, height);
            return new GrayImage(width, height, pixels, Resolution(tiff) ?? GrayImage.DefaultDpi);
        }
        catch (FingerprintFormatException)
        {
            throw;
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or NullReferenceException or OverflowException or EndOfStreamException)
        {
            // LibTiff.NET surfaces some corrupt files as runtime exceptions; to callers they are format errors.
            throw new FingerprintFormatException($"Corrupt TIFF image: {e.Message}", e) { Format = Format };
        }
    }

    private static byte[] ReadGrayScanlines(Tiff tiff, int width, int height, bool minIsWhite)
    {
        var pixels = new byte[width * height];
        var scanline = new byte[Math.Max(tiff.ScanlineSize(), width)];
        for (var y = 0; y < height; y++)
        {
            if (!tiff.ReadScanline(scanline, y))
            {
                throw Failure($"row {y} could not be read");
            }

            scanline.AsSpan(0, width).CopyTo(pixels.AsSpan(y * width, width));
        }

        if (minIsWhite)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)(255 - pixels[i]);
            }
        }

        return pixels;
    }

    private static byte[] ReadThroughRgba(Tiff tiff, int width, int height)
    {
        var raster = new int[width * height];
        if (!tiff.ReadRGBAImageOriented(width, height, raster, Orientation.TOPLEFT))
        {
            throw Failure("pixel data could not be read");
        }

        var pixels = new byte[raster.Length];
        for (var i = 0; i < raster.Length; i++)
        {
            var abgr = raster[i];
            pixels[i] = ImageDecoder.Luma((byte)Tiff.GetR(abgr), (byte)Tiff.GetG(abgr), (byte)Tiff.GetB(abgr));
        }

        return pixels;
    }

    private static double? Resolution(Tiff tiff)
    {
        var x = tiff.GetField(TiffTag.XRESOLUTION);
        if (x is null || x.Length == 0)
        {
            return null;
        }

        var value = x[0].ToDouble();
        var unit = (ResUnit)FieldOr(tiff, TiffTag.RESOLUTIONUNIT, (int)ResUnit.INCH);
        var dpi = unit switch
        {
            ResUnit.CENTIMETER => value * 2.54,
            ResUnit.INCH => value,
            _ => 0,
        };
        return dpi is >= 250 and <= 10_000 ? Math.Round(dpi, 1) : null;
    }

    private static int Field(Tiff tiff, TiffTag tag)
    {
        var value = tiff.GetField(tag);
        return value is { Length: > 0 } ? value[0].ToInt() : throw Failure($"required tag {tag} is missing");
    }

    private static int FieldOr(Tiff tiff, TiffTag tag, int fallback)
    {
        var value = tiff.GetField(tag);
        return value is { Length: > 0 } ? value[0].ToInt() : fallback;
    }

    private static FingerprintFormatException Failure(string what) =>
        new($"Corrupt TIFF image: {what}{(t_lastError is null ? "" : $" ({t_lastError})")}.") { Format = Format };

    /// <summary>LibTiff reports problems through a global handler that prints to the console by default.</summary>
    private sealed class RecordingHandler : TiffErrorHandler
    {
        public override void ErrorHandler(Tiff tif, string method, string format, params object[] args) =>
            t_lastError = args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);

        public override void WarningHandler(Tiff tif, string method, string format, params object[] args)
        {
        }

        public override void ErrorHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args) =>
            ErrorHandler(tif, method, format, args);

        public override void WarningHandlerExt(Tiff tif, object clientData, string method, string format, params object[] args)
        {
        }
    }
}
