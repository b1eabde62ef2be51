using System.CommandLine;
using System.Globalization;
using Huella.Research.Synthesis.Templates;
using ScottPlot;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella synth compare-scores</c>: genuine and impostor score distributions of several sets
/// (CSV files from <c>huella fingerprint eval --scores</c> or <c>huella synth template-stats --scores</c>)
/// drawn on one chart, with Kolmogorov–Smirnov statistics of each set against the first.
/// </summary>
internal static class SynthCompareScoresCommand
{
    private const double Floor = 5e-3;
    private const int Bins = 50;

    public static Command Build()
    {
        var sets = new Option<string[]>("--set") { Description = "LABEL=FILE.csv (columns probe,candidate,genuine,score); the first set is the reference.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<FileInfo>("--out") { Description = "PNG file to write.", Required = true };
        var command = new Command("compare-scores", "Plot genuine and impostor score distributions of several score files, with KS statistics.") { sets, output };
        command.SetAction(parse =>
        {
            var loaded = new List<(string Label, List<double> Genuine, List<double> Impostor)>();
            foreach (var set in parse.GetValue(sets)!)
            {
                var parts = set.Split('=', 2);
                if (parts.Length != 2 || !File.Exists(parts[1]))
                {
                    parse.InvocationConfiguration.Error.WriteLine($"huella synth compare-scores: expected LABEL=FILE with an existing file, got '{set}'.");
                    return 1;
                }

                loaded.Add(Load(parts[0], parts[1]));
            }

            var text = parse.InvocationConfiguration.Output;
            var reference = loaded[0];
            foreach (var (label, genuine, impostor) in loaded)
            {
                text.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label}: {genuine.Count} genuine (median {TemplateStatistics.Percentile(genuine, 0.5):F4}), {impostor.Count} impostor (median {TemplateStatistics.Percentile(impostor, 0.5):F4}); KS vs {reference.Label}: genuine {ScoreDistributions.KolmogorovSmirnov(reference.Genuine, genuine):F4}, impostor {ScoreDistributions.KolmogorovSmirnov(reference.Impostor, impostor):F4}"));
            }

            Plot(loaded, parse.GetValue(output)!.FullName);
            return 0;
        });
        return command;
    }

    private static (string, List<double>, List<double>) Load(string label, string path)
    {
        var genuine = new List<double>();
        var impostor = new List<double>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length == 4)
            {
                (fields[2] == "1" ? genuine : impostor).Add(double.Parse(fields[3], CultureInfo.InvariantCulture));
            }
        }

        return (label, genuine, impostor);
    }

    /// <summary>Share of scores per bin of log10(score): impostor and genuine scores differ by a decade, so a log axis shows both.</summary>
    private static void Plot(List<(string Label, List<double> Genuine, List<double> Impostor)> sets, string path)
    {
        var plot = new Plot();
        var low = Math.Log10(Floor);
        const double High = 0;
        var width = (High - low) / Bins;
        var palette = new ScottPlot.Palettes.Category10();
        for (var s = 0; s < sets.Count; s++)
        {
            foreach (var (scores, kind, pattern) in new[] { (sets[s].Genuine, "genuine", LinePattern.Solid), (sets[s].Impostor, "impostor", LinePattern.Dashed) })
            {
                var counts = new double[Bins];
                foreach (var score in scores)
                {
                    var bin = (int)((Math.Log10(Math.Max(score, Floor)) - low) / width);
                    counts[Math.Clamp(bin, 0, Bins - 1)]++;
                }

                var xs = Enumerable.Range(0, Bins).Select(b => low + ((b + 0.5) * width)).ToArray();
                var ys = counts.Select(c => scores.Count == 0 ? 0 : c / scores.Count).ToArray();
                var line = plot.Add.ScatterLine(xs, ys);
                line.LineWidth = 2;
                line.LinePattern = pattern;
                line.Color = palette.GetColor(s);
                line.LegendText = $"{sets[s].Label} {kind} (n={scores.Count})";
            }
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var value in new[] { 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1 })
        {
            ticks.AddMajor(Math.Log10(value), value.ToString(CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(low, High);
        plot.Title("Matcher score distributions: genuine (solid) and impostor (dashed); scores below 0.005 in the first bin");
        plot.XLabel("Matcher score (log scale)");
        plot.YLabel("Share of comparisons per bin");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, 1000, 600);
    }
}
