using System.Text;
using Huella.Biometrics.Imaging;
using ZXing;
using ZXing.Common;
using ZXing.Multi.QrCode;
using ZXing.QrCode;

namespace Huella.Elections.Scan;

/// <summary>
/// Finds a QR code anywhere in a photo of a page or of a long thermal strip. ZXing decodes; this
/// decides what ZXing is shown, cheapest first, and stops at the first code that
/// <paramref name="wanted"/> accepts: the whole picture at a working size under ZXing's hybrid and
/// global-histogram binarizers and a Sauvola threshold, then at full resolution, turned by 45°,
/// enlarged (low resolution), sharpened at three reaches (blur), median-filtered (thermal specks),
/// then in overlapping windows of half the short side (a small code on a big page). A code that is
/// read but not wanted (some other QR in the picture) is kept and returned if nothing better turns up.
/// </summary>
public static class QrLocator
{
    /// <summary>Long side of the picture the first attempts see: a QR on a page photographed whole still has 3+ pixels a module.</summary>
    private const int WorkingSize = 1600;

    /// <summary>Long side each window is scaled to.</summary>
    private const int WindowSize = 800;

    private static readonly Dictionary<DecodeHintType, object> Hints = new()
    {
        [DecodeHintType.TRY_HARDER] = true,
        [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE },
    };

    private enum Threshold
    {
        Hybrid,
        Histogram,
        Sauvola,
    }

    public static QrRead? Find(GrayImage image, Func<QrRead, bool> wanted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(wanted);
        QrRead? other = null;
        foreach (var (method, plane, threshold, multi) in Attempts(new GrayPlane(image.Width, image.Height, image.Pixels.ToArray())))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = Decode(plane, threshold, multi, method);
            if (read is null)
            {
                continue;
            }

            if (wanted(read))
            {
                return read;
            }

            other ??= read;
        }

        return other;
    }

    private static IEnumerable<(string Method, GrayPlane Plane, Threshold Threshold, bool Multi)> Attempts(GrayPlane original)
    {
        var working = original.LongSide > WorkingSize ? original.ScaleTo(WorkingSize) : original;
        yield return ("whole/hybrid", working, Threshold.Hybrid, true);
        yield return ("whole/histogram", working, Threshold.Histogram, false);
        var stretched = working.Stretch();
        yield return ("whole/sauvola", stretched, Threshold.Sauvola, true);
        if (original.LongSide > WorkingSize)
        {
            var large = original.LongSide > 2 * WorkingSize ? original.ScaleTo(2 * WorkingSize) : original;
            yield return ("full/hybrid", large, Threshold.Hybrid, true);
        }

        // ZXing's finder-pattern scan runs along rows; codes near 45° are found more easily turned square.
        yield return ("turned45/hybrid", stretched.Rotate(45), Threshold.Hybrid, false);
        if (working.LongSide <= WorkingSize * 3 / 4)
        {
            var enlarged = stretched.Resize(working.Width * 2, working.Height * 2);
            yield return ("enlarged/hybrid", enlarged, Threshold.Hybrid, true);
            yield return ("enlarged/sauvola", enlarged, Threshold.Sauvola, false);
        }

        // Out of focus: unsharp masks of growing reach undo a blur of about their radius.
        foreach (var (radius, amount) in ((int, double)[])[(1, 1.5), (2, 2.5), (4, 3)])
        {
            var sharpened = stretched.Sharpen(radius, amount);
            yield return ($"sharpened{radius}/hybrid", sharpened, Threshold.Hybrid, false);
            yield return ($"sharpened{radius}/sauvola", sharpened, Threshold.Sauvola, false);
        }

        var median = stretched.Median3();
        yield return ("median/hybrid", median, Threshold.Hybrid, false);
        yield return ("median/sauvola", median, Threshold.Sauvola, false);

        foreach (var window in Windows(stretched, 0.5))
        {
            var scaled = window.ScaleTo(WindowSize);
            yield return ("window/hybrid", scaled, Threshold.Hybrid, false);
            yield return ("window/sauvola", scaled.Sharpen(2, 2), Threshold.Sauvola, false);
        }

    }

    /// <summary>Squares of <paramref name="fraction"/> of the short side, overlapping by half, covering the picture.</summary>
    private static IEnumerable<GrayPlane> Windows(GrayPlane plane, double fraction)
    {
        var side = Math.Max(64, (int)(plane.ShortSide * fraction));
        var step = side / 2;
        for (var top = 0; ; top += step)
        {
            top = Math.Min(top, Math.Max(0, plane.Height - side));
            for (var left = 0; ; left += step)
            {
                left = Math.Min(left, Math.Max(0, plane.Width - side));
                yield return plane.Crop(left, top, side, side);
                if (left + side >= plane.Width)
                {
                    break;
                }
            }

            if (top + side >= plane.Height)
            {
                break;
            }
        }
    }

    private static QrRead? Decode(GrayPlane plane, Threshold threshold, bool multi, string method)
    {
        var source = new RGBLuminanceSource(plane.Pixels, plane.Width, plane.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        Binarizer binarizer = threshold switch
        {
            Threshold.Hybrid => new HybridBinarizer(source),
            Threshold.Histogram => new GlobalHistogramBinarizer(source),
            _ => new SauvolaBinarizer(source, Math.Max(15, (plane.ShortSide / 24) | 1), 0.2),
        };
        var bitmap = new BinaryBitmap(binarizer);
        try
        {
            if (Of(new QRCodeReader().decode(bitmap, Hints), method) is { } read)
            {
                return read;
            }
        }
        catch (ReaderException)
        {
            // Nothing found this way; the multi-symbol finder below locates some codes the single one misses.
        }

        if (!multi)
        {
            return null;
        }

        try
        {
            return new QRCodeMultiReader().decodeMultiple(bitmap, Hints)?.Select(r => Of(r, method + "+multi")).FirstOrDefault(r => r is not null);
        }
        catch (ReaderException)
        {
            return null;
        }
    }

    private static QrRead? Of(Result? result, string method)
    {
        if (result?.Text is null)
        {
            return null;
        }

        var bytes = result.ResultMetadata is { } metadata && metadata.TryGetValue(ResultMetadataType.BYTE_SEGMENTS, out var segments) && segments is IList<byte[]> list
            ? [.. list.SelectMany(segment => segment)]
            : Encoding.Latin1.GetBytes(result.Text);
        return new QrRead(bytes, result.Text, method);
    }
}
