using System.Text.Json;
using Huella.Biometrics.Imaging;
using Huella.Research.Synthesis;

namespace Huella.Cli.Tests;

public sealed class SynthCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"huella-synth-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void Fingerprints_writes_every_impression_and_the_ground_truth()
    {
        var (exitCode, output, error) = CliRunner.Run("synth", "fingerprints", "--fingers", "3", "--impressions", "2", "--seed", "17", "--out", _folder);
        Assert.Equal(0, exitCode);
        Assert.Contains("6 impressions", output, StringComparison.Ordinal);
        Assert.Contains("3/3 fingers", error, StringComparison.Ordinal);

        for (var f = 1; f <= 3; f++)
        {
            for (var i = 1; i <= 2; i++)
            {
                var image = ImageDecoder.Load(Path.Combine(_folder, $"{f}_{i}.png"));
                Assert.Equal(500, image.Dpi, 0.5);
                Assert.Equal(SyntheticFingerprints.CreateFinger(17, f).Impression(i).Pixels.ToArray(), image.Pixels.ToArray());
            }
        }

        using var truth = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_folder, "ground-truth.json")));
        var fingers = truth.RootElement.GetProperty("fingers");
        Assert.Equal(3, fingers.GetArrayLength());
        var second = fingers[1];
        var expected = SyntheticFingerprints.CreateFinger(17, 2);
        Assert.Equal(2, second.GetProperty("finger").GetInt32());
        Assert.Equal(17, second.GetProperty("seed").GetInt32());
        Assert.Equal(expected.Class.ToString(), second.GetProperty("class").GetString());
        var points = second.GetProperty("singularPoints");
        Assert.Equal(expected.SingularPoints.Count, points.GetArrayLength());
        for (var p = 0; p < expected.SingularPoints.Count; p++)
        {
            Assert.Equal(expected.SingularPoints[p].Type.ToString(), points[p].GetProperty("type").GetString());
            Assert.Equal(expected.SingularPoints[p].X, points[p].GetProperty("x").GetDouble(), 0.051);
            Assert.Equal(expected.SingularPoints[p].Y, points[p].GetProperty("y").GetDouble(), 0.051);
        }

        Assert.Equal("2_2.png", second.GetProperty("impressions")[1].GetProperty("file").GetString());
    }

    [Fact]
    public void Contact_sheet_tiles_fingers_by_impressions()
    {
        var path = Path.Combine(_folder, "sheet.png");
        var (exitCode, _, _) = CliRunner.Run("synth", "contact-sheet", "--fingers", "2", "--impressions", "3", "--scale", "0.5", "--out", path);
        Assert.Equal(0, exitCode);
        var sheet = ImageDecoder.Load(path);
        Assert.Equal((3 * 150) + (2 * 4), sheet.Width);
        Assert.Equal((2 * 200) + 4, sheet.Height);
    }

    [Theory]
    [InlineData("synth", "fingerprints", "--fingers", "0", "--out", "x")]
    [InlineData("synth", "fingerprints", "--fingers", "2")]
    [InlineData("synth", "contact-sheet", "--scale", "1.5", "--out", "x.png")]
    public void Bad_arguments_exit_2(params string[] args)
    {
        var (exitCode, _, error) = CliRunner.Run(args);
        Assert.Equal(2, exitCode);
        Assert.Contains("huella --help", error, StringComparison.Ordinal);
    }
}
