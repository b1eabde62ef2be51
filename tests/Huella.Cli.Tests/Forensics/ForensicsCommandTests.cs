using System.Text.Json.Nodes;
using Huella.Testing;

namespace Huella.Cli.Tests.Forensics;

public sealed class ForensicsCommandTests
{
    private static readonly string Csv = SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv");

    [Fact]
    public void Writes_plots_statistics_summary_and_page_for_the_2024_table()
    {
        var folder = Path.Combine(Directory.CreateTempSubdirectory("huella-forensics-").FullName, "out");
        var (exitCode, output, error) = CliRunner.Run("actas", "forensics", "--csv", Csv, "--out", folder);
        Assert.True(exitCode == 0, error);
        Assert.Contains("coverage: 24,532 of 30,026 mesas (81.70 %), 5,494 missing; 12,817 centres; 571 mesa numbers missing", output, StringComparison.Ordinal);
        Assert.Contains("digits EG  : last digit (>= 100) n = 22,496, chi2 = 8.12, p = 0.5224", output, StringComparison.Ordinal);

        foreach (var name in new[] { "fingerprint-eg-mesa", "fingerprint-eg-centre", "fingerprint-nm-mesa", "fingerprint-nm-centre", "digits-last", "digits-second" })
        {
            Assert.True(new FileInfo(Path.Combine(folder, $"{name}.png")).Length > 10_000, name);
            Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(folder, $"{name}.svg")), StringComparison.Ordinal);
        }

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "forensics.json")))!;
        Assert.Equal(24_532, (int)json["mesas"]!);
        Assert.Equal(5_494, (int)json["coverage"]!["missing"]!);
        Assert.Equal("EG", (string)json["winner"]!["code"]!);
        var egMesa = json["fingerprints"]!.AsArray().Single(f => (string)f!["candidate"]! == "EG" && (string)f["level"]! == "Mesa")!;
        Assert.Equal(24_532, egMesa["counts"]!.AsArray().Sum(row => row!.AsArray().Sum(cell => (int)cell!)));
        Assert.Equal(output.Split('\n')[0].TrimEnd(), File.ReadLines(Path.Combine(folder, "summary.txt")).First());

        var page = File.ReadAllText(Path.Combine(folder, "forensics.html"));
        Assert.Contains("<html lang=\"es\">", page, StringComparison.Ordinal);
        Assert.Contains("src=\"./fingerprint-eg-mesa.svg\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_flag_prints_the_statistics()
    {
        var folder = Directory.CreateTempSubdirectory("huella-forensics-").FullName;
        var (exitCode, output, error) = CliRunner.Run("actas", "forensics", "--csv", Csv, "--out", folder, "--json", "--english", "--last-digit-min", "10");
        Assert.True(exitCode == 0, error);
        var json = JsonNode.Parse(output)!;
        Assert.Equal(10, (int)json["digits"]!["lastDigitThreshold"]!);
        Assert.Equal(12_817, (int)json["centres"]!);
        Assert.Contains("<html lang=\"en\">", File.ReadAllText(Path.Combine(folder, "forensics.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_table_or_a_bad_threshold_fails_with_a_message()
    {
        var folder = Directory.CreateTempSubdirectory("huella-forensics-").FullName;
        var lines = File.ReadLines(Csv).Take(3).ToArray();
        lines[2] = lines[2].Replace(",673,", ",-673,", StringComparison.Ordinal);
        var corrupt = Path.Combine(folder, "corrupt.csv");
        File.WriteAllLines(corrupt, lines);

        var (exitCode, _, error) = CliRunner.Run("actas", "forensics", "--csv", corrupt, "--out", Path.Combine(folder, "out"));
        Assert.Equal(1, exitCode);
        Assert.Contains("(line 3)", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));

        var (thresholdExit, _, thresholdError) = CliRunner.Run("actas", "forensics", "--csv", Csv, "--out", folder, "--last-digit-min", "5");
        Assert.Equal(2, thresholdExit);
        Assert.Contains("--last-digit-min", thresholdError, StringComparison.Ordinal);
    }
}
