using System.Globalization;
using System.Text.Json;
using Huella.Biometrics;
using Huella.Testing;

namespace Huella.Cli.Tests;

public sealed class FingerprintCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-eval-").FullName;

    public FingerprintCommandTests()
    {
        // Two fingers, three impressions each, linked (not copied) from the shared data.
        foreach (var name in new[] { "101_1", "101_2", "101_3", "102_1", "102_2", "102_3" })
        {
            File.CreateSymbolicLink(Path.Combine(_folder, name + ".tif"), SharedData.PathOf("fingerprints", "fvc2002", "db1b", name + ".tif"));
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Eval_prints_the_protocol_counts_and_rates_as_json()
    {
        var scores = Path.Combine(_folder, "scores.csv");
        var plot = Path.Combine(_folder, "det.png");
        var (exit, output, error) = CliRunner.Run("fingerprint", "eval", _folder, "--json", "--scores", scores, "--plot", plot);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(6, root.GetProperty("images").GetInt32());
        Assert.Equal(12, root.GetProperty("genuine").GetInt32());
        Assert.Equal(18, root.GetProperty("impostor").GetInt32());
        foreach (var key in new[] { "eer", "fnmr_at_fmr_1pct", "fnmr_at_fmr_01pct", "fnmr_at_zero_fmr" })
        {
            Assert.InRange(root.GetProperty(key).GetDouble(), 0, 1);
        }

        Assert.True(root.GetProperty("extract_ms_median").GetDouble() > 0);
        Assert.True(root.GetProperty("comparisons_per_second").GetDouble() > 0);

        var lines = File.ReadAllLines(scores);
        Assert.Equal("probe,candidate,genuine,score", lines[0]);
        Assert.Equal(31, lines.Length);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(plot).Take(4));
    }

    [Fact]
    public void Eval_degrades_every_image_when_asked_and_refuses_an_unknown_degradation()
    {
        var plain = Path.Combine(_folder, "plain.csv");
        var sharpened = Path.Combine(_folder, "sharpened.csv");
        Assert.Equal(0, CliRunner.Run("fingerprint", "eval", _folder, "--json", "--scores", plain).ExitCode);
        var (exit, output, error) = CliRunner.Run("fingerprint", "eval", _folder, "--json", "--degrade", "sharpen", "--scores", sharpened);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(12, json.RootElement.GetProperty("genuine").GetInt32());

        // Other images, so other templates: the scores change, and every genuine pair still matches.
        var before = File.ReadAllLines(plain).Skip(1).ToArray();
        var after = File.ReadAllLines(sharpened).Skip(1).ToArray();
        Assert.NotEqual(before, after);
        Assert.All(after.Where(line => line.Split(',')[2] == "1"),
            line => Assert.True(double.Parse(line.Split(',')[3], CultureInfo.InvariantCulture) > ScoreCalibration.ThresholdFor(1e-3), line));

        var refused = CliRunner.Run("fingerprint", "eval", _folder, "--degrade", "smudge");
        Assert.NotEqual(0, refused.ExitCode);
    }

    [Fact]
    public void Eval_on_minutiae_alone_gives_other_scores_on_the_same_false_match_scale()
    {
        var full = Path.Combine(_folder, "full.csv");
        var bare = Path.Combine(_folder, "bare.csv");
        Assert.Equal(0, CliRunner.Run("fingerprint", "eval", _folder, "--json", "--scores", full).ExitCode);
        var (exit, output, error) = CliRunner.Run("fingerprint", "eval", _folder, "--json", "--minutiae-only", "--scores", bare);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(18, json.RootElement.GetProperty("impostor").GetInt32());

        // Without the ridge flow every score differs, yet genuine pairs still pass the 1e-3 threshold
        // and impostors do not: the minutiae-only scores are moved to the same scale.
        var withFlow = File.ReadAllLines(full).Skip(1).Select(line => line.Split(',')).ToArray();
        var minutiae = File.ReadAllLines(bare).Skip(1).Select(line => line.Split(',')).ToArray();
        Assert.All(withFlow.Zip(minutiae), pair => Assert.NotEqual(pair.First[3], pair.Second[3]));
        var threshold = ScoreCalibration.ThresholdFor(1e-3);
        Assert.All(minutiae, row => Assert.Equal(row[2] == "1", double.Parse(row[3], CultureInfo.InvariantCulture) >= threshold));
    }

    [Fact]
    public void Compare_prints_a_score_and_its_false_match_rate()
    {
        var (exit, output, error) = CliRunner.Run("fingerprint", "compare", Path.Combine(_folder, "101_1.tif"), Path.Combine(_folder, "101_2.tif"));
        Assert.True(exit == 0, error);
        Assert.Contains("score", output, StringComparison.Ordinal);
        Assert.Contains("FMR", output, StringComparison.Ordinal);

        // The printed figures are the engine's, and a mated pair passes where an impostor pair does not.
        var first = Template("101_1");
        var score = new FingerprintMatcher(first).Match(Template("101_2"));
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"score {score:F4}  (FMR {ScoreCalibration.FmrAt(score):0.##E+0} at this threshold;"), lines[0], StringComparison.Ordinal);
        Assert.Equal("match at FMR 1e-4", lines[1]);

        var impostor = CliRunner.Run("fingerprint", "compare", Path.Combine(_folder, "101_1.tif"), Path.Combine(_folder, "102_1.tif"));
        Assert.True(impostor.ExitCode == 0, impostor.Error);
        var impostorScore = new FingerprintMatcher(first).Match(Template("102_1"));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"score {impostorScore:F4}  "), impostor.Output, StringComparison.Ordinal);
        Assert.Contains("no match at FMR 1e-4", impostor.Output, StringComparison.Ordinal);
    }

    private FingerprintTemplate Template(string name) =>
        FingerprintTemplate.Create(Huella.Biometrics.Imaging.ImageDecoder.Load(Path.Combine(_folder, name + ".tif")));

    [Fact]
    public void Compare_reports_an_image_without_a_fingerprint()
    {
        var blank = Path.Combine(_folder, "blank.pgm");
        File.WriteAllBytes(blank, [.. "P5\n64 64\n255\n"u8, .. Enumerable.Repeat((byte)255, 64 * 64)]);
        var (exit, _, error) = CliRunner.Run("fingerprint", "compare", blank, Path.Combine(_folder, "101_2.tif"));
        Assert.Equal(1, exit);
        Assert.Contains("no usable fingerprint", error, StringComparison.Ordinal);
    }
}
