using System.Buffers.Binary;
using Huella.Biometrics.Formats.AnsiNist;
using Huella.Biometrics.Imaging;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Formats.AnsiNist;

public sealed class AnsiNistTransactionTests
{
    public static TheoryData<string> AllTransactions
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var folder in new[] { "jnbis-nist-samples", "nbis-an2kconvert-testdata", "nist-ansi-character-separated-reference-files" })
            {
                foreach (var file in SharedData.Files($"ansi-nist/{folder}", "*.an2"))
                {
                    data.Add($"{folder}/{Path.GetFileName(file)}");
                }
            }

            return data;
        }
    }

    [Fact]
    public void The_shared_transactions_parse_into_the_records_they_hold()
    {
        Assert.Equal(1 + 21 + 30, AllTransactions.Count);

        // Records per type over all 52 files; a parser that merged, split, dropped or mistyped a record changes it.
        var parsed = new List<AnsiNistRecord>();
        foreach (string name in AllTransactions)
        {
            parsed.AddRange(AnsiNistTransaction.Parse(File.ReadAllBytes(SharedData.PathOf(["ansi-nist", .. name.Split('/')]))).Records);
        }

        var records = parsed
            .GroupBy(r => r.Type)
            .OrderBy(g => g.Key)
            .Select(g => $"{g.Key}:{g.Count()}");
        Assert.Equal("1:52 2:49 3:15 4:41 5:15 6:16 7:2 8:6 9:10 10:14 13:14 14:37 15:4 16:3 17:6 99:3", string.Join(' ', records));
    }

    [Theory]
    [MemberData(nameof(AllTransactions))]
    public void Every_transaction_parses_and_writes_back_byte_for_byte(string name)
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf(["ansi-nist", .. name.Split('/')]));
        var transaction = AnsiNistTransaction.Parse(bytes);

        Assert.Equal(1, transaction.Records[0].Type);
        var listed = transaction.Header[3]!.Subfields.Skip(1).Select(s => int.Parse(s[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(listed, transaction.Records.Skip(1).Select(r => r.Type));
        Assert.Equal(transaction.Records.Length, transaction.CountsByType.Sum(c => c.Value));

        var written = transaction.ToBytes();
        Assert.Equal(transaction, AnsiNistTransaction.Parse(written));
        Assert.True(bytes.AsSpan().SequenceEqual(written), $"{name}: written bytes differ from the source");
    }

    [Theory]
    [MemberData(nameof(AllTransactions))]
    public void Image_records_declare_sane_geometry_and_type_9_records_read(string name)
    {
        var transaction = AnsiNistTransaction.Parse(File.ReadAllBytes(SharedData.PathOf(["ansi-nist", .. name.Split('/')])));
        foreach (var image in transaction.Images)
        {
            Assert.InRange(image.Width, 1, 20000);
            Assert.InRange(image.Height, 1, 20000);
            Assert.False(image.Data.IsEmpty);
            if (image.RecordType is not (5 or 6))
            {
                // Binary Types 5 and 6 carry a bilevel compression code this library does not name.
                Assert.NotEqual(ImageCompression.Unknown, image.Compression);
            }

            if (image.Compression == ImageCompression.None && image.RecordType is 4 or 14)
            {
                Assert.Equal(image.Width * image.Height, image.Data.Length);
            }
        }

        foreach (var minutiae in transaction.Minutiae)
        {
            Assert.True(minutiae.MinutiaeCount > 0, name);
            Assert.Equal(minutiae.MinutiaeCount, minutiae.LegacyMinutiae.Length + minutiae.IncitsMinutiae.Length);
        }
    }

    [Fact]
    public void The_jnbis_sample_holds_fourteen_wsq_type_4_images_that_decode_to_the_reference_pngs()
    {
        var folder = SharedData.PathOf("ansi-nist", "jnbis-nist-samples");
        var transaction = AnsiNistTransaction.Parse(File.ReadAllBytes(Path.Combine(folder, "sample.an2")));
        var images = transaction.Images;

        // fp-N.png is the image of finger position N (the slaps 11–14 are not in record order).
        Assert.Equal(14, images.Count);
        Assert.Equal([KeyValuePair.Create(1, 1), KeyValuePair.Create(2, 1), KeyValuePair.Create(4, 14)], transaction.CountsByType);
        for (var i = 0; i < images.Count; i++)
        {
            var image = images[i];
            Assert.Equal(4, image.RecordType);
            Assert.Equal(ImageCompression.Wsq, image.Compression);
            Assert.Equal(0xFF, image.Data.Span[0]);
            Assert.Equal(0xA0, image.Data.Span[1]); // WSQ starts with the SOI marker FFA0
            Assert.Equal(19.69, image.PixelsPerMillimeter!.Value, 2);
            var png = File.ReadAllBytes(Path.Combine(folder, $"fp-{image.Position}.png"));
            Assert.Equal(PngSize(png), (image.Width, image.Height));

            var decoded = ImageDecoder.Decode(image.Data.Span);
            var reference = ImageDecoder.Decode(png);
            Assert.Equal((image.Width, image.Height), (decoded.Width, decoded.Height));
            Assert.True(decoded.Pixels.SequenceEqual(reference.Pixels), $"fp-{image.Position}: decoded pixels differ from the reference PNG");
        }

        Assert.Equal(Enumerable.Range(1, 10), images.Take(10).Select(im => im.Position));
        Assert.Equal([14, 12, 11, 13], images.Skip(10).Select(im => im.Position));
    }

    [Fact]
    public void Tagged_image_records_expose_resolution_compression_and_position()
    {
        var transaction = AnsiNistTransaction.Parse(File.ReadAllBytes(SharedData.PathOf("ansi-nist", "nist-ansi-character-separated-reference-files", "type-14-tpcard-nqm.an2")));
        var images = transaction.Images;
        Assert.Equal(14, images.Count);
        Assert.All(images, im => Assert.Equal(ImageCompression.Wsq, im.Compression));
        Assert.All(images, im => Assert.Equal(19.7, im.PixelsPerMillimeter!.Value, 1));
        Assert.Equal((804, 752, 1), (images[0].Width, images[0].Height, images[0].Position));

        var palms = AnsiNistTransaction.Parse(File.ReadAllBytes(SharedData.PathOf("ansi-nist", "nist-ansi-character-separated-reference-files", "type-15-palms.an2"))).Images;
        Assert.Equal(2, palms.Count);
        Assert.Equal((15, 900, 2500, 24), (palms[0].RecordType, palms[0].Width, palms[0].Height, palms[0].Position));
        Assert.Equal(500, palms[0].Dpi!.Value, 6);
    }

    [Fact]
    public void Type_9_legacy_and_incits_blocks_are_read()
    {
        var folder = SharedData.PathOf("ansi-nist", "nist-ansi-character-separated-reference-files");
        var std = AnsiNistTransaction.Parse(File.ReadAllBytes(Path.Combine(folder, "type-9-13-std.an2"))).Minutiae.Single();
        Assert.Equal("S", std.MinutiaeFormat);
        Assert.Equal(48, std.MinutiaeCount);
        Assert.Equal(48, std.LegacyMinutiae.Length);
        Assert.Equal(new AnsiNistMinutia(1, 2499, 2578, 95, 0, "D"), std.LegacyMinutiae[0]);
        Assert.Equal([0], std.FingerPositions);

        var m1 = AnsiNistTransaction.Parse(File.ReadAllBytes(Path.Combine(folder, "type-9-13-m1.an2"))).Minutiae.Single();
        Assert.Equal("U", m1.MinutiaeFormat);
        Assert.Equal(48, m1.IncitsMinutiae.Length);
        Assert.Equal(new AnsiNistMinutia(1, 491, 260, 137, 100, "0"), m1.IncitsMinutiae[0]);
        Assert.All(m1.IncitsMinutiae, m => Assert.InRange(m.Angle, 0, 179));
        Assert.Equal([8], m1.FingerPositions);

        var iafis = AnsiNistTransaction.Parse(File.ReadAllBytes(Path.Combine(folder, "type-9-4-iafis.an2"))).Minutiae.Single();
        Assert.Equal(48, iafis.MinutiaeCount);
        Assert.Equal(48, iafis.LegacyMinutiae.Length);
        Assert.Equal([8], iafis.FingerPositions);
    }

    [Fact]
    public void Unknown_record_types_in_the_header_list_are_kept_as_tagged_records()
    {
        var transaction = AnsiNistTransaction.Parse(File.ReadAllBytes(SharedData.PathOf("ansi-nist", "nbis-an2kconvert-testdata", "valid1.16.an2")));
        Assert.Equal([1, 2, 4, 10, 13, 14, 15, 16, 17, 99], transaction.Records.Select(r => r.Type));
        var type99 = Assert.IsType<TaggedRecord>(transaction.Records[^1]);
        Assert.False(type99.ImageData.IsEmpty);
    }

    [Fact]
    public void A_built_transaction_writes_a_consistent_len_and_reads_back()
    {
        var header = new TaggedRecord(1, [
            new TaggedField(1, 1, "0"),
            new TaggedField(1, 2, "0500"),
            new TaggedField(1, 3, "1\u001F2\u001E2\u001F00\u001E4\u001F01"),
            new TaggedField(1, 4, "TEST"),
        ]);
        var type2 = new TaggedRecord(2, [new TaggedField(2, 1, "0"), new TaggedField(2, 2, "00")]);
        var pixels = Enumerable.Range(0, 6).Select(i => (byte)(i * 40)).ToArray();
        byte[] type4 = [0, 0, 0, 0, 1, 0, 3, 255, 255, 255, 255, 255, 1, 0, 3, 0, 2, 0, .. pixels];
        var transaction = new AnsiNistTransaction([header, type2, new BinaryRecord(4, type4)]);

        var bytes = transaction.ToBytes();
        var back = AnsiNistTransaction.Parse(bytes);
        Assert.Equal(transaction, back);
        Assert.Equal(bytes, back.ToBytes());
        var headerLength = back.Header.GetInt(1)!.Value;
        Assert.Equal(Separators.File, bytes[headerLength - 1]);
        var image = Assert.Single(back.Images);
        Assert.Equal((3, 2, 3, ImageCompression.None), (image.Width, image.Height, image.Position, image.Compression));
        Assert.Equal(pixels, image.Data.ToArray());
        Assert.Equal(18 + 6, (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(bytes.Length - 24)));
    }

    [Fact]
    public void A_transaction_whose_cnt_disagrees_with_its_records_cannot_be_built()
    {
        var header = new TaggedRecord(1, [new TaggedField(1, 1, "0"), new TaggedField(1, 3, "1\u001F1\u001E2\u001F00")]);
        var type2 = new TaggedRecord(2, [new TaggedField(2, 1, "0"), new TaggedField(2, 2, "00")]);
        Assert.Equal(2, new AnsiNistTransaction([header, type2]).Records.Length);
        Assert.Throws<ArgumentException>(() => new AnsiNistTransaction([header]));
        Assert.Throws<ArgumentException>(() => new AnsiNistTransaction([header, type2, type2]));
    }

    [Fact]
    public void Every_prefix_trailing_bytes_and_a_bad_cnt_are_rejected_with_a_format_exception()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("ansi-nist", "nist-ansi-character-separated-reference-files", "type-8-sig-fax.an2"));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<FingerprintFormatException>(() => AnsiNistTransaction.Parse(bytes.AsSpan(0, length)));
        }

        Assert.Throws<FingerprintFormatException>(() => AnsiNistTransaction.Parse([.. bytes, 0]));
        Assert.False(AnsiNistTransaction.TryParse(bytes.AsSpan(0, bytes.Length - 1), out _, out var error));
        Assert.Contains("Truncated", error, StringComparison.Ordinal);

        // "1.003:1 US 2 RS ..." announcing 3 records while listing 2.
        var badCount = bytes.ToArray();
        var cnt = bytes.AsSpan().IndexOf("1.003:1\u001F2"u8);
        badCount[cnt + 8] = (byte)'3';
        var e = Assert.Throws<FingerprintFormatException>(() => AnsiNistTransaction.Parse(badCount));
        Assert.Contains("1.003", e.Message, StringComparison.Ordinal);

        // Listing Type-9 where the file holds a Type-8 record.
        var wrongType = bytes.ToArray();
        wrongType[bytes.AsSpan().IndexOf("\u001E8\u001F01"u8) + 1] = (byte)'9';
        Assert.Throws<FingerprintFormatException>(() => AnsiNistTransaction.Parse(wrongType));
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.AsSpan(12, 4).SequenceEqual("IHDR"u8));
        return ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20)));
    }
}
