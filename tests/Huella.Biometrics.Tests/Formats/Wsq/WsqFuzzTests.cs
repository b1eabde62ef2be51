using System.Buffers.Binary;
using Huella.Biometrics.Formats.Wsq;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Formats.Wsq;

/// <summary>
/// Corrupted WSQ must either decode or be rejected with <see cref="FingerprintFormatException"/>:
/// never another exception, a hang, or an allocation sized by a lying field.
/// </summary>
public sealed class WsqFuzzTests
{
    public static TheoryData<string> Samples => new() { "jnbis/sample.wsq", "sourceafis/wsq-original.wsq" };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Bit_flips_decode_or_fail_cleanly(string sample)
    {
        var original = Read(sample);
        var firstBlock = WsqSegments.List(original).First(s => s.Marker == 0xFFA3).Offset;
        var random = new Random(20240728);
        for (var i = 0; i < 300; i++)
        {
            var mutated = (byte[])original.Clone();
            var flips = random.Next(1, 5);
            for (var f = 0; f < flips; f++)
            {
                // Half the flips land in the headers and tables, where parsing decisions are made.
                var at = random.Next(2) == 0 ? random.Next(firstBlock + 8) : random.Next(mutated.Length);
                mutated[at] ^= (byte)(1 << random.Next(8));
            }

            DecodeOrReject(mutated);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Truncations_are_rejected(string sample)
    {
        var original = Read(sample);
        var firstBlock = WsqSegments.List(original).First(s => s.Marker == 0xFFA3).Offset;
        var cuts = Enumerable.Range(0, firstBlock + 16)
            .Concat(Enumerable.Range(0, 150).Select(i => firstBlock + (int)((long)(original.Length - firstBlock) * i / 150)))
            .Append(original.Length - 1)
            .Distinct();
        foreach (var length in cuts)
        {
            var error = Assert.Throws<FingerprintFormatException>(() => WsqCodec.Decode(original.AsSpan(0, length)));
            Assert.Equal("WSQ", error.Format);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Lying_length_fields_are_rejected_or_survived(string sample)
    {
        var original = Read(sample);
        var random = new Random(7);
        foreach (var segment in WsqSegments.List(original).Where(s => s.Length > 0))
        {
            foreach (var length in new ushort[] { 0, 1, 2, 3, 0x7FFF, 0xFFFF, (ushort)random.Next(65536) })
            {
                var mutated = (byte[])original.Clone();
                BinaryPrimitives.WriteUInt16BigEndian(mutated.AsSpan(segment.Offset + 2), length);
                DecodeOrReject(mutated);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_huge_frame_is_rejected_before_anything_is_allocated_for_it(string sample)
    {
        var mutated = Read(sample);
        var frame = WsqSegments.List(mutated).Single(s => s.Marker == 0xFFA2);
        BinaryPrimitives.WriteUInt16BigEndian(mutated.AsSpan(frame.Offset + 6), 0xFFFF);
        BinaryPrimitives.WriteUInt16BigEndian(mutated.AsSpan(frame.Offset + 8), 0xFFFF);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<FingerprintFormatException>(() => WsqCodec.Decode(mutated));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(frame.Offset, error.Offset);
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated");
    }

    [Fact]
    public void Tiny_inputs_allocate_little()
    {
        var original = Read("jnbis/sample.wsq");
        var random = new Random(99);
        var inputs = Enumerable.Range(0, 200).Select(i =>
        {
            var length = random.Next(0, 257);
            var bytes = random.Next(2) == 0 ? original[..Math.Min(length, original.Length)] : RandomBytes(random, length);
            return bytes;
        });
        foreach (var input in inputs)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            DecodeOrReject(input);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated for {input.Length} input bytes");
        }
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xFF })]
    [InlineData(new byte[] { 0xFF, 0xA0 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 })]
    [InlineData(new byte[] { 0xFF, 0xA0, 0xFF, 0xA1 })]
    public void Non_wsq_and_empty_streams_are_rejected(byte[] data) =>
        Assert.Throws<FingerprintFormatException>(() => WsqCodec.Decode(data));

    [Fact]
    public void IsWsq_looks_at_the_start_marker_only()
    {
        Assert.True(WsqCodec.IsWsq(Read("jnbis/sample.wsq")));
        Assert.False(WsqCodec.IsWsq([0xFF, 0xD8, 0xFF]));
        Assert.False(WsqCodec.IsWsq([0xFF]));
    }

    private static void DecodeOrReject(byte[] data)
    {
        try
        {
            var image = WsqCodec.Decode(data);
            Assert.Equal(image.Width * image.Height, image.Pixels.Length);
        }
        catch (FingerprintFormatException error)
        {
            Assert.Equal("WSQ", error.Format);
        }
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        if (length >= 2)
        {
            bytes[0] = 0xFF;
            bytes[1] = 0xA0;
        }

        return bytes;
    }

    private static byte[] Read(string sample) =>
        File.ReadAllBytes(SharedData.PathOf(["fingerprints", "wsq", .. sample.Split('/')]));
}
