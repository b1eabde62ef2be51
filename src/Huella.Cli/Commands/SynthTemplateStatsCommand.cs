using System.CommandLine;
using System.Globalization;
using System.Text;
using Huella.Biometrics;
using Huella.Research.Synthesis.Templates;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella synth template-stats</c>: how closely synthetic templates follow real ones. Extracts
/// the real sets (or reads them from a gallery saved earlier), makes a synthetic set, and prints
/// their minutiae statistics and score distributions side by side, with Kolmogorov–Smirnov
/// statistics. This is what <c>SyntheticTemplateParameters</c> was fitted with.
/// </summary>
internal static class SynthTemplateStatsCommand
{
    public static Command Build()
    {
        var real = new Option<string[]>("--real")
        {
            Description = "Real set: a folder of F_I.* images (DIR or DIR@DPI), or a gallery file saved with --save-real. Repeat for several (scores stay within a set).",
            AllowMultipleArgumentsPerToken = true,
        };
        var saveReal = new Option<DirectoryInfo?>("--save-real") { Description = "Save each real set as a gallery file setN.hsg in this folder (mates link impressions of a finger to its first)." };
        var overrides = new Option<string[]>("--set") { Description = "Override a synthetic parameter, NAME=VALUE (numbers only), to try values before fixing them in SyntheticTemplateParameters.", AllowMultipleArgumentsPerToken = true };
        var fingers = SynthCommand.CountOption("--fingers", "Synthetic fingers.", 50);
        var impressions = SynthCommand.CountOption("--impressions", "Impressions per synthetic finger.", 8, minimum: 2);
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic set.", DefaultValueFactory = _ => 1 };
        var scores = new Option<FileInfo?>("--scores") { Description = "Write the synthetic set's scores as CSV (probe,candidate,genuine,score), as fingerprint eval does." };
        var command = new Command("template-stats", "Compare synthetic templates with real ones: minutiae statistics and score distributions.") { real, saveReal, fingers, impressions, seed, scores, overrides };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var sets = new List<(FingerprintTemplate Template, int Finger)>();
            var setIndex = 0;
            foreach (var source in parse.GetValue(real) ?? [])
            {
                setIndex++;
                var loaded = LoadReal(source);
                sets.AddRange(loaded.Select(l => (l.Template, (setIndex * 100_000) + l.Finger)));
                if (parse.GetValue(saveReal) is { } folder)
                {
                    folder.Create();
                    using var stream = File.Create(Path.Combine(folder.FullName, $"set{setIndex}.hsg"));
                    SyntheticGallery.Write(stream, [.. loaded.Select(l => (l.Template, l.MateOf))]);
                }
            }

            var parameters = SyntheticTemplateParameters.Default;
            foreach (var assignment in parse.GetValue(overrides) ?? [])
            {
                parameters = Override(parameters, assignment);
            }

            var synthetic = new List<(FingerprintTemplate Template, int Finger)>();
            for (var f = 0; f < parse.GetValue(fingers); f++)
            {
                var finger = SyntheticTemplates.CreateFinger(parse.GetValue(seed), f, parameters);
                for (var i = 1; i <= parse.GetValue(impressions); i++)
                {
                    synthetic.Add((finger.Impression(i).ToTemplate(), f));
                }
            }

            Report(output, sets, synthetic);
            if (parse.GetValue(scores) is { } csv)
            {
                WriteScores(csv.FullName, synthetic);
            }

            return 0;
        });
        return command;
    }

    /// <summary>Templates of a folder or gallery, with their finger and the record their finger's first impression sits at.</summary>
    private static List<(FingerprintTemplate Template, int Finger, int? MateOf)> LoadReal(string source)
    {
        if (File.Exists(source))
        {
            // A saved gallery: fingers are the chains of mate links.
            var firstOf = new Dictionary<int, int>();
            var list = new List<(FingerprintTemplate, int, int?)>();
            foreach (var entry in SyntheticGallery.Read(source))
            {
                var root = entry.MateOf is { } mate ? firstOf[mate] : entry.Id;
                firstOf[entry.Id] = root;
                list.Add((entry.Template, root, entry.MateOf));
            }

            return list;
        }

        var at = source.LastIndexOf('@');
        var folder = at > 0 ? source[..at] : source;
        double? dpi = at > 0 ? double.Parse(source[(at + 1)..], CultureInfo.InvariantCulture) : null;
        var samples = FingerprintDataSet.Load(folder, dpi).Samples.Where(s => s.Template is not null).ToList();
        var result = new List<(FingerprintTemplate, int, int?)>();
        var first = new Dictionary<string, int>();
        foreach (var sample in samples)
        {
            var finger = int.Parse(sample.Finger, CultureInfo.InvariantCulture);
            int? mateOf = first.TryGetValue(sample.Finger, out var index) ? index : null;
            first.TryAdd(sample.Finger, result.Count);
            result.Add((sample.Template!, finger, mateOf));
        }

        return result;
    }

    private static void Report(TextWriter output, List<(FingerprintTemplate Template, int Finger)> real, List<(FingerprintTemplate Template, int Finger)> synthetic)
    {
        var syntheticStats = Stats(synthetic);
        var syntheticScores = ScoreDistributions.Measure(synthetic);
        if (real.Count == 0)
        {
            output.WriteLine(Format("synthetic", syntheticStats));
            return;
        }

        var realStats = Stats(real);

        // Scores stay within each real set: each is one sensor, as in the FVC protocol.
        var realScores = real.GroupBy(r => r.Finger / 100_000)
            .Select(g => ScoreDistributions.Measure([.. g]))
            .Aggregate((a, b) => new ScoreDistributions([.. a.Genuine, .. b.Genuine], [.. a.Impostor, .. b.Impostor]));
        output.WriteLine($"{"statistic",-28}{"real",12}{"synthetic",12}");
        foreach (var property in typeof(TemplateStatistics).GetProperties())
        {
            var a = Convert.ToDouble(property.GetValue(realStats), CultureInfo.InvariantCulture);
            var b = Convert.ToDouble(property.GetValue(syntheticStats), CultureInfo.InvariantCulture);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{property.Name,-28}{a,12:F3}{b,12:F3}"));
        }

        var threshold = ScoreCalibration.ThresholdFor(1e-3);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            scores                      real      synthetic
            genuine pairs         {realScores.Genuine.Length,10} {syntheticScores.Genuine.Length,10}
            impostor pairs        {realScores.Impostor.Length,10} {syntheticScores.Impostor.Length,10}
            genuine median        {Median(realScores.Genuine),10:F4} {Median(syntheticScores.Genuine),10:F4}
            impostor median       {Median(realScores.Impostor),10:F4} {Median(syntheticScores.Impostor),10:F4}
            impostor p99          {TemplateStatistics.Percentile(realScores.Impostor, 0.99),10:F4} {TemplateStatistics.Percentile(syntheticScores.Impostor, 0.99),10:F4}
            genuine >= thr(1e-3)  {ScoreDistributions.ShareAtOrAbove(realScores.Genuine, threshold),10:P1} {ScoreDistributions.ShareAtOrAbove(syntheticScores.Genuine, threshold),10:P1}   (threshold {threshold:F4})
            impostor >= thr(1e-3) {ScoreDistributions.ShareAtOrAbove(realScores.Impostor, threshold),10:P3} {ScoreDistributions.ShareAtOrAbove(syntheticScores.Impostor, threshold),10:P3}
            impostor quantiles    {Quantiles(realScores.Impostor)}
                                  {Quantiles(syntheticScores.Impostor)}
            genuine quantiles     {Quantiles(realScores.Genuine)}
                                  {Quantiles(syntheticScores.Genuine)}
            KS impostor           {ScoreDistributions.KolmogorovSmirnov(realScores.Impostor, syntheticScores.Impostor),10:F4}
            KS genuine            {ScoreDistributions.KolmogorovSmirnov(realScores.Genuine, syntheticScores.Genuine),10:F4}
            """));
    }

    private static SyntheticTemplateParameters Override(SyntheticTemplateParameters parameters, string assignment)
    {
        var parts = assignment.Split('=', 2);
        var property = typeof(SyntheticTemplateParameters).GetProperty(parts[0])
            ?? throw new ArgumentException($"No parameter named {parts[0]}.");
        var copy = parameters with { };
        object value = property.PropertyType == typeof(int)
            ? int.Parse(parts[1], CultureInfo.InvariantCulture)
            : property.PropertyType == typeof(Huella.Research.Synthesis.Interval)
                ? new Huella.Research.Synthesis.Interval(double.Parse(parts[1].Split(',')[0], CultureInfo.InvariantCulture), double.Parse(parts[1].Split(',')[1], CultureInfo.InvariantCulture))
                : double.Parse(parts[1], CultureInfo.InvariantCulture);
        property.SetValue(copy, value);
        return copy;
    }

    private static TemplateStatistics Stats(List<(FingerprintTemplate Template, int Finger)> set) =>
        TemplateStatistics.Measure(set.Select(s => s.Template.Minutiae), set.Select(s => s.Template.Quality));

    private static string Format(string name, TemplateStatistics stats) => $"{name}: {stats}";

    private static string Quantiles(double[] values) => string.Join(
        " ", ((double[])[0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95]).Select(q => TemplateStatistics.Percentile(values, q).ToString("F4", CultureInfo.InvariantCulture)));

    private static double Median(double[] values) => TemplateStatistics.Percentile(values, 0.5);

    private static void WriteScores(string path, List<(FingerprintTemplate Template, int Finger)> set)
    {
        var text = new StringBuilder("probe,candidate,genuine,score\n");
        for (var i = 0; i < set.Count; i++)
        {
            var matcher = new FingerprintMatcher(set[i].Template);
            for (var j = i + 1; j < set.Count; j++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{i},{j},{(set[i].Finger == set[j].Finger ? 1 : 0)},{matcher.Match(set[j].Template):R}\n");
            }
        }

        File.WriteAllText(path, text.ToString());
    }
}
