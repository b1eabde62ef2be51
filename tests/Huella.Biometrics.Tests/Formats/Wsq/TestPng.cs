using System.Buffers.Binary;
using System.IO.Compression;
using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Tests.Formats.Wsq;

/// <summary>
/// Just enough PNG to read the reference decodings: 8-bit gray, RGB or palette, not interlaced.
/// Colour is reduced to its red channel; the references are gray stored as colour.
/// </summary>
internal static class TestPng
{
    public static GrayImage Read(string path)
    {
        var file = File.ReadAllBytes(path);
        int width = 0, height = 0, colorType = -1;
        byte[] palette = [];
        using var compressed = new MemoryStream();
        var type = "";
        for (var at = 8; type != "IEND";)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var body = file.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(body);
                    height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                    colorType = body[9];
                    if (body[8] != 8 || body[12] != 0)
                    {
                        throw new NotSupportedException($"{path}: only 8-bit non-interlaced PNG");
                    }

                    break;
                case "PLTE":
                    palette = body.ToArray();
                    break;
                case "IDAT":
                    compressed.Write(body);
                    break;
            }

            at += 12 + length;
        }

        var channels = colorType switch
        {
            0 or 3 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => throw new NotSupportedException($"{path}: PNG colour type {colorType}"),
        };
        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        var stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        inflater.ReadExactly(raw);

        var previous = new byte[stride];
        var current = new byte[stride];
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            raw.AsSpan((y * (stride + 1)) + 1, stride).CopyTo(current);
            Unfilter(filter, current, previous, channels);
            for (var x = 0; x < width; x++)
            {
                var sample = current[x * channels];
                pixels[(y * width) + x] = colorType == 3 ? palette[sample * 3] : sample;
            }

            (previous, current) = (current, previous);
        }

        return new GrayImage(width, height, pixels);
    }

    private static void Unfilter(byte filter, byte[] line, byte[] above, int bpp)
    {
        for (var i = 0; i < line.Length; i++)
        {
            int left = i >= bpp ? line[i - bpp] : 0;
            int up = above[i];
            int upLeft = i >= bpp ? above[i - bpp] : 0;
            line[i] = filter switch
            {
                0 => line[i],
                1 => (byte)(line[i] + left),
                2 => (byte)(line[i] + up),
                3 => (byte)(line[i] + ((left + up) / 2)),
                4 => (byte)(line[i] + Paeth(left, up, upLeft)),
                _ => throw new NotSupportedException($"PNG filter {filter}"),
            };
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
