using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>
/// A tagged record: fields "T.NNN:value" separated by GS and closed by FS, the first being LEN
/// (T.001). Fields keep their order, tags and raw values, so the record writes back as it was
/// read; only LEN is recomputed on writing.
/// </summary>
public sealed class TaggedRecord : AnsiNistRecord
{
    /// <summary>The binary data field of image records, always last.</summary>
    public const int ImageDataField = 999;

    public TaggedRecord(int type, IEnumerable<TaggedField> fields)
        : base(type)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (IsBinaryType(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Types 3–8 are binary records.");
        }

        var list = fields.ToImmutableArray();
        if (list.IsEmpty || list[0].FieldNumber != 1)
        {
            throw new ArgumentException("A tagged record starts with its LEN field (T.001).", nameof(fields));
        }

        for (var i = 0; i < list.Length; i++)
        {
            if (list[i].FieldNumber == ImageDataField && i != list.Length - 1)
            {
                throw new ArgumentException("Field 999 (binary data) must be the last field.", nameof(fields));
            }

            if (list[i].FieldNumber != ImageDataField && list[i].Value.IndexOfAny(Separators.File, Separators.Group) >= 0)
            {
                throw new ArgumentException($"Field {list[i].Tag} contains a field or record separator.", nameof(fields));
            }
        }

        Fields = list;
    }

    public ImmutableArray<TaggedField> Fields { get; }

    /// <summary>The first field with this number, or null.</summary>
    public TaggedField? this[int fieldNumber]
    {
        get
        {
            foreach (var field in Fields)
            {
                if (field.FieldNumber == fieldNumber)
                {
                    return field;
                }
            }

            return null;
        }
    }

    /// <summary>The text of a field, or null when absent.</summary>
    public string? GetText(int fieldNumber) => this[fieldNumber]?.Text;

    /// <summary>A field read as a non-negative integer, or null when absent or not a number.</summary>
    public int? GetInt(int fieldNumber) =>
        this[fieldNumber] is { } f && int.TryParse(f.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Image designation character (T.002), or null when absent or not a number.</summary>
    public int? Idc => GetInt(2);

    /// <summary>Binary data of field 999 (empty when absent).</summary>
    public ReadOnlySpan<byte> ImageData => this[ImageDataField] is { } f ? f.Value : [];

    /// <summary>Equal fields in the same order; LEN's value is derived and not compared.</summary>
    public override bool Equals(AnsiNistRecord? other)
    {
        if (other is not TaggedRecord t || t.Type != Type || t.Fields.Length != Fields.Length)
        {
            return false;
        }

        for (var i = 0; i < Fields.Length; i++)
        {
            var equal = i == 0 ? Fields[i].Tag == t.Fields[i].Tag : Fields[i].Equals(t.Fields[i]);
            if (!equal)
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode() => HashCode.Combine(Type, Fields.Length);

    public override string ToString() => $"Type-{Type} tagged record, {Fields.Length} fields";

    internal override int MeasureLength()
    {
        var rest = 0;
        for (var i = 1; i < Fields.Length; i++)
        {
            rest += Encoding.ASCII.GetByteCount(Fields[i].Tag) + 1 + Fields[i].Value.Length + 1;
        }

        var lenFieldOverhead = Encoding.ASCII.GetByteCount(Fields[0].Tag) + 1 + 1;
        if (Fields.Length == 1)
        {
            // LEN alone: its separator is FS rather than GS, same size.
            rest = 0;
        }

        // LEN counts its own digits: take the first digit count that is self-consistent.
        for (var digits = 1; ; digits++)
        {
            var total = rest + lenFieldOverhead + digits;
            if (CountDigits(total) == digits)
            {
                return total;
            }
        }
    }

    internal override void WriteTo(Span<byte> destination)
    {
        var length = MeasureLength();
        var at = 0;
        for (var i = 0; i < Fields.Length; i++)
        {
            var field = Fields[i];
            at += Encoding.ASCII.GetBytes(field.Tag, destination[at..]);
            destination[at++] = (byte)':';
            if (i == 0)
            {
                at += Encoding.ASCII.GetBytes(length.ToString(CultureInfo.InvariantCulture), destination[at..]);
            }
            else
            {
                field.Value.CopyTo(destination[at..]);
                at += field.Value.Length;
            }

            destination[at++] = i == Fields.Length - 1 ? Separators.File : Separators.Group;
        }
    }

    private static int CountDigits(int value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
