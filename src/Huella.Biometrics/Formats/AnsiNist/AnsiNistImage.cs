using System.Globalization;

namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>
/// What a caller needs from a friction-ridge image record (binary Types 3–6, tagged Types 13–15):
/// geometry, resolution, compression, finger (or palm) position and the still-encoded image bytes.
/// </summary>
/// <param name="PixelsPerMillimeter">Null when the record gives only an aspect ratio (SLC 0) or no usable resolution.</param>
/// <param name="Position">Finger position (Types 3, 4, 13, 14; 0 unknown, 1–10 fingers, 11–15 plain impressions) or palm position (Type 15).</param>
public sealed record AnsiNistImage(
    int RecordType,
    int Idc,
    int Width,
    int Height,
    double? PixelsPerMillimeter,
    ImageCompression Compression,
    string CompressionLabel,
    int Position,
    ReadOnlyMemory<byte> Data)
{
    /// <summary>The standard's minimum scanning resolution (500 ppi), which ISR 0 declares.</summary>
    public const double MinimumScanningResolution = 19.69;

    /// <summary>Resolution in pixels per inch, when known.</summary>
    public double? Dpi => PixelsPerMillimeter * 25.4;

    internal static AnsiNistImage? From(AnsiNistRecord record, TaggedRecord header)
    {
        switch (record)
        {
            case BinaryRecord binary when binary.ImageHeader is { } h:
                // ISR 1 = native scanning resolution (1.011); 0 = the minimum, 19.69 ppmm, sent as 1.012 (NTR).
                var resolution = h.ScanResolution == 1 ? ReadDecimal(header, 11) : ReadDecimal(header, 12) ?? MinimumScanningResolution;
                var code = h.Compression;
                var compression = binary.Type is 3 or 4 ? ImageCompressionCodes.FromCode(code) : code == 0 ? ImageCompression.None : ImageCompression.Unknown;
                return new AnsiNistImage(binary.Type, binary.Idc, h.Width, h.Height, resolution, compression, code.ToString(CultureInfo.InvariantCulture), h.FingerPosition, binary.Payload.ToArray());

            case TaggedRecord tagged when tagged.Type is 13 or 14 or 15:
                var label = tagged.GetText(11) ?? string.Empty;
                var position = tagged[13]?.Subfields[0][0] is { } p && int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var fgp) ? fgp : 0;
                return new AnsiNistImage(
                    tagged.Type,
                    tagged.Idc ?? 0,
                    tagged.GetInt(6) ?? 0,
                    tagged.GetInt(7) ?? 0,
                    TaggedResolution(tagged),
                    ImageCompressionCodes.FromLabel(label),
                    label,
                    position,
                    tagged.ImageData.ToArray());

            default:
                return null;
        }
    }

    /// <summary>SLC (field 8): 1 = THPS in pixels per inch, 2 = pixels per centimetre, 0 = aspect ratio only.</summary>
    private static double? TaggedResolution(TaggedRecord record)
    {
        var scale = record.GetInt(8);
        var horizontal = record.GetInt(9);
        return (scale, horizontal) switch
        {
            (1, > 0) => horizontal.Value / 25.4,
            (2, > 0) => horizontal.Value / 10.0,
            _ => null,
        };
    }

    private static double? ReadDecimal(TaggedRecord header, int field) =>
        header.GetText(field) is { } text && double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : null;
}
