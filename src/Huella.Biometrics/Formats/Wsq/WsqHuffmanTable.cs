namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// A canonical Huffman code as a DHT segment carries it: how many codes there are of each length
/// from 1 to 16 bits, and the symbols in code order. Codes are assigned as in JPEG: consecutive
/// integers within a length, doubling when the length grows.
/// </summary>
internal sealed class WsqHuffmanTable
{
    public const int MaxTables = 8;
    public const int MaxLength = 16;
    public const int FastBits = 10;

    private readonly ushort[] _fast;
    private readonly int[] _maxCode;
    private readonly int[] _valueOffset;

    private WsqHuffmanTable(byte[] counts, byte[] values, ushort[] fast, int[] maxCode, int[] valueOffset, ushort[] codes, byte[] sizes)
    {
        Counts = counts;
        Values = values;
        _fast = fast;
        _maxCode = maxCode;
        _valueOffset = valueOffset;
        Codes = codes;
        Sizes = sizes;
    }

    /// <summary>Counts[i] codes of length i + 1.</summary>
    public byte[] Counts { get; }

    public byte[] Values { get; }

    /// <summary>Code per symbol, for encoding (valid where <see cref="Sizes"/> is non-zero).</summary>
    public ushort[] Codes { get; }

    public byte[] Sizes { get; }

    /// <summary>Builds the code, or returns null when the counts overflow the code space.</summary>
    public static WsqHuffmanTable? TryCreate(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        var fast = new ushort[1 << FastBits];
        var maxCode = new int[MaxLength + 1];
        var valueOffset = new int[MaxLength + 1];
        var codes = new ushort[256];
        var sizes = new byte[256];
        var code = 0;
        var index = 0;
        for (var length = 1; length <= MaxLength; length++)
        {
            var count = counts[length - 1];

            // Symbols of this length take codes [code, code + count); valueOffset maps a code back
            // to its position in the value list.
            valueOffset[length] = index - code;
            if (code + count > (1 << length))
            {
                return null;
            }

            for (var i = 0; i < count; i++, code++, index++)
            {
                var symbol = values[index];
                codes[symbol] = (ushort)code;
                sizes[symbol] = (byte)length;
                if (length <= FastBits)
                {
                    var shift = FastBits - length;
                    var first = code << shift;
                    var entry = (ushort)((length << 8) | symbol);
                    fast.AsSpan(first, 1 << shift).Fill(entry);
                }
            }

            maxCode[length] = count == 0 ? -1 : code - 1;
            code <<= 1;
        }

        return new WsqHuffmanTable(counts.ToArray(), values.ToArray(), fast, maxCode, valueOffset, codes, sizes);
    }

    /// <summary>
    /// Decodes the code at the top of <paramref name="next16"/> (the next 16 bits of the stream,
    /// most significant first). Returns the code length, or 0 when no code matches.
    /// </summary>
    public int Decode(int next16, out int symbol)
    {
        var entry = _fast[next16 >> (MaxLength - FastBits)];
        if (entry != 0)
        {
            symbol = entry & 0xFF;
            return entry >> 8;
        }

        for (var length = FastBits + 1; length <= MaxLength; length++)
        {
            var code = next16 >> (MaxLength - length);
            if (code <= _maxCode[length])
            {
                symbol = Values[_valueOffset[length] + code];
                return length;
            }
        }

        symbol = 0;
        return 0;
    }

    /// <summary>Reads every table of a DHT segment into <paramref name="tables"/> by identifier.</summary>
    public static void ReadSegment(ref WsqByteReader reader, WsqHuffmanTable?[] tables)
    {
        var body = reader.ReadSegment(WsqMarker.HuffmanTable, 2 + 1 + MaxLength);
        do
        {
            var at = body.Position;
            var id = body.ReadByte();
            if (id >= MaxTables)
            {
                throw WsqError.At(at, $"Huffman table identifier {id} (at most {MaxTables - 1})");
            }

            var counts = body.ReadBytes(MaxLength);
            var total = 0;
            foreach (var count in counts)
            {
                total += count;
            }

            if (total > 256)
            {
                throw WsqError.At(at, $"Huffman table {id} lists {total} codes, more than there are byte symbols");
            }

            var values = body.ReadBytes(total);
            tables[id] = TryCreate(counts, values) ?? throw WsqError.At(at, $"Huffman table {id} has more codes than its lengths allow");
        }
        while (body.Remaining > 0);
    }

    public void Write(WsqByteWriter writer, byte id)
    {
        writer.WriteUInt16(WsqMarker.HuffmanTable);
        writer.WriteUInt16((ushort)(2 + 1 + MaxLength + Values.Length));
        writer.WriteByte(id);
        writer.WriteBytes(Counts);
        writer.WriteBytes(Values);
    }
}
