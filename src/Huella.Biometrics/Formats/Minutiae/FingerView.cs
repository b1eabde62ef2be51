using System.Collections.Immutable;

namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>
/// One finger view of a minutiae record: which finger, which of its views, how it was captured,
/// its quality, its minutiae and its extended data (kept raw, see <see cref="ExtendedDataBlock.TrySplit"/>).
/// </summary>
public sealed class FingerView : IEquatable<FingerView>
{
    /// <summary>Both standards count minutiae per view in one byte.</summary>
    public const int MaxMinutiae = 255;

    public FingerView(
        int fingerPosition,
        int viewNumber,
        int impressionType,
        int quality,
        IEnumerable<RecordMinutia> minutiae,
        ReadOnlySpan<byte> extendedData = default)
    {
        ArgumentNullException.ThrowIfNull(minutiae);
        CheckRange(fingerPosition, 0, 255, nameof(fingerPosition));
        CheckRange(viewNumber, 0, 15, nameof(viewNumber));
        CheckRange(impressionType, 0, 15, nameof(impressionType));
        CheckRange(quality, 0, 255, nameof(quality));
        var list = minutiae.ToImmutableArray();
        if (list.Length > MaxMinutiae)
        {
            throw new ArgumentException($"A view holds at most {MaxMinutiae} minutiae, not {list.Length}.", nameof(minutiae));
        }

        foreach (var m in list)
        {
            CheckMinutia(m);
        }

        if (extendedData.Length > 0xFFFF)
        {
            throw new ArgumentException("Extended data is limited to 65535 bytes.", nameof(extendedData));
        }

        FingerPosition = fingerPosition;
        ViewNumber = viewNumber;
        ImpressionType = impressionType;
        Quality = quality;
        Minutiae = list;
        ExtendedData = [.. extendedData];
    }

    /// <summary>0 unknown, 1–10 right thumb … left little (both standards' finger codes).</summary>
    public int FingerPosition { get; }

    public int ViewNumber { get; }

    /// <summary>0 live-scan plain, 1 live-scan rolled, 2 non-live plain, 3 non-live rolled, 8 swipe…</summary>
    public int ImpressionType { get; }

    /// <summary>Finger quality 0–100.</summary>
    public int Quality { get; }

    public ImmutableArray<RecordMinutia> Minutiae { get; }

    /// <summary>The raw extended data areas that follow the minutiae (without their 2-byte total length).</summary>
    public ImmutableArray<byte> ExtendedData { get; }

    /// <summary>A copy with other minutiae (same finger, view and extended data).</summary>
    public FingerView WithMinutiae(IEnumerable<RecordMinutia> minutiae) =>
        new(FingerPosition, ViewNumber, ImpressionType, Quality, minutiae, ExtendedData.AsSpan());

    public bool Equals(FingerView? other) =>
        other is not null
        && FingerPosition == other.FingerPosition
        && ViewNumber == other.ViewNumber
        && ImpressionType == other.ImpressionType
        && Quality == other.Quality
        && Minutiae.AsSpan().SequenceEqual(other.Minutiae.AsSpan())
        && ExtendedData.AsSpan().SequenceEqual(other.ExtendedData.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as FingerView);

    public override int GetHashCode() => HashCode.Combine(FingerPosition, ViewNumber, ImpressionType, Quality, Minutiae.Length, ExtendedData.Length);

    public override string ToString() =>
        $"finger {FingerPosition} view {ViewNumber} impression {ImpressionType} quality {Quality}: {Minutiae.Length} minutiae, {ExtendedData.Length} bytes extended data";

    private static void CheckMinutia(RecordMinutia m)
    {
        if ((uint)m.X > RecordMinutia.MaxCoordinate || (uint)m.Y > RecordMinutia.MaxCoordinate)
        {
            throw new ArgumentException($"Minutia coordinates must be 0–{RecordMinutia.MaxCoordinate}: {m}.", nameof(m));
        }

        if ((uint)m.Angle > 255 || (uint)m.Quality > 255 || (uint)m.Type > 3)
        {
            throw new ArgumentException($"Minutia angle, quality and type must each fit their fields: {m}.", nameof(m));
        }
    }

    private static void CheckRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be {min}–{max}.");
        }
    }
}
