using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Elections.Scan;
using Huella.Elections.Ve2024;
using Huella.Testing;

namespace Huella.Elections.Tests.Scan;

/// <summary>Photos of actas against the real 2024 results table and real payloads: what an observer's scan says.</summary>
public sealed class ObserverScanTests : IDisposable
{
    private static readonly Lazy<CsvPublishedActas> Table = new(() => CsvPublishedActas.Load(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv")));
    private static readonly Lazy<string[]> Payloads = new(() =>
        [.. File.ReadLines(SharedData.PathOf("elections", "ve-2024", "acta-qr-payloads.txt")).Where(l => CneQrPayload.TryParse(l, out _, out _)).Select(l => l.Trim())]);

    private readonly SigningKey _machine = SigningKey.Generate();
    private readonly SigningKey _member = SigningKey.Generate();

    public void Dispose()
    {
        _machine.Dispose();
        _member.Dispose();
    }

    private static Task<ScanReport> Scan(byte[] photo, PublishedKeys? keys = null) => new ObserverScan(keys, Table.Value).ScanAsync(photo, "photo.jpg");

    [Fact]
    public async Task A_real_cne_acta_agrees_with_the_published_table()
    {
        var payload = Payloads.Value[0];

        var report = await Scan(ScanImages.Jpeg(ScanImages.Page(payload)));

        Assert.Equal(ScanOutcome.Agrees, report.Outcome);
        Assert.Equal(ScanFormat.Cne2024, report.Format);
        Assert.Equal(payload, report.Payload);
        Assert.Equal(payload[..12], report.Code);
        Assert.True(report.Agrees);
        Assert.Empty(report.Differences);
        Assert.False(report.IsFailure);
    }

    [Fact]
    public async Task A_changed_count_is_reported_as_the_candidate_that_differs()
    {
        var original = Payloads.Value[0];
        Assert.True(CneQrPayload.TryParse(original, out var parsed, out _));
        var cards = parsed!.CardVotes.ToArray();
        cards[0] += 10; // PSUV backs Nicolás Maduro (NM)
        var altered = $"{original.Split('!')[0]}!{string.Join(',', cards)}!{parsed.NullVotes}!0";

        var report = await Scan(ScanImages.Jpeg(ScanImages.Page(altered)));

        Assert.Equal(ScanOutcome.Differs, report.Outcome);
        Assert.False(report.Agrees);
        var difference = Assert.Single(report.Differences);
        Assert.Equal("NM", difference.Field);
        Assert.Equal(difference.Published + 10, difference.Scanned);
        Assert.Contains("NM", report.Message, StringComparison.Ordinal);
        Assert.True(report.IsFailure);
    }

    [Fact]
    public async Task A_mesa_the_table_lacks_is_not_published()
    {
        var payload = "990101001.01.1.0001!" + string.Join(',', Enumerable.Repeat(1, 38)) + "!0!0";

        var report = await Scan(ScanImages.Png(ScanImages.Page(payload)));

        Assert.Equal(ScanOutcome.NotPublished, report.Outcome);
        Assert.Null(report.Agrees);
        Assert.Equal("990101001.01", report.Code);
    }

    [Fact]
    public async Task A_cne_payload_with_37_counts_is_invalid_and_says_why()
    {
        var parts = Payloads.Value[0].Split('!');
        var short37 = $"{parts[0]}!{string.Join(',', parts[1].Split(',').Skip(1))}!{parts[2]}!{parts[3]}";

        var report = await Scan(ScanImages.Jpeg(ScanImages.Page(short37)));

        Assert.Equal(ScanOutcome.Invalid, report.Outcome);
        Assert.Equal(ScanFormat.Cne2024, report.Format);
        Assert.Equal(Payloads.Value[0][..12], report.Code);
        Assert.Contains("expected 38 card counts, found 37", report.Message, StringComparison.Ordinal);
        Assert.Null(report.Agrees);
    }

    [Fact]
    public async Task A_huella_acta_verifies_and_agrees_with_the_table_by_candidate()
    {
        var (signed, keys) = await HuellaActa(Payloads.Value[0]);

        var report = await Scan(ScanImages.Png(ScanImages.Page(signed.Encode())), keys);

        Assert.Equal(ScanOutcome.Agrees, report.Outcome);
        Assert.Equal(ScanFormat.Huella, report.Format);
        Assert.Equal(nameof(ActaVerdict.Valid), report.Signature);
        Assert.Equal(ActaText.ToText(signed.Encode()), report.Payload);
    }

    [Fact]
    public async Task A_forged_huella_acta_is_invalid_whatever_it_claims()
    {
        var (signed, keys) = await HuellaActa(Payloads.Value[0]);
        var cards = signed.Acta.CardVotes.ToArray();
        cards[35] -= 50;
        cards[0] += 50;
        var forged = signed.WithAlteredActa(signed.Acta with { CardVotes = [.. cards] });

        var report = await Scan(ScanImages.Png(ScanImages.Page(forged.Encode())), keys);

        Assert.Equal(ScanOutcome.Invalid, report.Outcome);
        Assert.Equal(nameof(ActaVerdict.BadSignature), report.Signature);
        Assert.Contains("altered or forged", report.Message, StringComparison.Ordinal);
        Assert.False(report.Agrees);
    }

    [Fact]
    public async Task A_photo_without_a_code_says_so()
    {
        var blank = ScanImages.Jpeg(Biometrics.Imaging.GrayImage.Filled(800, 600, 230));

        var report = await Scan(blank);

        Assert.Equal(ScanOutcome.NoCode, report.Outcome);
        Assert.Null(report.Payload);
        Assert.Null(report.Format);
    }

    [Fact]
    public async Task Another_qr_code_is_not_an_acta()
    {
        var report = await Scan(ScanImages.Png(ScanImages.Page("https://example.org/not-an-acta")));

        Assert.Equal(ScanOutcome.NotAnActa, report.Outcome);
        Assert.Equal("https://example.org/not-an-acta", report.Payload);
        Assert.Null(report.Format);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_a_bad_photo()
    {
        var report = await Scan("%PDF-1.4 not a photo"u8.ToArray());

        Assert.Equal(ScanOutcome.BadPhoto, report.Outcome);
        Assert.Contains("not an image", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_line_carries_every_field_the_cli_documents()
    {
        var report = new ScanReport
        {
            File = "a.jpg",
            Outcome = ScanOutcome.Differs,
            Message = "m",
            Format = ScanFormat.Cne2024,
            Payload = "p",
            Code = "240111020.01",
            Contest = 0,
            Agrees = false,
            Differences = [new ScanDifference("NM", 110, 100)],
        };

        using var json = System.Text.Json.JsonDocument.Parse(ScanReportJson.ToJson(report));
        var root = json.RootElement;

        Assert.Equal("a.jpg", root.GetProperty("file").GetString());
        Assert.Equal("cne-2024", root.GetProperty("format").GetString());
        Assert.Equal("p", root.GetProperty("payload").GetString());
        Assert.Equal("240111020.01", root.GetProperty("code").GetString());
        Assert.False(root.GetProperty("agrees").GetBoolean());
        var difference = Assert.Single(root.GetProperty("differences").EnumerateArray().ToList());
        Assert.Equal(("NM", 110, 100), (difference.GetProperty("field").GetString(), difference.GetProperty("scanned").GetInt32(), difference.GetProperty("published").GetInt32()));
        Assert.Equal("differs", root.GetProperty("outcome").GetString());
    }

    private async Task<(SignedActa Signed, PublishedKeys Keys)> HuellaActa(string payloadText)
    {
        Assert.True(CneQrPayload.TryParse(payloadText, out var payload, out _));
        var table = (await Table.Value.FindAsync(payload!.Mesa, 0))!;
        var cast = payload.CardVotes.Sum() + payload.NullVotes;
        var acta = new Acta
        {
            ElectionId = "SCAN-TEST",
            Mesa = payload.Mesa,
            CardVotes = payload.CardVotes,
            NullVotes = payload.NullVotes,
            BlankVotes = 0,
            RegisteredElectors = (int)table.Numbers["registered"]!.Value,
            ElectorsAuthenticated = cast,
            BallotsCast = cast,
            Incidents = ImmutableArray.Create(new int[Enum.GetValues<IncidentKind>().Length]),
            LogHead = [.. SHA256.HashData("log"u8)],
            ClosedAt = 1_722_211_200,
        };
        var keys = new PublishedKeys("SCAN-TEST",
        [
            new(payload.Mesa, SignerRole.Machine, _machine.PublicKey, "machine"),
            new(payload.Mesa, SignerRole.Member, _member.PublicKey, "president"),
        ]);
        return (SignedActa.SignByMachine(acta, _machine).Countersign(_member), keys);
    }
}
