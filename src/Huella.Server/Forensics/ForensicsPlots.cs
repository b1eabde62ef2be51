using System.Globalization;
using System.Text;
using Huella.Elections.Forensics;
using Huella.Elections.Geography;
using ScottPlot;

namespace Huella.Server.Forensics;

/// <summary>
/// The report's figures as PNG and SVG (ScottPlot): one fingerprint per candidate and level, and the
/// observed digit frequencies of the leading candidates beside the expected ones.
/// </summary>
public static class ForensicsPlots
{
    private const int Width = 800;
    private const int Height = 700;

    private static readonly NumberFormatInfo SpanishGrouping = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = "," };

    /// <summary>File name of a fingerprint plot without extension, e.g. <c>fingerprint-eg-mesa</c>.</summary>
    public static string FingerprintName(Fingerprint fingerprint)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        return $"fingerprint-{fingerprint.Candidate.ToLowerInvariant()}-{fingerprint.Level.ToString().ToLowerInvariant()}";
    }

    public const string LastDigitName = "digits-last";
    public const string SecondDigitName = "digits-second";

    /// <summary>Every plot of the report, each as PNG and SVG.</summary>
    public static IReadOnlyList<ForensicsPlot> Render(ForensicsReport report, ForensicsLanguage language)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plots = new List<ForensicsPlot>();
        foreach (var fingerprint in report.Fingerprints)
        {
            AddBoth(plots, FingerprintName(fingerprint), () => FingerprintPlot(fingerprint, report, language));
        }

        var leaders = report.Digits.Candidates.Where(c => c.Code == report.Winner || c.Code == report.RunnerUp).ToList();
        AddBoth(plots, LastDigitName, () => DigitPlot(leaders, last: true, report.Digits, language));
        AddBoth(plots, SecondDigitName, () => DigitPlot(leaders, last: false, report.Digits, language));
        return plots;
    }

    private static void AddBoth(List<ForensicsPlot> plots, string name, Func<Plot> build)
    {
        var plot = build();
        plots.Add(new ForensicsPlot($"{name}.png", "image/png", plot.GetImageBytes(Width, Height, ImageFormat.Png)));
        plots.Add(new ForensicsPlot($"{name}.svg", "image/svg+xml", Encoding.UTF8.GetBytes(plot.GetSvgXml(Width, Height))));
    }

    private static Plot FingerprintPlot(Fingerprint f, ForensicsReport report, ForensicsLanguage language)
    {
        // Row 0 of the grid is drawn at the top: put the highest share there. Colour is log₁₀(1 + units)
        // so that a thin smear stays visible beside the dense cluster; empty cells stay white.
        var cells = new double[f.Bins, f.Bins];
        for (var t = 0; t < f.Bins; t++)
        {
            for (var s = 0; s < f.Bins; s++)
            {
                var n = f[t, s];
                cells[f.Bins - 1 - s, t] = n == 0 ? double.NaN : Math.Log10(1 + n);
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Turbo();
        heatmap.Rectangle = new CoordinateRect(0, 100, 0, 100);
        heatmap.NaNCellColor = Colors.White;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = Text(language, "log₁₀(1 + unidades)", "log₁₀(1 + units)");
        plot.Axes.SetLimits(0, 100, 0, 100);
        var name = f.Candidate == report.Winner ? report.WinnerName : f.Candidate == report.RunnerUp ? report.RunnerUpName : f.Candidate;
        var unit = f.Level == GeoLevel.Mesa ? Text(language, "mesas", "mesas") : Text(language, "centros", "centres");
        var units = f.Units.ToString("N0", language == ForensicsLanguage.English ? NumberFormatInfo.InvariantInfo : SpanishGrouping);
        plot.Title($"{Text(language, "Huella electoral", "Election fingerprint")}: {name} ({units} {unit})");
        plot.XLabel(Text(language, "Participación (%)", "Turnout (%)"));
        plot.YLabel(Text(language, $"Votos de {name} (% de válidos)", $"{name}'s share of valid votes (%)"));
        return plot;
    }

    private static Plot DigitPlot(List<CandidateDigits> candidates, bool last, DigitSummary digits, ForensicsLanguage language)
    {
        var plot = new Plot();
        double[] xs = [.. Enumerable.Range(0, 10).Select(d => (double)d)];
        var expected = last ? DigitTests.UniformShares : DigitTests.BenfordSecondDigitShares;
        var reference = plot.Add.ScatterLine(xs, [.. expected.Select(e => e * 100)]);
        reference.LinePattern = LinePattern.Dashed;
        reference.LineWidth = 2;
        reference.Color = Colors.Black;
        reference.LegendText = last ? Text(language, "Uniforme", "Uniform") : Text(language, "Benford (2.º dígito)", "Benford (2nd digit)");
        foreach (var c in candidates)
        {
            var test = last ? c.LastDigit : c.SecondDigit;
            if (test.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(xs, [.. test.Observed.Select(o => 100.0 * o / test.Count)]);
            line.LineWidth = 2;
            line.MarkerSize = 7;
            var numbers = language == ForensicsLanguage.English ? NumberFormatInfo.InvariantInfo : SpanishGrouping;
            line.LegendText = $"{c.Name} (n = {test.Count.ToString("N0", numbers)}, p = {test.PValue.ToString("G3", numbers)})";
        }

        var threshold = last ? digits.LastDigitThreshold : digits.SecondDigitThreshold;
        plot.Title(last
            ? Text(language, $"Último dígito de los votos por mesa (≥ {threshold})", $"Last digit of per-mesa counts (≥ {threshold})")
            : Text(language, $"Segundo dígito de los votos por mesa (≥ {threshold})", $"Second digit of per-mesa counts (≥ {threshold})"));
        plot.XLabel(Text(language, "Dígito", "Digit"));
        plot.YLabel(Text(language, "Frecuencia (%)", "Frequency (%)"));
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (var d = 0; d <= 9; d++)
        {
            ticks.AddMajor(d, d.ToString(CultureInfo.InvariantCulture));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimits(-0.5, 9.5, 5, 15);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static string Text(ForensicsLanguage language, string spanish, string english) =>
        language == ForensicsLanguage.English ? english : spanish;
}
