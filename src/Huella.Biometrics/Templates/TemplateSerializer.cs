using System.Buffers.Binary;

namespace Huella.Biometrics.Templates;

/// <summary>
/// Huella's own template format, version 1, little-endian:
/// <c>"HFT" 0x01 | width u16 | height u16 | quality u8 | count u8 | count × (x u16, y u16, direction u16 in 65536ths of a turn, type u8, quality u8)</c>.
/// Cylinders are not stored: they are recomputed from the minutiae on load, which keeps a
/// typical template near 350 bytes and lets the matcher change its cylinder layout freely.
/// </summary>
internal static class TemplateSerializer
{
    public const byte Version = 1;
    public const int HeaderSize = 10;
    public const int MinutiaSize = 8;
    private const string Format = "Huella template";

    public static byte[] Write(FingerprintTemplate template)
    {
        var minutiae = template.Minutiae;
        var bytes = new byte[HeaderSize + (minutiae.Count * MinutiaSize)];
        bytes[0] = (byte)'H';
        bytes[1] = (byte)'F';
        bytes[2] = (byte)'T';
        bytes[3] = Version;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4), (ushort)template.Width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), (ushort)template.Height);
        bytes[8] = (byte)template.Quality;
        bytes[9] = (byte)minutiae.Count;
        for (var i = 0; i < minutiae.Count; i++)
        {
            var m = minutiae[i];
            var at = bytes.AsSpan(HeaderSize + (i * MinutiaSize));
            BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)m.X);
            BinaryPrimitives.WriteUInt16LittleEndian(at[2..], (ushort)m.Y);
            BinaryPrimitives.WriteUInt16LittleEndian(at[4..], FingerprintTemplate.DirectionToUnits(m.Direction));
            at[6] = (byte)m.Type;
            at[7] = m.Quality;
        }

        return bytes;
    }

    public static FingerprintTemplate Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < HeaderSize)
        {
            throw Error($"needs at least {HeaderSize} bytes, got {data.Length}", 0);
        }

        if (data[0] != 'H' || data[1] != 'F' || data[2] != 'T')
        {
            throw Error("does not start with the magic bytes \"HFT\"", 0);
        }

        if (data[3] != Version)
        {
            throw Error($"has version {data[3]}; this reader knows version {Version}", 3);
        }

        int width = BinaryPrimitives.ReadUInt16LittleEndian(data[4..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(data[6..]);
        if (width == 0 || height == 0)
        {
            throw Error("has an empty image size", 4);
        }

        int quality = data[8];
        if (quality > 100)
        {
            throw Error($"has quality {quality}, above 100", 8);
        }

        int count = data[9];
        if (count > EngineParameters.MaxMinutiae)
        {
            throw Error($"declares {count} minutiae, more than the {EngineParameters.MaxMinutiae} a template may hold", 9);
        }

        var expected = HeaderSize + (count * MinutiaSize);
        if (data.Length != expected)
        {
            throw Error($"declares {count} minutiae ({expected} bytes) but has {data.Length} bytes", 9);
        }

        var minutiae = new Minutia[count];
        for (var i = 0; i < count; i++)
        {
            var offset = HeaderSize + (i * MinutiaSize);
            var at = data[offset..];
            int x = BinaryPrimitives.ReadUInt16LittleEndian(at);
            int y = BinaryPrimitives.ReadUInt16LittleEndian(at[2..]);
            var direction = FingerprintTemplate.UnitsToDirection(BinaryPrimitives.ReadUInt16LittleEndian(at[4..]));
            var type = (MinutiaType)at[6];
            var minutiaQuality = at[7];
            if (x >= width || y >= height)
            {
                throw Error($"minutia {i} at ({x}, {y}) lies outside the {width}×{height} image", offset);
            }

            if (type is not (MinutiaType.Ending or MinutiaType.Bifurcation))
            {
                throw Error($"minutia {i} has unknown type {at[6]}", offset + 6);
            }

            if (minutiaQuality > 100)
            {
                throw Error($"minutia {i} has quality {minutiaQuality}, above 100", offset + 7);
            }

            minutiae[i] = new Minutia(x, y, direction, type, minutiaQuality);
        }

        return new FingerprintTemplate(width, height, minutiae, quality);
    }

    private static FingerprintFormatException Error(string message, long offset) =>
        new($"The {Format} {message}.") { Format = Format, Offset = offset };
}
