namespace Huella.Biometrics.Formats.Wsq;

/// <summary>A growable big-endian output buffer for the encoder.</summary>
internal sealed class WsqByteWriter
{
    private byte[] _buffer;

    public WsqByteWriter(int capacity) => _buffer = new byte[Math.Max(capacity, 256)];

    public int Length { get; private set; }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[Length++] = value;
    }

    public void WriteUInt16(ushort value)
    {
        Ensure(2);
        _buffer[Length] = (byte)(value >> 8);
        _buffer[Length + 1] = (byte)value;
        Length += 2;
    }

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        _buffer[Length] = (byte)(value >> 24);
        _buffer[Length + 1] = (byte)(value >> 16);
        _buffer[Length + 2] = (byte)(value >> 8);
        _buffer[Length + 3] = (byte)value;
        Length += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(Length));
        Length += bytes.Length;
    }

    /// <summary>Writes a scaled value as its decimal-places byte and 16-bit integer.</summary>
    public void WriteScaled((byte Scale, uint Raw) value)
    {
        WriteByte(value.Scale);
        WriteUInt16((ushort)value.Raw);
    }

    public byte[] ToArray() => _buffer.AsSpan(0, Length).ToArray();

    private void Ensure(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
    }
}
