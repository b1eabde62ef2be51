using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>
/// A finger minutiae record (ISO/IEC 19794-2:2005 or ANSI INCITS 378-2004): image geometry,
/// capture equipment and one or more finger views. Reading then writing a well-formed record gives
/// back the same bytes.
/// </summary>
public sealed class MinutiaeRecord : IEquatable<MinutiaeRecord>
{
    public MinutiaeRecord(
        MinutiaeStandard standard,
        int width,
        int height,
        int resolutionX,
        int resolutionY,
        IEnumerable<FingerView> views,
        int captureEquipment = 0,
        uint productId = 0)
    {
        ArgumentNullException.ThrowIfNull(views);
        _ = standard.AngleUnitsPerCircle();
        CheckUInt16(width, nameof(width));
        CheckUInt16(height, nameof(height));
        CheckUInt16(resolutionX, nameof(resolutionX));
        CheckUInt16(resolutionY, nameof(resolutionY));
        CheckUInt16(captureEquipment, nameof(captureEquipment));
        if (standard == MinutiaeStandard.Iso19794v2005 && productId != 0)
        {
            throw new ArgumentException("ISO 19794-2:2005 records have no CBEFF product id.", nameof(productId));
        }

        var list = views.ToImmutableArray();
        if (list.Length > 255)
        {
            throw new ArgumentException("A record holds at most 255 finger views.", nameof(views));
        }

        var units = standard.AngleUnitsPerCircle();
        foreach (var view in list)
        {
            ArgumentNullException.ThrowIfNull(view, nameof(views));
            foreach (var m in view.Minutiae)
            {
                if (m.Angle >= units)
                {
                    throw new ArgumentException($"Minutia angle {m.Angle} is outside 0–{units - 1} for {standard.DisplayName()}.", nameof(views));
                }
            }
        }

        Standard = standard;
        Width = width;
        Height = height;
        ResolutionX = resolutionX;
        ResolutionY = resolutionY;
        CaptureEquipment = captureEquipment;
        ProductId = productId;
        Views = list;
    }

    public MinutiaeStandard Standard { get; }

    /// <summary>Image width in pixels.</summary>
    public int Width { get; }

    /// <summary>Image height in pixels.</summary>
    public int Height { get; }

    /// <summary>Horizontal resolution in pixels per centimetre (197 ≈ 500 dpi).</summary>
    public int ResolutionX { get; }

    /// <summary>Vertical resolution in pixels per centimetre.</summary>
    public int ResolutionY { get; }

    /// <summary>The 16-bit capture equipment field: compliance/certification flags in the top 4 bits, device id below.</summary>
    public int CaptureEquipment { get; }

    /// <summary>The 12-bit capture device id.</summary>
    public int CaptureDeviceId => CaptureEquipment & 0x0FFF;

    /// <summary>ANSI 378 CBEFF product identifier (owner in the high 16 bits, type below); 0 for ISO.</summary>
    public uint ProductId { get; }

    public ImmutableArray<FingerView> Views { get; }

    /// <summary>Minutiae over all views.</summary>
    public int MinutiaeCount => Views.Sum(v => v.Minutiae.Length);

    /// <summary>
    /// Reads a record, telling ISO from ANSI by which length field matches the input size unless
    /// <paramref name="standard"/> forces one. The input holds one record, optionally followed by
    /// zero padding (as templates kept in fixed-size buffers are); any other trailing byte is an error.
    /// </summary>
    /// <exception cref="FingerprintFormatException">The bytes are not a valid record.</exception>
    public static MinutiaeRecord Parse(ReadOnlySpan<byte> data, MinutiaeStandard? standard = null) =>
        MinutiaeRecordReader.Read(data, standard);

    /// <summary>Like <see cref="Parse"/>, reporting bad input through <paramref name="error"/> instead of throwing.</summary>
    public static bool TryParse(
        ReadOnlySpan<byte> data,
        [NotNullWhen(true)] out MinutiaeRecord? record,
        [NotNullWhen(false)] out string? error,
        MinutiaeStandard? standard = null)
    {
        try
        {
            record = MinutiaeRecordReader.Read(data, standard);
            error = null;
            return true;
        }
        catch (FingerprintFormatException e)
        {
            record = null;
            error = e.Offset is { } offset ? $"{e.Message} (at byte {offset})" : e.Message;
            return false;
        }
    }

    /// <summary>The record's bytes in its own standard.</summary>
    public byte[] ToBytes() => MinutiaeRecordWriter.Write(this);

    /// <summary>
    /// The same views in the other standard. Minutia angles are converted to the nearest unit of
    /// the target (ISO a → ANSI round(a·180/256) mod 180; ANSI a → ISO round(a·256/180) mod 256,
    /// halves rounding up), so ISO → ANSI → ISO may move an angle by one ISO unit (1.4°) while
    /// ANSI → ISO → ANSI is exact. Positions, types and qualities are copied unchanged. The
    /// product id exists only in ANSI (dropped to ISO, 0 from ISO). Extended data is copied raw:
    /// core/delta areas keep the source's angle unit.
    /// </summary>
    public MinutiaeRecord ConvertTo(MinutiaeStandard target)
    {
        if (target == Standard)
        {
            return this;
        }

        var from = Standard.AngleUnitsPerCircle();
        var to = target.AngleUnitsPerCircle();
        var views = Views.Select(v => v.WithMinutiae(v.Minutiae.Select(m => m with { Angle = ConvertAngle(m.Angle, from, to) })));
        return new MinutiaeRecord(target, Width, Height, ResolutionX, ResolutionY, views, CaptureEquipment, target == MinutiaeStandard.Ansi378v2004 ? ProductId : 0);
    }

    public bool Equals(MinutiaeRecord? other) =>
        other is not null
        && Standard == other.Standard
        && Width == other.Width
        && Height == other.Height
        && ResolutionX == other.ResolutionX
        && ResolutionY == other.ResolutionY
        && CaptureEquipment == other.CaptureEquipment
        && ProductId == other.ProductId
        && Views.SequenceEqual(other.Views);

    public override bool Equals(object? obj) => Equals(obj as MinutiaeRecord);

    public override int GetHashCode() => HashCode.Combine(Standard, Width, Height, Views.Length, MinutiaeCount);

    public override string ToString() =>
        $"{Standard.DisplayName()} {Width}x{Height} @ {ResolutionX}x{ResolutionY} px/cm, {Views.Length} view(s): {string.Join(", ", Views.Select(v => $"finger {v.FingerPosition} view {v.ViewNumber} {v.Minutiae.Length} minutiae"))}";

    internal static int ConvertAngle(int angle, int fromUnits, int toUnits) =>
        (((angle * toUnits * 2) + fromUnits) / (fromUnits * 2)) % toUnits;

    private static void CheckUInt16(int value, string name)
    {
        if ((uint)value > 0xFFFF)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must fit in 16 bits.");
        }
    }
}
