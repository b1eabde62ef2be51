using System.Buffers.Binary;
using System.Text;
using Huella.Biometrics.Imaging;
using Huella.Biometrics.Tests.Formats.Wsq;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Imaging;

/// <summary>
/// Small files whose headers claim huge images: each is refused with a typed error before anything
/// of the claimed size is allocated (measured as the managed bytes this thread allocates).
/// </summary>
public sealed class DecoderLimitTests
{
    // Far below any claimed image in these tests (the smallest claims 16 M pixels), far above what
    // reading the input's headers needs.
    private const long SmallAllocation = 4L * 1024 * 1024;

    [Theory]
    [InlineData(8000, 8000)]
    [InlineData(4001, 4000)]
    [InlineData(60000, 300)]
    public void A_png_header_claiming_too_many_pixels_is_refused_before_decoding(int width, int height)
    {
        var png = WithPngSize(File.ReadAllBytes(SharedData.PathOf("fingerprints", "sourceafis-samples", "probe.png")), width, height);
        AssertRefusedCheaply(png, "PNG");
    }

    [Fact]
    public void A_png_at_the_limit_is_still_read_as_far_as_its_data_goes()
    {
        // 4000 x 4000 is allowed: the error is then about the missing pixel data, not the size.
        var png = WithPngSize(File.ReadAllBytes(SharedData.PathOf("fingerprints", "sourceafis-samples", "probe.png")), 4000, 4000);
        var error = Assert.Throws<FingerprintFormatException>(() => ImageDecoder.Decode(png));
        Assert.Equal(FingerprintFormatError.Malformed, error.Error);
    }

    [Theory]
    [InlineData(5000, 5000)]
    [InlineData(8000, 8000)]
    public void A_wsq_frame_header_claiming_too_many_pixels_is_refused_before_decoding(int width, int height)
    {
        // A real 35 KB WSQ file with only its frame size changed.
        var wsq = File.ReadAllBytes(SharedData.PathOf("fingerprints", "wsq", "sourceafis", "wsq-original.wsq"));
        var frame = WsqSegments.List(wsq).Single(s => s.Marker == 0xFFA2);
        BinaryPrimitives.WriteUInt16BigEndian(wsq.AsSpan(frame.Offset + 6), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(wsq.AsSpan(frame.Offset + 8), (ushort)width);
        AssertRefusedCheaply(wsq, "WSQ");
    }

    [Fact]
    public void A_pgm_header_claiming_too_many_pixels_is_refused()
    {
        AssertRefusedCheaply(Encoding.ASCII.GetBytes("P5 8000 8000 255\n\0\0\0\0"), "PGM");
    }

    [Theory]
    [InlineData("P5 4000 4000 255\n")]
    [InlineData("P2 4000 4000 255\n0 0 0 0\n")]
    public void A_pgm_whose_pixel_data_is_missing_is_refused_before_allocating_it(string header)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<FingerprintFormatException>(() => ImageDecoder.Decode(Encoding.ASCII.GetBytes(header)));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < SmallAllocation, $"{allocated:N0} bytes allocated");
    }

    [Fact]
    public void A_tiff_whose_tags_claim_too_many_pixels_is_refused_before_decoding()
    {
        AssertRefusedCheaply(MinimalTiff(8000, 8000), "TIFF");
    }

    [Fact]
    public void A_raw_image_larger_than_the_limit_is_refused()
    {
        var error = Assert.Throws<FingerprintFormatException>(() => ImageDecoder.DecodeRaw(new byte[16], 4001, 4000));
        Assert.Equal(FingerprintFormatError.ImageTooLarge, error.Error);
    }

    private static void AssertRefusedCheaply(byte[] input, string format)
    {
        // Decode once so the measured run allocates no one-time state (type initialisers, Skia, LibTiff).
        _ = Record.Exception(() => ImageDecoder.Decode(input));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<FingerprintFormatException>(() => ImageDecoder.Decode(input));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(FingerprintFormatError.ImageTooLarge, error.Error);
        Assert.Equal(format, error.Format);
        Assert.Contains("4000", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < SmallAllocation, $"{allocated:N0} bytes allocated to refuse a {input.Length:N0}-byte {format}");
    }

    /// <summary>The PNG with its IHDR size replaced (and the chunk's CRC recomputed, which readers check).</summary>
    private static byte[] WithPngSize(byte[] png, int width, int height)
    {
        const int ihdr = 8; // right after the signature
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, ihdr + 4, 4));
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdr + 8), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(ihdr + 12), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(ihdr + 8 + 13), Crc32(png.AsSpan(ihdr + 4, 4 + 13)));
        return png;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    /// <summary>A little-endian, uncompressed 8-bit gray TIFF header with one strip of 16 bytes.</summary>
    private static byte[] MinimalTiff(int width, int height)
    {
        (ushort Tag, ushort Type, uint Value)[] entries =
        [
            (256, 4, (uint)width), // ImageWidth
            (257, 4, (uint)height), // ImageLength
            (258, 3, 8), // BitsPerSample
            (259, 3, 1), // Compression: none
            (262, 3, 1), // Photometric: min-is-black
            (273, 4, 0), // StripOffsets, filled below
            (277, 3, 1), // SamplesPerPixel
            (278, 4, (uint)height), // RowsPerStrip
            (279, 4, 16), // StripByteCounts
        ];
        var ifdLength = 2 + (12 * entries.Length) + 4;
        var dataOffset = 8 + ifdLength;
        var tiff = new byte[dataOffset + 16];
        "II*\0"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(8), (ushort)entries.Length);
        for (var i = 0; i < entries.Length; i++)
        {
            var at = 10 + (12 * i);
            var (tag, type, value) = entries[i];
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 2), type);
            BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 4), 1);
            var stored = tag == 273 ? (uint)dataOffset : value;
            if (type == 3)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at + 8), (ushort)stored);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at + 8), stored);
            }
        }

        return tiff;
    }
}
