using System.Text;

namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>
/// One field of a tagged record, "T.NNN:value": the tag exactly as written (some files write
/// "1.01" for "1.001") and the raw value bytes, separators and binary data included.
/// </summary>
public sealed class TaggedField : IEquatable<TaggedField>
{
    private readonly byte[] _value;

    public TaggedField(string tag, int fieldNumber, ReadOnlySpan<byte> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fieldNumber);
        Tag = tag;
        FieldNumber = fieldNumber;
        _value = value.ToArray();
    }

    /// <summary>The field "T.NNN" with a text value, tag written with three digits.</summary>
    public TaggedField(int recordType, int fieldNumber, string value)
        : this($"{recordType}.{fieldNumber:D3}", fieldNumber, Encoding.UTF8.GetBytes(value))
    {
    }

    public string Tag { get; }

    public int FieldNumber { get; }

    public ReadOnlySpan<byte> Value => _value;

    /// <summary>The value as UTF-8 text (ASCII in most records; 2011 allows UTF-8 in some fields).</summary>
    public string Text => Encoding.UTF8.GetString(_value);

    /// <summary>Subfields (split on RS), each split into information items (on US).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Subfields =>
        Text.Split((char)Separators.Record).Select(s => (IReadOnlyList<string>)s.Split((char)Separators.Unit)).ToList();

    public bool Equals(TaggedField? other) =>
        other is not null && Tag == other.Tag && FieldNumber == other.FieldNumber && _value.AsSpan().SequenceEqual(other._value);

    public override bool Equals(object? obj) => Equals(obj as TaggedField);

    public override int GetHashCode() => HashCode.Combine(Tag, _value.Length);

    public override string ToString() => FieldNumber == 999 ? $"{Tag}: <{_value.Length} bytes>" : $"{Tag}:{Text}";
}
