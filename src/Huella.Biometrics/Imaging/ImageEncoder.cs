using System.Buffers.Binary;
using System.IO.Compression;

namespace Huella.Biometrics.Imaging;

/// <summary>Writes <see cref="GrayImage"/> as an 8-bit gray PNG that records its resolution (pHYs).</summary>
public static class ImageEncoder
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] EncodePng(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], image.Height);
        header[8] = 8; // bit depth
        header[9] = 0; // gray
        WriteChunk(png, "IHDR"u8, header);

        Span<byte> physical = stackalloc byte[9];
        var perMeter = (uint)Math.Round(image.Dpi / 0.0254);
        BinaryPrimitives.WriteUInt32BigEndian(physical, perMeter);
        BinaryPrimitives.WriteUInt32BigEndian(physical[4..], perMeter);
        physical[8] = 1; // metre
        WriteChunk(png, "pHYs"u8, physical);

        WriteChunk(png, "IDAT"u8, Compress(image));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    public static void SavePng(GrayImage image, string path) => File.WriteAllBytes(path, EncodePng(image));

    private static byte[] Compress(GrayImage image)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            // Filter "Up" on every row: fingerprints change little from row to row.
            var line = new byte[image.Width + 1];
            line[0] = 2;
            for (var y = 0; y < image.Height; y++)
            {
                var row = image.Row(y);
                var above = y == 0 ? default : image.Row(y - 1);
                for (var x = 0; x < row.Length; x++)
                {
                    line[x + 1] = (byte)(row[x] - (y == 0 ? 0 : above[x]));
                }

                zlib.Write(line);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        png.Write(number);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
