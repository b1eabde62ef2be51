namespace Huella.Elections.Forensics;

/// <summary>
/// Robust z-scores: (x − median) / (1.4826 × MAD). The factor makes the MAD estimate the standard
/// deviation for normal data; the median and MAD are not pulled by the outliers being looked for.
/// </summary>
public static class RobustZ
{
    public const double NormalConsistency = 1.4826;

    public static double Median(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of nothing is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Median absolute deviation from the median (unscaled).</summary>
    public static double Mad(IReadOnlyList<double> values, double median) =>
        Median(values.Select(v => Math.Abs(v - median)).ToArray());

    /// <summary>
    /// The scores of <paramref name="values"/>; null for all when the scale is zero (at least half the
    /// values are equal, and no scale is left to measure the others against).
    /// </summary>
    /// <param name="minimumScale">
    /// Floor of the scale: in a small group where a few values happen to agree closely, the MAD is
    /// tiny and an ordinary difference would score as an enormous z.
    /// </param>
    public static double[]? Scores(IReadOnlyList<double> values, double minimumScale = 0)
    {
        var median = Median(values);
        var scale = Math.Max(NormalConsistency * Mad(values, median), minimumScale);
        return scale > 0 ? values.Select(v => (v - median) / scale).ToArray() : null;
    }
}
