using System.Buffers.Binary;
using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Tests.Formats.Wsq;

/// <summary>Just enough TIFF to read FVC2002: one 8-bit gray, uncompressed image in strips.</summary>
internal static class TestTiff
{
    public static GrayImage Read(string path)
    {
        var file = File.ReadAllBytes(path);
        var little = file[0] == (byte)'I';
        int U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at));
        int U32(int at) => little ? BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at)) : BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));

        var directory = U32(4);
        int width = 0, height = 0, compression = 1, bits = 8;
        int[] offsets = [], counts = [];
        var entries = U16(directory);
        for (var i = 0; i < entries; i++)
        {
            var e = directory + 2 + (i * 12);
            var tag = U16(e);
            var type = U16(e + 2);
            var count = U32(e + 4);
            int Value(int index)
            {
                var size = type == 3 ? 2 : 4;
                var at = count * size <= 4 ? e + 8 : U32(e + 8);
                return type == 3 ? U16(at + (index * 2)) : U32(at + (index * 4));
            }

            int[] Values() => Enumerable.Range(0, count).Select(Value).ToArray();
            switch (tag)
            {
                case 256: width = Value(0); break;
                case 257: height = Value(0); break;
                case 258: bits = Value(0); break;
                case 259: compression = Value(0); break;
                case 273: offsets = Values(); break;
                case 279: counts = Values(); break;
            }
        }

        if (bits != 8 || compression != 1)
        {
            throw new NotSupportedException($"{path}: only 8-bit uncompressed TIFF");
        }

        var pixels = new byte[width * height];
        var filled = 0;
        for (var s = 0; s < offsets.Length && filled < pixels.Length; s++)
        {
            var n = Math.Min(counts[s], pixels.Length - filled);
            file.AsSpan(offsets[s], n).CopyTo(pixels.AsSpan(filled));
            filled += n;
        }

        return new GrayImage(width, height, pixels);
    }
}
