using System.Buffers.Binary;

namespace Huella.Biometrics.Tests.Formats.Wsq;

/// <summary>A WSQ file's marker segments, listed independently of the codec for tests to inspect and corrupt.</summary>
internal static class WsqSegments
{
    public static List<(ushort Marker, int Offset, int Length)> List(byte[] file)
    {
        var segments = new List<(ushort, int, int)> { (0xFFA0, 0, 0) };
        var at = 2;
        while (at + 1 < file.Length)
        {
            var marker = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at));
            if (marker == 0xFFA1)
            {
                segments.Add((marker, at, 0));
                break;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(file.AsSpan(at + 2));
            segments.Add((marker, at, length));
            at += 2 + length;
            if (marker == 0xFFA3)
            {
                while (!(file[at] == 0xFF && file[at + 1] != 0))
                {
                    at++;
                }
            }
        }

        return segments;
    }

    public static byte[] Body(byte[] file, (ushort Marker, int Offset, int Length) segment) =>
        file.AsSpan(segment.Offset + 4, segment.Length - 2).ToArray();
}
