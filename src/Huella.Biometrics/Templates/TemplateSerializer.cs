using System.Buffers.Binary;
using Huella.Biometrics.Matching;

namespace Huella.Biometrics.Templates;

/// <summary>
/// Huella's own template format, little-endian. Version 1, a template of minutiae alone:
/// <c>"HFT" 0x01 | width u16 | height u16 | quality u8 | count u8 | count × (x u16, y u16, direction u16 in 65536ths of a turn, type u8, quality u8)</c>.
/// Version 2 (0x02), a template that keeps its ridge flow, follows the minutiae with the orientation
/// map, whose size the image size fixes: one bit per cell, row by row, set where the cell has a
/// direction (bit k of byte k / 8), then one 4-bit direction step per set cell, low nibble first.
/// Cylinders are not stored: they are recomputed from the minutiae on load, which keeps a
/// typical template near 400 bytes (600 with the map) and lets the matcher change its cylinder layout freely.
/// </summary>
internal static class TemplateSerializer
{
    public const byte Version = 1;
    public const byte VersionWithRidgeFlow = 2;
    public const int HeaderSize = 10;
    public const int MinutiaSize = 8;
    private const string Format = "Huella template";

    public static byte[] Write(FingerprintTemplate template)
    {
        var minutiae = template.Minutiae;
        var map = template.Orientation;
        var end = HeaderSize + (minutiae.Count * MinutiaSize);
        var bytes = new byte[end + (map is null ? 0 : MapSize(map.Cells.Length, map.Cells.Length - map.Cells.Count(OrientationMap.None)))];
        bytes[0] = (byte)'H';
        bytes[1] = (byte)'F';
        bytes[2] = (byte)'T';
        bytes[3] = map is null ? Version : VersionWithRidgeFlow;
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

        if (map is not null)
        {
            WriteMap(map, bytes.AsSpan(end));
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

        if (data[3] is not (Version or VersionWithRidgeFlow))
        {
            throw Error($"has version {data[3]}; this reader knows versions {Version} and {VersionWithRidgeFlow}", 3);
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
        if (data[3] == Version ? data.Length != expected : data.Length < expected)
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

        var map = data[3] == VersionWithRidgeFlow ? ReadMap(data[expected..], width, height, expected) : null;
        return new FingerprintTemplate(width, height, minutiae, quality, map);
    }

    private static int MapSize(int cells, int withDirection) => ((cells + 7) / 8) + ((withDirection + 1) / 2);

    private static void WriteMap(OrientationMap map, Span<byte> at)
    {
        var cells = map.Cells;
        var nibbles = at[((cells.Length + 7) / 8)..];
        var written = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] == OrientationMap.None)
            {
                continue;
            }

            at[i / 8] |= (byte)(1 << (i % 8));
            nibbles[written / 2] |= (byte)((cells[i] - 1) << (4 * (written % 2)));
            written++;
        }
    }

    private static OrientationMap ReadMap(ReadOnlySpan<byte> data, int width, int height, int offset)
    {
        if (width > EngineParameters.MaxSide || height > EngineParameters.MaxSide)
        {
            throw Error($"has an orientation map for a {width}×{height} print; extraction makes them for prints up to {EngineParameters.MaxSide} pixels a side", 4);
        }

        int columns = OrientationMap.CellsAlong(width), rows = OrientationMap.CellsAlong(height);
        var cells = new byte[columns * rows];
        var bitmap = (cells.Length + 7) / 8;
        if (data.Length < bitmap)
        {
            throw Error($"ends inside the orientation map: a {width}×{height} print needs {bitmap} bytes of cell bits, {data.Length} remain", offset);
        }

        var withDirection = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            withDirection += (data[i / 8] >> (i % 8)) & 1;
        }

        if (cells.Length % 8 != 0 && data[bitmap - 1] >> (cells.Length % 8) != 0)
        {
            throw Error($"has cell bits past the last of its {cells.Length} orientation cells", offset + bitmap - 1);
        }

        if (data.Length != MapSize(cells.Length, withDirection))
        {
            throw Error($"has an orientation map of {data.Length} bytes; its {withDirection} cells with a direction need {MapSize(cells.Length, withDirection)}", offset);
        }

        var nibbles = data[bitmap..];
        var read = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (((data[i / 8] >> (i % 8)) & 1) != 0)
            {
                cells[i] = (byte)(((nibbles[read / 2] >> (4 * (read % 2))) & 15) + 1);
                read++;
            }
        }

        if (withDirection % 2 == 1 && nibbles[^1] >> 4 != 0)
        {
            throw Error("has a stray direction after the last cell of its orientation map", offset + data.Length - 1);
        }

        return new OrientationMap(columns, rows, cells);
    }

    private static FingerprintFormatException Error(string message, long offset) =>
        new($"The {Format} {message}.") { Format = Format, Offset = offset };
}
