using System.Buffers.Binary;

namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// Big-endian cursor over the compressed bytes. Every read is checked against the end of the
/// input, so a lying length field becomes a <see cref="FingerprintFormatException"/>, never an
/// out-of-range access.
/// </summary>
internal ref struct WsqByteReader
{
    private readonly ReadOnlySpan<byte> _data;

    public WsqByteReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    public int Position { get; set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly ReadOnlySpan<byte> Data => _data;

    public byte ReadByte()
    {
        Require(1);
        return _data[Position++];
    }

    public ushort ReadUInt16()
    {
        Require(2);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(Position, 2));
        Position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Require(4);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(Position, 4));
        Position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Require(count);
        var bytes = _data.Slice(Position, count);
        Position += count;
        return bytes;
    }

    /// <summary>
    /// Reads a segment's length field and returns a reader limited to the segment body, checking
    /// the length against what is left of the input before anything is sized from it.
    /// </summary>
    public WsqByteReader ReadSegment(ushort marker, int minimumLength)
    {
        var start = Position;
        var length = ReadUInt16();
        if (length < minimumLength)
        {
            throw WsqError.At(start, $"{WsqMarker.Name(marker)} segment length {length} is shorter than the {minimumLength} bytes it needs");
        }

        if (length - 2 > Remaining)
        {
            throw WsqError.At(start, $"{WsqMarker.Name(marker)} segment length {length} runs past the end of the data");
        }

        var body = new WsqByteReader(_data[..(Position + length - 2)]) { Position = Position };
        Position += length - 2;
        return body;
    }

    private readonly void Require(int count)
    {
        if (count < 0 || count > _data.Length - Position)
        {
            throw WsqError.At(Position, "unexpected end of data");
        }
    }
}
