using Huella.Research.Evaluation;
using ScottPlot;

namespace Huella.Cli.Commands;

/// <summary>
/// The DET curve as a PNG: FNMR against FMR on log–log axes (the usual decades 1e-4 … 1), with the
/// EER point marked. Rates of zero are drawn at the bottom of the axis, where a log scale has no zero.
/// </summary>
internal static class DetPlot
{
    private const double Floor = 1e-4;

    public static void Write(ErrorRates rates, string title, string path)
    {
        var points = rates.DetCurve();
        var xs = points.Select(p => Math.Log10(Math.Max(p.Fmr, Floor))).ToArray();
        var ys = points.Select(p => Math.Log10(Math.Max(p.Fnmr, Floor))).ToArray();

        var plot = new Plot();
        var curve = plot.Add.ScatterLine(xs, ys);
        curve.LineWidth = 2;
        curve.LegendText = "DET";
        var eer = Math.Log10(Math.Max(rates.Eer, Floor));
        var marker = plot.Add.Marker(eer, eer);
        marker.LegendText = $"EER {rates.Eer * 100:F2} %";
        var diagonal = plot.Add.Line(Math.Log10(Floor), Math.Log10(Floor), 0, 0);
        diagonal.LinePattern = LinePattern.Dashed;

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var decade in new[] { -4, -3, -2, -1, 0 })
        {
            ticks.AddMajor(decade, $"{Math.Pow(10, decade) * 100:0.##} %");
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Left.TickGenerator = ticks;
        plot.Axes.SetLimits(Math.Log10(Floor), 0, Math.Log10(Floor), 0);
        plot.Title($"{title}: DET ({rates.GenuineCount} genuine, {rates.ImpostorCount} impostor)");
        plot.XLabel("False match rate");
        plot.YLabel("False non-match rate");
        plot.ShowLegend();
        plot.SavePng(path, 800, 600);
    }
}
