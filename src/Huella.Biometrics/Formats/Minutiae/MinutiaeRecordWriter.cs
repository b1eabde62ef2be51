using System.Buffers.Binary;

namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>Writes a record in its own standard, choosing ANSI's short length form whenever it fits.</summary>
internal static class MinutiaeRecordWriter
{
    public static byte[] Write(MinutiaeRecord record)
    {
        var body = 0;
        foreach (var view in record.Views)
        {
            body += 4 + (6 * view.Minutiae.Length) + 2 + view.ExtendedData.Length;
        }

        int headerLength;
        if (record.Standard == MinutiaeStandard.Iso19794v2005)
        {
            headerLength = 24;
        }
        else
        {
            headerLength = 26 + body <= 0xFFFF ? 26 : 30;
        }

        var bytes = new byte[headerLength + body];
        var span = bytes.AsSpan();
        "FMR\0"u8.CopyTo(span);
        " 20\0"u8.CopyTo(span[4..]);
        var at = 8;
        if (record.Standard == MinutiaeStandard.Iso19794v2005)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)bytes.Length);
            at += 4;
        }
        else
        {
            if (headerLength == 26)
            {
                BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)bytes.Length);
                at += 2;
            }
            else
            {
                at += 2; // zero short length: the 4-byte form follows
                BinaryPrimitives.WriteUInt32BigEndian(span[at..], (uint)bytes.Length);
                at += 4;
            }

            BinaryPrimitives.WriteUInt32BigEndian(span[at..], record.ProductId);
            at += 4;
        }

        at = WriteUInt16(span, at, record.CaptureEquipment);
        at = WriteUInt16(span, at, record.Width);
        at = WriteUInt16(span, at, record.Height);
        at = WriteUInt16(span, at, record.ResolutionX);
        at = WriteUInt16(span, at, record.ResolutionY);
        span[at++] = (byte)record.Views.Length;
        span[at++] = 0; // reserved
        foreach (var view in record.Views)
        {
            span[at++] = (byte)view.FingerPosition;
            span[at++] = (byte)((view.ViewNumber << 4) | view.ImpressionType);
            span[at++] = (byte)view.Quality;
            span[at++] = (byte)view.Minutiae.Length;
            foreach (var m in view.Minutiae)
            {
                at = WriteUInt16(span, at, ((int)m.Type << 14) | m.X);
                at = WriteUInt16(span, at, m.Y);
                span[at++] = (byte)m.Angle;
                span[at++] = (byte)m.Quality;
            }

            at = WriteUInt16(span, at, view.ExtendedData.Length);
            view.ExtendedData.AsSpan().CopyTo(span[at..]);
            at += view.ExtendedData.Length;
        }

        return bytes;
    }

    private static int WriteUInt16(Span<byte> span, int at, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span[at..], (ushort)value);
        return at + 2;
    }
}
