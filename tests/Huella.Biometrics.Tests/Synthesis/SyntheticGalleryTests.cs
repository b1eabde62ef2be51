using System.Buffers.Binary;
using Huella.Biometrics.Imaging;
using Huella.Research.Synthesis.Templates;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Synthesis;

public sealed class SyntheticGalleryTests
{
    [Fact]
    public void A_gallery_reads_back_as_written()
    {
        var bytes = Gallery(50, 10, seed: 4);
        var entries = SyntheticGallery.Read(new MemoryStream(bytes)).ToList();
        Assert.Equal(60, entries.Count);
        Assert.Equal(Enumerable.Range(0, 60), entries.Select(e => e.Id));
        Assert.All(entries.Take(50), e => Assert.Null(e.MateOf));
        Assert.Equal([0, 5, 10, 15, 20, 25, 30, 35, 40, 45], entries.Skip(50).Select(e => e.MateOf!.Value));
        for (var id = 0; id < 50; id += 7)
        {
            Assert.Equal(SyntheticTemplates.Impression(4, id, 1).ToBytes(), entries[id].Template.ToBytes());
        }

        Assert.Equal(SyntheticTemplates.Impression(4, 45, 2).ToBytes(), entries[59].Template.ToBytes());
    }

    [Fact]
    public void A_gallery_file_has_its_header_and_does_not_depend_on_the_cores()
    {
        var path = Path.Combine(Path.GetTempPath(), $"huella-gallery-{Guid.NewGuid():N}.hsg");
        try
        {
            // More records than one parallel batch, so batches must join in order.
            var header = SyntheticGallery.Write(path, 5000, 100, 9);
            Assert.Equal(new SyntheticGalleryHeader(9, 5100, 100), header);
            Assert.Equal(header, SyntheticGallery.ReadHeader(path));
            Assert.Equal(Gallery(5000, 100, 9), File.ReadAllBytes(path));
            File.WriteAllBytes(path, Gallery(500, 50, 9));
            var mated = SyntheticGallery.Read(path).Where(e => e.MateOf is not null).ToList();
            Assert.Equal(50, mated.Count);
            Assert.All(mated, e => Assert.Equal(0, e.MateOf!.Value % 10));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Raw_records_carry_the_template_bytes_unparsed()
    {
        var bytes = Gallery(20, 4, seed: 8);
        var raw = SyntheticGallery.ReadRecords(new MemoryStream(bytes)).ToList();
        var parsed = SyntheticGallery.Read(new MemoryStream(bytes)).ToList();
        Assert.Equal(parsed.Select(e => (e.Id, e.MateOf)), raw.Select(r => (r.Id, r.MateOf)));
        Assert.All(raw, r => Assert.Equal(parsed[r.Id].Template.ToBytes(), r.Template.ToArray()));
        Assert.Throws<FingerprintFormatException>(() => SyntheticGallery.ReadRecords(new MemoryStream(bytes[..^1])).ToList());
    }

    [Fact]
    public void Real_templates_can_be_stored_with_their_mates()
    {
        var a = FingerprintTemplate.Create(ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db1b", "101_1.tif")));
        var b = FingerprintTemplate.Create(ImageDecoder.Load(SharedData.PathOf("fingerprints", "fvc2002", "db1b", "101_2.tif")));
        using var stream = new MemoryStream();
        SyntheticGallery.Write(stream, [(a, null), (b, 0)]);
        stream.Position = 0;
        var entries = SyntheticGallery.Read(stream).ToList();
        Assert.Equal([null, 0], entries.Select(e => e.MateOf));
        Assert.Equal(b.ToBytes(), entries[1].Template.ToBytes());
        Assert.Throws<ArgumentException>(() => SyntheticGallery.Write(new MemoryStream(), [(a, 0)]));
    }

    [Fact]
    public void Every_truncation_is_a_format_error()
    {
        var bytes = Gallery(3, 1, 2);
        // Every cut in the headers and the first record, then a sample of the rest.
        for (var length = 0; length < bytes.Length; length += length < 400 ? 1 : 13)
        {
            AssertCorrupt(bytes[..length]);
        }
    }

    [Fact]
    public void Corrupt_galleries_are_format_errors()
    {
        var good = Gallery(3, 1, 2);
        AssertCorrupt(Changed(good, b => b[0] = (byte)'X'));                                        // magic
        AssertCorrupt(Changed(good, b => b[3] = 2));                                                // version
        AssertCorrupt(Changed(good, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), uint.MaxValue)));  // count
        AssertCorrupt(Changed(good, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8), 5)));  // count beyond the records
        AssertCorrupt(Changed(good, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), 9))); // more mated than records
        AssertCorrupt(Changed(good, b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), 0))); // mated count wrong
        AssertCorrupt(Changed(good, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), 0)));  // first record mates itself
        AssertCorrupt(Changed(good, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(16), -7))); // negative mate
        AssertCorrupt(Changed(good, b => BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(20), 65535))); // template length
        AssertCorrupt(Changed(good, b => b[22] = (byte)'Z'));                                       // template magic
        AssertCorrupt([.. good, 0]);                                                                // trailing byte

        var random = new Random(17);
        for (var trial = 0; trial < 100; trial++)
        {
            var copy = (byte[])good.Clone();
            copy[random.Next(copy.Length)] ^= (byte)(1 + random.Next(255));
            try
            {
                _ = SyntheticGallery.Read(new MemoryStream(copy)).ToList();
            }
            catch (FingerprintFormatException)
            {
                // Rejected as it should be; a flipped quality or coordinate may also still be valid.
            }
        }
    }

    [Fact]
    public void A_missing_or_bad_file_is_reported()
    {
        var path = Path.Combine(Path.GetTempPath(), $"huella-bad-{Guid.NewGuid():N}.hsg");
        try
        {
            File.WriteAllBytes(path, [1, 2, 3]);
            Assert.Throws<FingerprintFormatException>(() => SyntheticGallery.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static byte[] Gallery(int count, int mated, int seed)
    {
        using var stream = new MemoryStream();
        SyntheticGallery.Write(stream, count, mated, seed);
        return stream.ToArray();
    }

    private static byte[] Changed(byte[] bytes, Action<byte[]> change)
    {
        var copy = (byte[])bytes.Clone();
        change(copy);
        return copy;
    }

    private static void AssertCorrupt(byte[] bytes) =>
        Assert.Throws<FingerprintFormatException>(() => SyntheticGallery.Read(new MemoryStream(bytes)).ToList());
}
