using System.Text;
using System.Text.Json;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using Huella.Testing;

namespace Huella.Cli.Tests.Scan;

/// <summary><c>huella actas scan</c> on real payloads and the repository's printed acta, against the real 2024 table.</summary>
public sealed class ActasScanCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-scan-cli-").FullName;
    private readonly string _csv = SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv");
    private readonly string _payload = File.ReadLines(SharedData.PathOf("elections", "ve-2024", "acta-qr-payloads.txt")).First().Trim();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Docs(string file) => Path.Combine(SharedData.RepositoryRoot, "docs", file);

    private string Photo(string name, string payload)
    {
        var path = Path.Combine(_folder, name);
        var (pixels, size) = ActaQr.Render(ActaQr.Modules(Encoding.ASCII.GetBytes(payload)), 5);
        var page = new byte[(size + 200) * (size + 300)];
        page.AsSpan().Fill(255);
        for (var y = 0; y < size; y++)
        {
            pixels.AsSpan(y * size, size).CopyTo(page.AsSpan(((y + 150) * (size + 200)) + 100));
        }

        File.WriteAllBytes(path, ImageEncoder.EncodePng(new GrayImage(size + 200, size + 300, page)));
        return path;
    }

    [Fact]
    public void A_photo_that_agrees_prints_one_line_and_exits_zero()
    {
        var (exit, output, _) = CliRunner.Run("actas", "scan", Photo("agrees.png", _payload), "--csv", _csv);

        Assert.Equal(0, exit);
        Assert.StartsWith("agrees.png: AGREES: CNE 2024 acta of mesa " + _payload[..12], output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_gives_one_object_per_image_and_any_difference_or_unreadable_file_fails_the_run()
    {
        var parts = _payload.Split('!');
        var counts = parts[1].Split(',').Select(int.Parse).ToArray();
        counts[35] += 7; // MUD backs Edmundo González (EG)
        var altered = Photo("altered.png", $"{parts[0]}!{string.Join(',', counts)}!{parts[2]}!{parts[3]}");
        var notImage = Path.Combine(_folder, "notes.txt");
        File.WriteAllText(notImage, "not a photo");

        var (exit, output, _) = CliRunner.Run("actas", "scan", Photo("agrees.png", _payload), altered, notImage, "--csv", _csv, "--json");

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(("agrees.png", "cne-2024", _payload, _payload[..12], true), (lines[0].GetProperty("file").GetString(), lines[0].GetProperty("format").GetString(), lines[0].GetProperty("payload").GetString(), lines[0].GetProperty("code").GetString(), lines[0].GetProperty("agrees").GetBoolean()));
        Assert.False(lines[1].GetProperty("agrees").GetBoolean());
        var difference = Assert.Single(lines[1].GetProperty("differences").EnumerateArray().ToList());
        Assert.Equal("EG", difference.GetProperty("field").GetString());
        Assert.Equal(difference.GetProperty("published").GetInt32() + 7, difference.GetProperty("scanned").GetInt32());
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("format").ValueKind);
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("payload").ValueKind);
        Assert.Equal(JsonValueKind.Null, lines[2].GetProperty("agrees").ValueKind);
        Assert.Equal("bad-photo", lines[2].GetProperty("outcome").GetString());
    }

    [Fact]
    public void The_printed_acta_verifies_and_shows_where_it_differs_from_the_2024_table()
    {
        // docs/printed-acta.acta holds a real mesa's votes with a made-up count of registered electors.
        var (exit, output, _) = CliRunner.Run("actas", "scan", Docs("printed-acta.png"), "--keys", Docs("printed-acta-keys.json"), "--csv", _csv, "--json");

        Assert.Equal(1, exit);
        var line = JsonDocument.Parse(output).RootElement;
        Assert.Equal("huella", line.GetProperty("format").GetString());
        Assert.Equal("040202001.01", line.GetProperty("code").GetString());
        Assert.Equal("Valid", line.GetProperty("signature").GetString());
        Assert.Equal(File.ReadAllBytes(Docs("printed-acta.acta")), ActaText.TryParse(line.GetProperty("payload").GetString()!, out var bytes) ? bytes : null);
        var difference = Assert.Single(line.GetProperty("differences").EnumerateArray().ToList());
        Assert.Equal("registered", difference.GetProperty("field").GetString());
    }

    [Fact]
    public void Without_a_published_source_a_read_acta_is_not_compared_and_the_run_succeeds()
    {
        var (exit, output, _) = CliRunner.Run("actas", "scan", Photo("agrees.png", _payload), "--json");

        Assert.Equal(0, exit);
        var line = JsonDocument.Parse(output).RootElement;
        Assert.Equal("not-compared", line.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, line.GetProperty("agrees").ValueKind);
    }

    [Fact]
    public void Both_csv_and_url_is_a_usage_error()
    {
        var (exit, _, error) = CliRunner.Run("actas", "scan", Docs("printed-acta.png"), "--csv", _csv, "--url", "http://127.0.0.1:9/");

        Assert.Equal(2, exit);
        Assert.Contains("not both", error, StringComparison.Ordinal);
    }
}
