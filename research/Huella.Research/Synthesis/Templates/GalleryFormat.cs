using System.Buffers.Binary;
using Huella.Biometrics;

namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// Gallery file layout, version 1, little-endian:
/// <c>"HSG" 0x01 | seed i32 | count u32 | mated u32</c>, then <c>count</c> records
/// <c>mate-of i32 (−1: none; else the id of an earlier record) | length u16 | template</c>, where the
/// template is exactly <see cref="FingerprintTemplate.ToBytes"/>. Records are read in order, so a
/// gallery streams: nothing is allocated by what the header claims.
/// </summary>
internal static class GalleryFormat
{
    public const byte Version = 1;
    public const int HeaderSize = 16;
    public const int RecordHeaderSize = 6;
    public const int MaxTemplateSize = 10 + (FingerprintTemplate.MaxMinutiae * 8);
    public const string Format = "Huella synthetic gallery";

    public static void WriteHeader(Span<byte> destination, SyntheticGalleryHeader header)
    {
        destination[0] = (byte)'H';
        destination[1] = (byte)'S';
        destination[2] = (byte)'G';
        destination[3] = Version;
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], header.Seed);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], (uint)header.Count);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[12..], (uint)header.Mated);
    }

    public static SyntheticGalleryHeader ReadHeader(ReadOnlySpan<byte> data, long? remaining)
    {
        if (data.Length < HeaderSize)
        {
            throw Error($"needs a {HeaderSize}-byte header, got {data.Length} bytes", 0);
        }

        if (data[0] != 'H' || data[1] != 'S' || data[2] != 'G')
        {
            throw Error("does not start with the magic bytes \"HSG\"", 0);
        }

        if (data[3] != Version)
        {
            throw Error($"has version {data[3]}; this reader knows version {Version}", 3);
        }

        var seed = BinaryPrimitives.ReadInt32LittleEndian(data[4..]);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(data[8..]);
        var mated = BinaryPrimitives.ReadUInt32LittleEndian(data[12..]);
        if (count > int.MaxValue || (remaining is { } left && count > left / (RecordHeaderSize + 10)))
        {
            throw Error($"declares {count} records, more than the file can hold", 8);
        }

        if (mated > count)
        {
            throw Error($"declares {mated} mated records out of {count}", 12);
        }

        return new SyntheticGalleryHeader(seed, (int)count, (int)mated);
    }

    public static void WriteRecord(Stream output, int? mateOf, ReadOnlySpan<byte> template)
    {
        Span<byte> head = stackalloc byte[RecordHeaderSize];
        BinaryPrimitives.WriteInt32LittleEndian(head, mateOf ?? -1);
        BinaryPrimitives.WriteUInt16LittleEndian(head[4..], (ushort)template.Length);
        output.Write(head);
        output.Write(template);
    }

    public static FingerprintFormatException Error(string message, long offset) =>
        new($"The {Format} {message}.") { Format = Format, Offset = offset };
}
