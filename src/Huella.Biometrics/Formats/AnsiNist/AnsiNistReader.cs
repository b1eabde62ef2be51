using System.Buffers.Binary;
using System.Text;

namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>
/// Reads a traditionally encoded transaction. Record types and order come from Type-1 field
/// 1.003 (CNT); each record's extent from its own LEN, checked against the bytes left before use.
/// </summary>
internal static class AnsiNistReader
{
    public const string Format = "ANSI/NIST-ITL";

    // Tags are "T.NNN"; record types are at most 2 digits, field numbers at most 9 in practice.
    private const int MaxTagLength = 16;
    private const int MaxLenDigits = 10;
    private const int CntField = 3;

    public static List<AnsiNistRecord> Read(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw Error("Empty input: a transaction starts with a Type-1 record.", 0);
        }

        var header = ReadTagged(data, 0, 1);
        var position = header.Length;
        var contents = ReadContents(header.Record, position);
        var records = new List<AnsiNistRecord>(contents.Count + 1) { header.Record };
        foreach (var type in contents)
        {
            if (position >= data.Length)
            {
                throw Error($"Truncated: 1.003 lists a Type-{type} record but the input ends.", position);
            }

            if (AnsiNistRecord.IsBinaryType(type))
            {
                if (data.Length - position < 4)
                {
                    throw Error($"Truncated: no room for the LEN of a Type-{type} record.", position);
                }

                var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
                if (length < BinaryRecord.MinimumLength(type))
                {
                    throw Error($"Type-{type} record LEN {length} is shorter than its fixed header.", position);
                }

                if (length > (uint)(data.Length - position))
                {
                    throw Error($"Truncated: Type-{type} record LEN {length} exceeds the {data.Length - position} bytes left.", position);
                }

                records.Add(new BinaryRecord(type, data.Slice(position, (int)length)));
                position += (int)length;
            }
            else
            {
                var tagged = ReadTagged(data, position, type);
                records.Add(tagged.Record);
                position += tagged.Length;
            }
        }

        if (position != data.Length)
        {
            throw Error($"{data.Length - position} bytes follow the last record listed in 1.003.", position);
        }

        return records;
    }

    /// <summary>1.003: first subfield "1 US n", then n subfields "type US IDC".</summary>
    private static List<int> ReadContents(TaggedRecord header, int headerLength)
    {
        var cnt = header[CntField] ?? throw Error("The Type-1 record has no 1.003 (CNT) field.", 0);
        var value = cnt.Value;
        var subfields = new List<int>();
        var declared = -1;
        var start = 0;
        while (start <= value.Length)
        {
            var end = value[start..].IndexOf(Separators.Record);
            var subfield = end < 0 ? value[start..] : value.Slice(start, end);
            var unit = subfield.IndexOf(Separators.Unit);
            if (unit < 0)
            {
                throw Error("Malformed 1.003 (CNT): a subfield lacks its two items.", headerLength);
            }

            var type = ParseNumber(subfield[..unit], 9, "1.003 record type", headerLength);
            if (declared < 0)
            {
                if (type != 1)
                {
                    throw Error("Malformed 1.003 (CNT): the first subfield must describe the Type-1 record.", headerLength);
                }

                declared = ParseNumber(subfield[(unit + 1)..], 9, "1.003 record count", headerLength);
            }
            else
            {
                if (type is < 2 or > 99)
                {
                    throw Error($"1.003 (CNT) lists record type {type}, outside 2–99.", headerLength);
                }

                subfields.Add(type);
            }

            if (end < 0)
            {
                break;
            }

            start += end + 1;
        }

        if (declared != subfields.Count)
        {
            throw Error($"1.003 (CNT) announces {declared} records but lists {subfields.Count}.", headerLength);
        }

        return subfields;
    }

    private static (TaggedRecord Record, int Length) ReadTagged(ReadOnlySpan<byte> data, int start, int expectedType)
    {
        var (tag, type, field, colon) = ReadTag(data, start, data.Length);
        if (type != expectedType || field != 1)
        {
            throw Error($"Expected the LEN field {expectedType}.001 of a Type-{expectedType} record, found \"{tag}\".", start);
        }

        var valueStart = colon + 1;
        var searchEnd = Math.Min(data.Length, valueStart + MaxLenDigits + 1);
        var separator = data[valueStart..searchEnd].IndexOfAny(Separators.Group, Separators.File);
        if (separator < 0)
        {
            throw Error($"Truncated or malformed LEN in the Type-{type} record.", valueStart);
        }

        var length = ParseNumber(data.Slice(valueStart, separator), MaxLenDigits - 1, "LEN", valueStart);
        var lenFieldEnd = valueStart + separator + 1;
        if (length < lenFieldEnd - start)
        {
            throw Error($"Type-{type} record LEN {length} is shorter than its own LEN field.", valueStart);
        }

        if (length > data.Length - start)
        {
            throw Error($"Truncated: Type-{type} record LEN {length} exceeds the {data.Length - start} bytes left.", valueStart);
        }

        var end = start + length;
        if (data[end - 1] != Separators.File)
        {
            throw Error($"The Type-{type} record does not end with FS where its LEN says.", end - 1);
        }

        var fields = new List<TaggedField> { new(tag, 1, data.Slice(valueStart, separator)) };
        if (data[lenFieldEnd - 1] == Separators.File && lenFieldEnd != end)
        {
            throw Error($"The Type-{type} record has FS before its end.", lenFieldEnd - 1);
        }

        var contentEnd = end - 1;
        var p = lenFieldEnd;
        while (p < contentEnd)
        {
            var (fieldTag, fieldType, number, fieldColon) = ReadTag(data, p, contentEnd);
            if (fieldType != type)
            {
                throw Error($"Field \"{fieldTag}\" inside a Type-{type} record.", p);
            }

            var valueFrom = fieldColon + 1;
            int valueTo;
            if (number == TaggedRecord.ImageDataField)
            {
                // Binary data may hold any byte: it runs to the FS that LEN points at.
                valueTo = contentEnd;
                p = contentEnd;
            }
            else
            {
                var gs = data[valueFrom..contentEnd].IndexOfAny(Separators.Group, Separators.File);
                if (gs >= 0 && data[valueFrom + gs] == Separators.File)
                {
                    throw Error($"The Type-{type} record has FS before its end.", valueFrom + gs);
                }

                valueTo = gs < 0 ? contentEnd : valueFrom + gs;
                p = gs < 0 ? contentEnd : valueTo + 1;
                if (gs >= 0 && p == contentEnd)
                {
                    throw Error($"The Type-{type} record ends with GS FS (an empty trailing field).", valueTo);
                }
            }

            fields.Add(new TaggedField(fieldTag, number, data[valueFrom..valueTo]));
        }

        return (new TaggedRecord(type, fields), length);
    }

    private static (string Tag, int Type, int Field, int Colon) ReadTag(ReadOnlySpan<byte> data, int start, int limit)
    {
        var window = data[start..Math.Min(limit, start + MaxTagLength)];
        var colon = window.IndexOf((byte)':');
        if (colon < 0)
        {
            throw Error("Expected a field tag \"T.NNN:\".", start);
        }

        var tag = window[..colon];
        var dot = tag.IndexOf((byte)'.');
        if (dot <= 0 || dot == tag.Length - 1)
        {
            throw Error("Malformed field tag: expected \"T.NNN:\".", start);
        }

        var type = ParseNumber(tag[..dot], 2, "record type in a tag", start);
        var field = ParseNumber(tag[(dot + 1)..], 9, "field number in a tag", start);
        if (type == 0 || field == 0)
        {
            throw Error("Malformed field tag: record type and field number start at 1.", start);
        }

        return (Encoding.ASCII.GetString(tag), type, field, start + colon);
    }

    private static int ParseNumber(ReadOnlySpan<byte> digits, int maxDigits, string what, int offset)
    {
        if (digits.IsEmpty || digits.Length > maxDigits)
        {
            throw Error($"Malformed {what}: expected 1–{maxDigits} digits.", offset);
        }

        var value = 0;
        foreach (var d in digits)
        {
            if (d is < (byte)'0' or > (byte)'9')
            {
                throw Error($"Malformed {what}: not a decimal number.", offset);
            }

            value = (value * 10) + (d - '0');
        }

        return value;
    }

    public static FingerprintFormatException Error(string message, long offset) =>
        new(message) { Format = Format, Offset = offset };
}
