using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using SkiaSharp;

namespace Huella.Elections.Scan;

/// <summary>
/// Turns an uploaded photo or scan into gray pixels, within <see cref="PhotoLimits"/>. Rows are
/// decoded in bands and averaged down on the way when the image is larger than the scanner keeps, so
/// a 48-megapixel photo never needs its full colour buffer in memory.
/// </summary>
public static class PhotoDecoder
{
    private const int BandRows = 32;

    public static bool TryDecode(ReadOnlySpan<byte> data, PhotoLimits limits, out GrayImage? image, out PhotoError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        image = null;
        error = null;
        if (data.Length > limits.MaxBytes)
        {
            error = new PhotoError(PhotoErrorKind.TooManyBytes, $"The file is {data.Length:N0} bytes; a photo may be at most {limits.MaxBytes:N0}.");
            return false;
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return TryTiff(data, out image, out error);
        }

        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData);
        if (codec is null)
        {
            error = new PhotoError(PhotoErrorKind.NotAnImage, "The file is not an image (JPEG, PNG, BMP, WebP or TIFF).");
            return false;
        }

        long width = codec.Info.Width;
        long height = codec.Info.Height;
        if (width <= 0 || height <= 0 || width * height > limits.MaxPixels)
        {
            error = new PhotoError(PhotoErrorKind.TooManyPixels, $"The image is {width} x {height} pixels; a photo may have at most {limits.MaxPixels:N0}.");
            return false;
        }

        // Averaging factor×factor blocks keeps at most MaxDecodedPixels.
        var factor = 1;
        while (width / factor * (height / factor) > limits.MaxDecodedPixels)
        {
            factor++;
        }

        var result = TryBands(codec, factor, out image) ?? TryWhole(codec, factor, limits, out image);
        if (result is { } problem)
        {
            error = problem;
            image = null;
            return false;
        }

        return true;
    }

    private static bool TryTiff(ReadOnlySpan<byte> data, out GrayImage? image, out PhotoError? error)
    {
        try
        {
            image = ImageDecoder.Decode(data);
            error = null;
            return true;
        }
        catch (FingerprintFormatException e)
        {
            image = null;
            error = new PhotoError(e.Error == FingerprintFormatError.ImageTooLarge ? PhotoErrorKind.TooManyPixels : PhotoErrorKind.Unreadable, $"TIFF: {e.Message}");
            return false;
        }
    }

    /// <summary>Decodes row bands; null on success, an error, or null with no image when the codec cannot decode by rows.</summary>
    private static PhotoError? TryBands(SKCodec codec, int factor, out GrayImage? image)
    {
        image = null;
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (codec.StartScanlineDecode(info) != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            return null;
        }

        var outWidth = width / factor;
        var outHeight = height / factor;
        var gray = new byte[outWidth * outHeight];
        var sums = new int[outWidth];
        using var band = new SKBitmap(new SKImageInfo(width, BandRows, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var rowInBlock = 0;
        var outRow = 0;
        for (var y = 0; y < height && outRow < outHeight; y += BandRows)
        {
            var rows = Math.Min(BandRows, height - y);
            if (codec.GetScanlines(band.GetPixels(), rows, band.RowBytes) < rows)
            {
                return new PhotoError(PhotoErrorKind.Unreadable, "The image is truncated or corrupt.");
            }

            var rgba = band.GetPixelSpan();
            for (var r = 0; r < rows && outRow < outHeight; r++)
            {
                AccumulateRow(rgba.Slice(r * band.RowBytes, width * 4), sums, factor);
                if (++rowInBlock == factor)
                {
                    var area = factor * factor;
                    for (var x = 0; x < outWidth; x++)
                    {
                        gray[(outRow * outWidth) + x] = (byte)(sums[x] / area);
                    }

                    Array.Clear(sums);
                    rowInBlock = 0;
                    outRow++;
                }
            }
        }

        image = new GrayImage(outWidth, outHeight, gray, GrayImage.DefaultDpi);
        return null;
    }

    /// <summary>
    /// Decodes the whole image at once (PNG, WebP): straight to gray when the codec can (one byte a
    /// pixel, so up to <see cref="PhotoLimits.MaxPixels"/>), else through RGBA when that stays within
    /// <see cref="PhotoLimits.MaxDecodedPixels"/>; then averaged down by <paramref name="factor"/>.
    /// </summary>
    private static PhotoError? TryWhole(SKCodec codec, int factor, PhotoLimits limits, out GrayImage? image)
    {
        image = null;
        var width = codec.Info.Width;
        var height = codec.Info.Height;
        byte[] gray;
        var direct = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var bitmap = new SKBitmap(direct))
        {
            var result = codec.GetPixels(direct, bitmap.GetPixels());
            if (result == SKCodecResult.Success)
            {
                gray = Rows(bitmap.GetPixelSpan(), bitmap.RowBytes, width, height);
                image = Average(gray, width, height, factor);
                return null;
            }

            if (result != SKCodecResult.InvalidConversion)
            {
                return Failure(result);
            }
        }

        if ((long)width * height > limits.MaxDecodedPixels)
        {
            return new PhotoError(PhotoErrorKind.TooManyPixels, $"This {codec.EncodedFormat} image of {width} x {height} pixels is too large to decode; send it as JPEG or at most {limits.MaxDecodedPixels:N0} pixels.");
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using (var bitmap = new SKBitmap(info))
        {
            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result != SKCodecResult.Success)
            {
                return Failure(result);
            }

            var sums = new int[width];
            gray = new byte[width * height];
            var rgba = bitmap.GetPixelSpan();
            for (var y = 0; y < height; y++)
            {
                AccumulateRow(rgba.Slice(y * bitmap.RowBytes, width * 4), sums, 1);
                for (var x = 0; x < width; x++)
                {
                    gray[(y * width) + x] = (byte)sums[x];
                }

                Array.Clear(sums);
            }
        }

        image = Average(gray, width, height, factor);
        return null;
    }

    private static PhotoError Failure(SKCodecResult result) =>
        new(PhotoErrorKind.Unreadable, result == SKCodecResult.IncompleteInput ? "The image is truncated." : $"The image could not be decoded ({result}).");

    private static byte[] Rows(ReadOnlySpan<byte> pixels, int rowBytes, int width, int height)
    {
        var gray = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            pixels.Slice(y * rowBytes, width).CopyTo(gray.AsSpan(y * width, width));
        }

        return gray;
    }

    private static GrayImage Average(byte[] gray, int width, int height, int factor)
    {
        if (factor == 1)
        {
            return new GrayImage(width, height, gray, GrayImage.DefaultDpi);
        }

        var outWidth = width / factor;
        var outHeight = height / factor;
        var averaged = new byte[outWidth * outHeight];
        var area = factor * factor;
        unchecked
        {
            for (var y = 0; y < outHeight; y++)
            {
                for (var x = 0; x < outWidth; x++)
                {
                    var sum = 0;
                    for (var dy = 0; dy < factor; dy++)
                    {
                        var row = (((y * factor) + dy) * width) + (x * factor);
                        for (var dx = 0; dx < factor; dx++)
                        {
                            sum += gray[row + dx];
                        }
                    }

                    averaged[(y * outWidth) + x] = (byte)(sum / area);
                }
            }
        }

        return new GrayImage(outWidth, outHeight, averaged, GrayImage.DefaultDpi);
    }

    /// <summary>Adds one RGBA row's luma (transparent reads as white paper) into <paramref name="sums"/>, <paramref name="factor"/> pixels a cell.</summary>
    private static void AccumulateRow(ReadOnlySpan<byte> rgba, int[] sums, int factor)
    {
        unchecked
        {
            var cells = sums.Length;
            for (var x = 0; x < cells * factor; x++)
            {
                var j = x * 4;
                var luma = ((299 * rgba[j]) + (587 * rgba[j + 1]) + (114 * rgba[j + 2]) + 500) / 1000;
                var alpha = rgba[j + 3];
                sums[x / factor] += alpha == 255 ? luma : ((luma * alpha) + (255 * (255 - alpha)) + 127) / 255;
            }
        }
    }
}
