using System.Globalization;
using Huella.Biometrics.Imaging;
using Huella.Research.Synthesis.Templates;
using Huella.Testing;

namespace Huella.Biometrics.Tests.Synthesis;

/// <summary>
/// Templates the engine extracts from FVC2002 set B (the 320 images of DB1–DB4), extracted once per test class and scored within each database as the
/// FVC protocol does. <see cref="Scores"/> compares them on minutiae alone, as synthetic templates (minutiae without ridge flow) are compared.
/// </summary>
public sealed class RealTemplates
{
    public const int FingersPerDatabase = 10;

    public RealTemplates()
    {
        var sets = new List<List<(FingerprintTemplate Template, int Finger)>>();
        foreach (var (database, dpi) in (ReadOnlySpan<(string, double?)>)[("db1b", null), ("db2b", 569), ("db3b", null), ("db4b", null)])
        {
            var files = SharedData.Files($"fingerprints/fvc2002/{database}", "*.tif")
                .Select(path => (Path: path, Finger: int.Parse(System.IO.Path.GetFileName(path).Split('_')[0], CultureInfo.InvariantCulture)))
                .OrderBy(f => f.Path, StringComparer.Ordinal)
                .ToList();
            var fingers = files.Select(f => f.Finger).Distinct().Order().Take(FingersPerDatabase).ToHashSet();
            var chosen = files.Where(f => fingers.Contains(f.Finger)).ToArray();
            var templates = new FingerprintTemplate?[chosen.Length];
            Parallel.For(0, chosen.Length, i =>
            {
                FingerprintTemplate.TryCreate(ImageDecoder.Load(chosen[i].Path, dpi), out templates[i], out _);
            });
            sets.Add([.. chosen.Select((f, i) => (templates[i], f.Finger)).Where(t => t.Item1 is not null).Select(t => (t.Item1!, t.Finger))]);
        }

        Sets = sets;
        var scores = sets.Select(set => ScoreDistributions.Measure([.. set.Select(t => (t.Template.WithoutRidgeFlow(), t.Finger))])).ToList();
        Scores = new ScoreDistributions([.. scores.SelectMany(s => s.Genuine)], [.. scores.SelectMany(s => s.Impostor)]);
        Statistics = TemplateStatistics.Measure(sets.SelectMany(s => s).Select(t => t.Template.Minutiae), sets.SelectMany(s => s).Select(t => t.Template.Quality));
    }

    public IReadOnlyList<List<(FingerprintTemplate Template, int Finger)>> Sets { get; }

    public ScoreDistributions Scores { get; }

    public TemplateStatistics Statistics { get; }

    /// <summary>
    /// The score real impostors reach at false match rate 1e-3, from these impostor scores (the
    /// engine's calibration table may still be a placeholder).
    /// </summary>
    public double ThresholdAtFmr1e3 => TemplateStatistics.Percentile(Scores.Impostor, 1 - 1e-3);
}
