namespace Huella.Biometrics;

/// <summary>
/// Maps matcher scores to false match rates and back, so callers choose a threshold by the error
/// they accept rather than by a raw number. The table (<c>ScoreCalibration.Table.cs</c>) is fitted on
/// the impostor scores of FVC2002 DB1–DB4 set B pooled (23,040 ordered pairs): empirical quantiles
/// down to FMR 1e-3, and below that an exponential tail (log FMR linear in score) fitted on the
/// impostor scores between FMR 1e-2 and 1e-3, extrapolated to 1e-7. Regenerate with
/// <c>huella fingerprint calibrate DB1 DB2@569 DB3 DB4</c> and paste its output over the table file.
/// </summary>
public static partial class ScoreCalibration
{
    /// <summary>The false match rate expected at <paramref name="score"/> (accepting score ≥ threshold).</summary>
    public static double FmrAt(double score)
    {
        var thresholds = Thresholds;
        var logs = Log10Fmr;
        if (double.IsNaN(score) || score <= thresholds[0])
        {
            return Math.Pow(10, logs[0]);
        }

        for (var i = 1; i < thresholds.Length; i++)
        {
            if (score <= thresholds[i])
            {
                var f = (score - thresholds[i - 1]) / (thresholds[i] - thresholds[i - 1]);
                return Math.Pow(10, logs[i - 1] + (f * (logs[i] - logs[i - 1])));
            }
        }

        var n = thresholds.Length - 1;
        var slope = (logs[n] - logs[n - 1]) / (thresholds[n] - thresholds[n - 1]);
        return Math.Pow(10, logs[n] + ((score - thresholds[n]) * slope));
    }

    /// <summary>The threshold whose false match rate is <paramref name="fmr"/> (for example 1e-3 … 1e-6).</summary>
    public static double ThresholdFor(double fmr)
    {
        if (!(fmr > 0 && fmr < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fmr), fmr, "A false match rate is a fraction strictly between 0 and 1.");
        }

        var target = Math.Log10(fmr);
        var thresholds = Thresholds;
        var logs = Log10Fmr;
        if (target >= logs[0])
        {
            return thresholds[0];
        }

        for (var i = 1; i < logs.Length; i++)
        {
            if (target >= logs[i])
            {
                var f = (target - logs[i - 1]) / (logs[i] - logs[i - 1]);
                return thresholds[i - 1] + (f * (thresholds[i] - thresholds[i - 1]));
            }
        }

        var n = logs.Length - 1;
        var slope = (thresholds[n] - thresholds[n - 1]) / (logs[n] - logs[n - 1]);
        return thresholds[n] + ((target - logs[n]) * slope);
    }
}
