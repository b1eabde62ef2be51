using Huella.Biometrics.Formats.Minutiae;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Formats.Minutiae;

public sealed class MinutiaeRecordTests
{
    public static TheoryData<string> SecugenDatabases => new() { "DB1_B", "DB2_B", "DB3_B", "DB4_B" };

    public static TheoryData<string> SourceAfisTemplates => new() { "iso-probe.dat", "iso-matching.dat", "iso-nonmatching.dat" };

    [Theory]
    [MemberData(nameof(SecugenDatabases))]
    public void Every_secugen_template_parses_with_sensible_values_and_round_trips_byte_for_byte(string database)
    {
        var files = SharedData.Files($"fingerprints/iso-templates/fvc2002-secugen/{database}", "*.iso");
        Assert.Equal(80, files.Length);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var record = MinutiaeRecord.Parse(bytes);
            Assert.Equal(MinutiaeStandard.Iso19794v2005, record.Standard);
            Assert.Equal((300, 400), (record.Width, record.Height));
            Assert.InRange(record.ResolutionX, 150, 250);
            AssertSensible(record, file);
            Assert.Equal(bytes, record.ToBytes());
        }
    }

    [Theory]
    [MemberData(nameof(SourceAfisTemplates))]
    public void SourceAfis_iso_samples_parse_and_round_trip(string name)
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("fingerprints", "sourceafis-samples", name));
        var record = MinutiaeRecord.Parse(bytes);
        Assert.Equal(MinutiaeStandard.Iso19794v2005, record.Standard);
        AssertSensible(record, name);

        // These samples sit zero-padded in 384-byte buffers; the record itself is what round-trips.
        var written = record.ToBytes();
        Assert.Equal(bytes.AsSpan(0, written.Length).ToArray(), written);
        Assert.DoesNotContain(bytes.Skip(written.Length), b => b != 0);
        Assert.True(ExtendedDataBlock.TrySplit(record.Views[0].ExtendedData.AsSpan(), out var blocks));
        var vendor = Assert.Single(blocks);
        Assert.Equal(0x0144, vendor.Type);
    }

    [Fact]
    public void Truncated_templates_are_rejected_with_a_format_exception()
    {
        var files = Directory.GetFiles(SharedData.PathOf("fingerprints", "iso-templates", "invalid"), "*.iso", SearchOption.AllDirectories);
        Assert.Equal(3, files.Length);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var e = Assert.Throws<FingerprintFormatException>(() => MinutiaeRecord.Parse(bytes));
            Assert.Contains("Truncated", e.Message, StringComparison.Ordinal);
            Assert.False(MinutiaeRecord.TryParse(bytes, out _, out var error));
            Assert.NotNull(error);
        }
    }

    [Fact]
    public void Every_prefix_of_a_template_is_rejected_cleanly()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("fingerprints", "iso-templates", "fvc2002-secugen", "DB1_B", "101_1.iso"));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Throws<FingerprintFormatException>(() => MinutiaeRecord.Parse(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void Trailing_non_zero_bytes_and_wrong_magic_are_rejected()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("fingerprints", "iso-templates", "fvc2002-secugen", "DB2_B", "105_3.iso"));
        Assert.Equal(MinutiaeRecord.Parse(bytes), MinutiaeRecord.Parse([.. bytes, 0, 0]));
        Assert.Throws<FingerprintFormatException>(() => MinutiaeRecord.Parse([.. bytes, 0, 1]));
        var wrongMagic = bytes.ToArray();
        wrongMagic[0] = (byte)'X';
        Assert.Throws<FingerprintFormatException>(() => MinutiaeRecord.Parse(wrongMagic));
    }

    [Fact]
    public void An_ansi_378_record_with_several_views_and_extended_data_writes_and_reads_back()
    {
        var ridgeCounts = new byte[] { 0x00, 0x01, 0x00, 0x08, 0x01, 0x00, 0x01, 0x05 };
        var vendor = new byte[] { 0x01, 0x00, 0x00, 0x06, 0xAB, 0xCD };
        var views = new[]
        {
            new FingerView(2, 0, 0, 80, [new(RecordMinutiaType.Ending, 10, 20, 0, 60), new(RecordMinutiaType.Bifurcation, 300, 16000, 179, 100)], [.. ridgeCounts, .. vendor]),
            new FingerView(2, 1, 1, 75, [new(RecordMinutiaType.Other, 0, 0, 90, 0)]),
        };
        var record = new MinutiaeRecord(MinutiaeStandard.Ansi378v2004, 500, 600, 197, 197, views, captureEquipment: 0x1ABC, productId: 0x00330102);
        var bytes = record.ToBytes();

        Assert.Equal(26 + (4 + 12 + 2 + 14) + (4 + 6 + 2), bytes.Length);
        Assert.Equal(bytes.Length, (bytes[8] << 8) | bytes[9]);
        var back = MinutiaeRecord.Parse(bytes);
        Assert.Equal(MinutiaeStandard.Ansi378v2004, back.Standard);
        Assert.Equal(record, back);
        Assert.Equal(0x00330102u, back.ProductId);
        Assert.Equal(0xABC, back.CaptureDeviceId);
        Assert.Equal(358.0, back.Views[0].Minutiae[1].AngleDegrees(back.Standard));

        Assert.True(ExtendedDataBlock.TrySplit(back.Views[0].ExtendedData.AsSpan(), out var blocks));
        Assert.Equal([ExtendedDataBlock.RidgeCountType, 0x0100], blocks.Select(b => b.Type));
        Assert.Equal(new byte[] { 0xAB, 0xCD }, blocks[1].Data.ToArray());
    }

    [Fact]
    public void A_large_ansi_record_uses_the_six_byte_length_form_and_reads_back()
    {
        var views = Enumerable.Range(0, 50).Select(i =>
            new FingerView(i % 11, i % 16, 0, 50, Enumerable.Range(0, 255).Select(j => new RecordMinutia(RecordMinutiaType.Ending, j, i, j % 180, 40)), new byte[1000]));
        var record = new MinutiaeRecord(MinutiaeStandard.Ansi378v2004, 800, 750, 197, 197, views);
        var bytes = record.ToBytes();

        Assert.True(bytes.Length > 0xFFFF);
        Assert.Equal(0, (bytes[8] << 8) | bytes[9]);
        Assert.Equal(record, MinutiaeRecord.Parse(bytes));
        Assert.Equal(record, MinutiaeRecord.Parse(bytes, MinutiaeStandard.Ansi378v2004));
    }

    [Fact]
    public void Forcing_the_wrong_standard_fails_cleanly()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("fingerprints", "sourceafis-samples", "iso-probe.dat"));
        Assert.Throws<FingerprintFormatException>(() => MinutiaeRecord.Parse(bytes, MinutiaeStandard.Ansi378v2004));
    }

    [Fact]
    public void Iso_to_ansi_and_back_keeps_minutiae_within_one_angle_unit()
    {
        var bytes = File.ReadAllBytes(SharedData.PathOf("fingerprints", "sourceafis-samples", "iso-probe.dat"));
        var iso = MinutiaeRecord.Parse(bytes);
        var ansi = iso.ConvertTo(MinutiaeStandard.Ansi378v2004);
        var ansiBytes = ansi.ToBytes();
        Assert.Equal(iso.ToBytes().Length + 2, ansiBytes.Length);

        var ansiRead = MinutiaeRecord.Parse(ansiBytes);
        Assert.Equal(MinutiaeStandard.Ansi378v2004, ansiRead.Standard);
        Assert.Equal(ansi, ansiRead);
        var isoAgain = ansiRead.ConvertTo(MinutiaeStandard.Iso19794v2005);
        Assert.Equal((iso.Width, iso.Height, iso.ResolutionX, iso.ResolutionY), (isoAgain.Width, isoAgain.Height, isoAgain.ResolutionX, isoAgain.ResolutionY));
        var changed = 0;
        foreach (var (a, b) in iso.Views.SelectMany(v => v.Minutiae).Zip(isoAgain.Views.SelectMany(v => v.Minutiae)))
        {
            Assert.Equal((a.Type, a.X, a.Y, a.Quality), (b.Type, b.X, b.Y, b.Quality));
            var delta = CircularDifference(a.Angle, b.Angle, 256);
            Assert.InRange(delta, 0, 1);
            changed += delta;
        }

        // 180 ANSI steps cannot hold 256 ISO steps: some angles must move.
        Assert.True(changed > 0);
    }

    [Fact]
    public void Ansi_to_iso_and_back_is_exact()
    {
        var minutiae = Enumerable.Range(0, 180).Select(a => new RecordMinutia(RecordMinutiaType.Bifurcation, a, a + 1, a, 50));
        var ansi = new MinutiaeRecord(MinutiaeStandard.Ansi378v2004, 400, 400, 197, 197, [new FingerView(1, 0, 0, 60, minutiae)]);
        var iso = MinutiaeRecord.Parse(ansi.ConvertTo(MinutiaeStandard.Iso19794v2005).ToBytes());
        Assert.Equal(MinutiaeStandard.Iso19794v2005, iso.Standard);
        foreach (var (a, i) in ansi.Views[0].Minutiae.Zip(iso.Views[0].Minutiae))
        {
            Assert.InRange(Math.Abs(a.AngleDegrees(ansi.Standard) - i.AngleDegrees(iso.Standard)), 0, 360.0 / 512);
        }

        Assert.Equal(ansi, iso.ConvertTo(MinutiaeStandard.Ansi378v2004));
    }

    [Fact]
    public void An_out_of_range_ansi_angle_is_a_format_error()
    {
        var record = new MinutiaeRecord(MinutiaeStandard.Ansi378v2004, 100, 100, 197, 197, [new FingerView(1, 0, 0, 60, [new(RecordMinutiaType.Ending, 1, 1, 179, 50)])]);
        var bytes = record.ToBytes();
        bytes[26 + 4 + 4] = 180;
        Assert.Throws<FingerprintFormatException>(() => MinutiaeRecord.Parse(bytes));
    }

    private static int CircularDifference(int a, int b, int units)
    {
        var d = Math.Abs(a - b) % units;
        return Math.Min(d, units - d);
    }

    private static void AssertSensible(MinutiaeRecord record, string file)
    {
        Assert.True(record.Views.Length > 0, file);
        foreach (var view in record.Views)
        {
            Assert.True(view.Minutiae.Length > 0, file);
            Assert.InRange(view.FingerPosition, 0, 10);
            Assert.InRange(view.Quality, 0, 100);
            foreach (var m in view.Minutiae)
            {
                Assert.InRange(m.X, 0, record.Width - 1);
                Assert.InRange(m.Y, 0, record.Height - 1);
                Assert.InRange(m.AngleDegrees(record.Standard), 0, 360);
                Assert.InRange(m.Quality, 0, 100);
                Assert.NotEqual(RecordMinutiaType.Reserved, m.Type);
            }

            Assert.True(ExtendedDataBlock.TrySplit(view.ExtendedData.AsSpan(), out _), file);
        }
    }
}
