namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>Big-endian cursor that turns every overrun into a <see cref="FingerprintFormatException"/>.</summary>
internal ref struct TemplateReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly string _format;

    public TemplateReader(ReadOnlySpan<byte> data, string format)
    {
        _data = data;
        _format = format;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public int ReadByte()
    {
        Require(1, "a byte");
        return _data[Position++];
    }

    public int ReadUInt16()
    {
        Require(2, "a 16-bit field");
        var value = (_data[Position] << 8) | _data[Position + 1];
        Position += 2;
        return value;
    }

    public uint ReadUInt32()
    {
        Require(4, "a 32-bit field");
        var value = ((uint)_data[Position] << 24) | ((uint)_data[Position + 1] << 16) | ((uint)_data[Position + 2] << 8) | _data[Position + 3];
        Position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count, string what)
    {
        Require(count, what);
        var slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }

    public readonly void Require(int count, string what)
    {
        if (count < 0 || count > Remaining)
        {
            throw Error($"Truncated: {what} needs {count} bytes but only {Remaining} remain.");
        }
    }

    public readonly FingerprintFormatException Error(string message) =>
        new(message) { Format = _format, Offset = Position };
}
