namespace Huella.Biometrics;

/// <summary>
/// Maps matcher scores to false match rates and back, so callers choose a threshold by the error
/// they accept rather than by a raw number. The tables (<c>ScoreCalibration.Table.cs</c>) are fitted on
/// the impostor scores of FVC2002 DB1–DB4 set B pooled (23,040 ordered pairs): empirical quantiles
/// down to FMR 1e-3, and below that an exponential tail (log FMR linear in score) fitted on the
/// impostor scores between FMR 1e-2 and 1e-3, extrapolated to 1e-7. Regenerate with
/// <c>huella fingerprint calibrate DB1 DB2@569 DB3 DB4</c> and paste its output over the table file.
/// </summary>
/// <remarks>
/// Comparisons of two templates that keep their ridge flow are calibrated on their own scores; a
/// comparison on minutiae alone (a template read from an ISO/ANSI record, say) has another score
/// distribution, fitted on the same impostors with the ridge flow left out, and the matcher puts it
/// on this scale by its false match rate. One threshold thus means one FMR for every comparison.
/// </remarks>
public static partial class ScoreCalibration
{
    /// <summary>The false match rate expected at <paramref name="score"/> (accepting score ≥ threshold).</summary>
    public static double FmrAt(double score) => Math.Pow(10, Log10FmrAt(score, Thresholds, Log10Fmr));

    /// <summary>The threshold whose false match rate is <paramref name="fmr"/> (for example 1e-3 … 1e-6).</summary>
    public static double ThresholdFor(double fmr)
    {
        if (!(fmr > 0 && fmr < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fmr), fmr, "A false match rate is a fraction strictly between 0 and 1.");
        }

        return ScoreAt(Math.Log10(fmr), Thresholds, Log10Fmr);
    }

    /// <summary>A score of a comparison on minutiae alone, moved to the score with the same false match rate.</summary>
    internal static double FromMinutiaeOnly(double score)
    {
        var log = Log10FmrAt(score, MinutiaeOnlyThresholds, MinutiaeOnlyLog10Fmr);
        return log >= 0 ? Math.Min(score, Thresholds[0]) : ScoreAt(log, Thresholds, Log10Fmr);
    }

    private static double Log10FmrAt(double score, ReadOnlySpan<double> thresholds, ReadOnlySpan<double> logs)
    {
        if (double.IsNaN(score) || score <= thresholds[0])
        {
            return logs[0];
        }

        for (var i = 1; i < thresholds.Length; i++)
        {
            if (score <= thresholds[i])
            {
                var f = (score - thresholds[i - 1]) / (thresholds[i] - thresholds[i - 1]);
                return logs[i - 1] + (f * (logs[i] - logs[i - 1]));
            }
        }

        var n = thresholds.Length - 1;
        var slope = (logs[n] - logs[n - 1]) / (thresholds[n] - thresholds[n - 1]);
        return logs[n] + ((score - thresholds[n]) * slope);
    }

    private static double ScoreAt(double log, ReadOnlySpan<double> thresholds, ReadOnlySpan<double> logs)
    {
        if (log >= logs[0])
        {
            return thresholds[0];
        }

        for (var i = 1; i < logs.Length; i++)
        {
            if (log >= logs[i])
            {
                var f = (log - logs[i - 1]) / (logs[i] - logs[i - 1]);
                return thresholds[i - 1] + (f * (thresholds[i] - thresholds[i - 1]));
            }
        }

        var n = logs.Length - 1;
        var slope = (thresholds[n] - thresholds[n - 1]) / (logs[n] - logs[n - 1]);
        return thresholds[n] + ((log - logs[n]) * slope);
    }
}
