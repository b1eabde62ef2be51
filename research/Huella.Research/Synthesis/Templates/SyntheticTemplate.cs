using System.Buffers.Binary;
using Huella.Biometrics;

namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// The minutiae of one synthetic impression, as the engine would store them (500 dpi pixels,
/// directions already at the stored precision, best quality first). Cheap to make; turning it into
/// a <see cref="FingerprintTemplate"/> (<see cref="ToTemplate"/>) costs what the engine needs to
/// prepare it for matching.
/// </summary>
public sealed class SyntheticTemplate
{
    private readonly Minutia[] _minutiae;

    internal SyntheticTemplate(int width, int height, int quality, Minutia[] minutiae)
    {
        Width = width;
        Height = height;
        Quality = quality;
        _minutiae = minutiae;
    }

    public int Width { get; }

    public int Height { get; }

    public int Quality { get; }

    public IReadOnlyList<Minutia> Minutiae => _minutiae;

    /// <summary>Size of <see cref="WriteBytes"/>'s output.</summary>
    public int ByteCount => TemplateHeaderSize + (_minutiae.Length * MinutiaSize);

    private static int TemplateHeaderSize => 10;

    private static int MinutiaSize => 8;

    public FingerprintTemplate ToTemplate() => new(Width, Height, _minutiae, Quality);

    /// <summary>
    /// The bytes <see cref="FingerprintTemplate.ToBytes"/> would give for <see cref="ToTemplate"/>,
    /// written without building it (a gallery of a million is written in seconds, not minutes).
    /// </summary>
    public int WriteBytes(Span<byte> destination)
    {
        var size = ByteCount;
        if (destination.Length < size)
        {
            throw new ArgumentException($"Needs {size} bytes, got {destination.Length}.", nameof(destination));
        }

        destination[0] = (byte)'H';
        destination[1] = (byte)'F';
        destination[2] = (byte)'T';
        destination[3] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)Width);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[6..], (ushort)Height);
        destination[8] = (byte)Quality;
        destination[9] = (byte)_minutiae.Length;
        for (var i = 0; i < _minutiae.Length; i++)
        {
            var m = _minutiae[i];
            var at = destination[(TemplateHeaderSize + (i * MinutiaSize))..];
            BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)m.X);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], (ushort)m.Y);
            BinaryPrimitives.WriteUInt16LittleEndian(at[4..], FingerprintTemplate.DirectionToUnits(m.Direction));
            at[6] = (byte)m.Type;
            at[7] = m.Quality;
        }

        return size;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[ByteCount];
        WriteBytes(bytes);
        return bytes;
    }
}
