using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>
/// An ANSI/NIST-ITL transaction in the traditional (binary/ASCII) encoding: a Type-1 header
/// whose 1.003 lists the records that follow. Every record is kept — tagged records field by field,
/// binary records byte for byte — so a well-formed file writes back identical.
/// </summary>
public sealed class AnsiNistTransaction : IEquatable<AnsiNistTransaction>
{
    public AnsiNistTransaction(IEnumerable<AnsiNistRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToImmutableArray();
        if (list.IsEmpty || list[0] is not TaggedRecord { Type: 1 })
        {
            throw new ArgumentException("A transaction starts with its Type-1 record.", nameof(records));
        }

        // 1.003 is what a reader follows: a transaction whose list disagrees could not be read back.
        var listed = ((TaggedRecord)list[0])[3]?.Subfields.Skip(1).Select(s => s[0].TrimStart('0')).ToList();
        var actual = list.Skip(1).Select(r => r.Type.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (listed is null || !listed.SequenceEqual(actual))
        {
            throw new ArgumentException("Field 1.003 (CNT) of the Type-1 record must list the records that follow, in order.", nameof(records));
        }

        Records = list;
    }

    /// <summary>All records in file order, the Type-1 header first.</summary>
    public ImmutableArray<AnsiNistRecord> Records { get; }

    public TaggedRecord Header => (TaggedRecord)Records[0];

    /// <summary>1.002, e.g. "0300" for ANSI/NIST-ITL 1-2000, "0500" for 1-2011.</summary>
    public string? Version => Header.GetText(2);

    /// <summary>1.004 type of transaction.</summary>
    public string? TransactionType => Header.GetText(4);

    /// <summary>How many records of each type, by ascending type.</summary>
    public IReadOnlyList<KeyValuePair<int, int>> CountsByType =>
        Records.GroupBy(r => r.Type).OrderBy(g => g.Key).Select(g => KeyValuePair.Create(g.Key, g.Count())).ToList();

    /// <summary>The friction-ridge image records (Types 3–6, 13–15) in file order.</summary>
    public IReadOnlyList<AnsiNistImage> Images =>
        Records.Select(r => AnsiNistImage.From(r, Header)).OfType<AnsiNistImage>().ToList();

    /// <summary>The Type-9 records, read for their standard minutiae blocks.</summary>
    /// <exception cref="FingerprintFormatException">A Type-9 minutia subfield is malformed.</exception>
    public IReadOnlyList<Type9Minutiae> Minutiae =>
        Records.OfType<TaggedRecord>().Where(r => r.Type == 9).Select(Type9Minutiae.From).ToList();

    /// <exception cref="FingerprintFormatException">The bytes are not a valid transaction.</exception>
    public static AnsiNistTransaction Parse(ReadOnlySpan<byte> data) => new(AnsiNistReader.Read(data));

    /// <summary>Like <see cref="Parse"/>, reporting bad input through <paramref name="error"/> instead of throwing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out AnsiNistTransaction? transaction, [NotNullWhen(false)] out string? error)
    {
        try
        {
            transaction = Parse(data);
            error = null;
            return true;
        }
        catch (FingerprintFormatException e)
        {
            transaction = null;
            error = e.Offset is { } offset ? $"{e.Message} (at byte {offset})" : e.Message;
            return false;
        }
    }

    /// <summary>The transaction's bytes; LEN of each record is recomputed, all else written as held.</summary>
    public byte[] ToBytes()
    {
        var total = 0L;
        var lengths = new int[Records.Length];
        for (var i = 0; i < Records.Length; i++)
        {
            lengths[i] = Records[i].MeasureLength();
            total += lengths[i];
        }

        if (total > Array.MaxLength)
        {
            throw new InvalidOperationException("The transaction is too large for one array.");
        }

        var bytes = new byte[total];
        var at = 0;
        for (var i = 0; i < Records.Length; i++)
        {
            Records[i].WriteTo(bytes.AsSpan(at, lengths[i]));
            at += lengths[i];
        }

        return bytes;
    }

    public bool Equals(AnsiNistTransaction? other) => other is not null && Records.SequenceEqual(other.Records);

    public override bool Equals(object? obj) => Equals(obj as AnsiNistTransaction);

    public override int GetHashCode() => Records.Length;

    public override string ToString() =>
        $"ANSI/NIST-ITL transaction {Version} {TransactionType}: {string.Join(", ", CountsByType.Select(c => $"{c.Value}× Type-{c.Key}"))}";
}
