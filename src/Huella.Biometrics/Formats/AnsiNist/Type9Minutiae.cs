using System.Collections.Immutable;
using System.Globalization;

namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>
/// One minutia of a Type-9 record. Units depend on the block it came from: the legacy NIST block
/// (9.012) and the FBI IAFIS block (9.023) give X and Y in 0.01 mm and the angle in degrees; the INCITS 378 block (9.137) gives
/// pixels and 2° units. <see cref="Type"/> is the letter (A–D) or digit as written.
/// </summary>
public readonly record struct AnsiNistMinutia(int Index, int X, int Y, int Angle, int Quality, string Type);

/// <summary>
/// The standard fields of a Type-9 minutiae record, read from its <see cref="TaggedRecord"/>
/// (which keeps every field, vendor blocks included).
/// </summary>
public sealed class Type9Minutiae
{
    private Type9Minutiae(TaggedRecord record, ImmutableArray<AnsiNistMinutia> legacy, ImmutableArray<AnsiNistMinutia> m1)
    {
        Record = record;
        LegacyMinutiae = legacy;
        IncitsMinutiae = m1;
    }

    public TaggedRecord Record { get; }

    public int? Idc => Record.Idc;

    /// <summary>9.003 impression type.</summary>
    public int? Impression => Record.GetInt(3);

    /// <summary>9.004: "S" when the legacy NIST block (9.005–9.012) is used, "U" otherwise.</summary>
    public string? MinutiaeFormat => Record.GetText(4);

    /// <summary>Finger positions: 9.006 (legacy block), else 9.014 (IAFIS), else 9.134 (INCITS 378).</summary>
    public IReadOnlyList<int> FingerPositions =>
        ((Record[6] ?? Record[14] ?? Record[134])?.Subfields.Select(s => s[0]) ?? [])
        .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1)
        .Where(v => v >= 0)
        .ToList();

    /// <summary>Minutiae of the legacy NIST block (9.012), else of the FBI IAFIS block (9.023): X, Y in 0.01 mm, angle in degrees.</summary>
    public ImmutableArray<AnsiNistMinutia> LegacyMinutiae { get; }

    /// <summary>Minutiae of the INCITS 378 block (9.137): X, Y in pixels, angle in 2° units.</summary>
    public ImmutableArray<AnsiNistMinutia> IncitsMinutiae { get; }

    /// <summary>The count a block declares (9.010, 9.015 or 9.136), else how many were read.</summary>
    public int MinutiaeCount => Record.GetInt(10) ?? Record.GetInt(15) ?? Record.GetInt(136) ?? Math.Max(LegacyMinutiae.Length, IncitsMinutiae.Length);

    /// <summary>Reads the standard minutiae blocks of a Type-9 record.</summary>
    /// <exception cref="FingerprintFormatException">A minutia subfield is malformed.</exception>
    public static Type9Minutiae From(TaggedRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Type != 9)
        {
            throw new ArgumentException($"Not a Type-9 record but Type-{record.Type}.", nameof(record));
        }

        var legacy = (record[12] ?? record[23]) is { } mrc ? [.. mrc.Subfields.Select(ParseLegacy)] : ImmutableArray<AnsiNistMinutia>.Empty;
        var m1 = record[137] is { } fmd ? [.. fmd.Subfields.Select(ParseIncits)] : ImmutableArray<AnsiNistMinutia>.Empty;
        return new Type9Minutiae(record, legacy, m1);
    }

    public override string ToString() =>
        $"Type-9 IDC {Idc}: {MinutiaeCount} minutiae ({LegacyMinutiae.Length} legacy, {IncitsMinutiae.Length} INCITS 378)";

    // index US XXXXYYYYTTT US quality US type [US ridge counts...]. Some old test transactions
    // write 5-digit coordinates (13 digits): the angle is always the last 3, x and y share the rest.
    private static AnsiNistMinutia ParseLegacy(IReadOnlyList<string> items)
    {
        if (items.Count < 4 || items[1].Length < 5 || items[1].Length % 2 == 0)
        {
            throw Malformed("9.012");
        }

        var xyt = items[1];
        var half = (xyt.Length - 3) / 2;
        return new AnsiNistMinutia(
            Number(items[0], "9.012"),
            Number(xyt[..half], "9.012"),
            Number(xyt[half..(2 * half)], "9.012"),
            Number(xyt[(2 * half)..], "9.012"),
            Number(items[2], "9.012"),
            items[3]);
    }

    // index US x US y US angle US type US quality
    private static AnsiNistMinutia ParseIncits(IReadOnlyList<string> items)
    {
        if (items.Count < 6)
        {
            throw Malformed("9.137");
        }

        return new AnsiNistMinutia(
            Number(items[0], "9.137"),
            Number(items[1], "9.137"),
            Number(items[2], "9.137"),
            Number(items[3], "9.137"),
            Number(items[5], "9.137"),
            items[4]);
    }

    private static int Number(string text, string field) =>
        text.Length is > 0 and <= 9 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw Malformed(field);

    private static FingerprintFormatException Malformed(string field) =>
        new($"Malformed minutia subfield in {field}.") { Format = AnsiNistReader.Format };
}
