namespace Huella.Research.Evaluation;

/// <summary>
/// Verification error rates from genuine and impostor score lists, for a matcher that accepts
/// when score ≥ threshold. FMR(t) is the share of impostor scores ≥ t, FNMR(t) the share of genuine
/// scores &lt; t. The equal error rate follows the FVC definition (midpoint of the interval where
/// the two curves cross).
/// </summary>
public sealed class ErrorRates
{
    private readonly double[] _genuine;
    private readonly double[] _impostor;

    public ErrorRates(IEnumerable<double> genuine, IEnumerable<double> impostor)
    {
        ArgumentNullException.ThrowIfNull(genuine);
        ArgumentNullException.ThrowIfNull(impostor);
        _genuine = [.. genuine];
        _impostor = [.. impostor];
        if (_genuine.Length == 0 || _impostor.Length == 0)
        {
            throw new ArgumentException("Error rates need at least one genuine and one impostor score.");
        }

        if (_genuine.Any(double.IsNaN) || _impostor.Any(double.IsNaN))
        {
            throw new ArgumentException("Scores must not be NaN.");
        }

        Array.Sort(_genuine);
        Array.Sort(_impostor);
        Eer = ComputeEer();
    }

    public int GenuineCount => _genuine.Length;

    public int ImpostorCount => _impostor.Length;

    public double Eer { get; }

    /// <summary>Share of impostor scores at or above the threshold.</summary>
    public double FmrAt(double threshold) => (double)(_impostor.Length - LowerBound(_impostor, threshold)) / _impostor.Length;

    /// <summary>Share of genuine scores below the threshold.</summary>
    public double FnmrAt(double threshold) => (double)LowerBound(_genuine, threshold) / _genuine.Length;

    /// <summary>
    /// The lowest threshold whose FMR does not exceed <paramref name="fmr"/> (0 gives the zero-FMR
    /// threshold: just above the best impostor score).
    /// </summary>
    public double ThresholdAtFmr(double fmr)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fmr);
        var allowed = (int)Math.Floor((fmr * _impostor.Length) + 1e-9);
        if (allowed >= _impostor.Length)
        {
            return double.NegativeInfinity;
        }

        // Accepting `allowed` impostors at most: the threshold must exceed the (allowed+1)-th best.
        var boundary = _impostor[_impostor.Length - 1 - allowed];
        return Math.BitIncrement(boundary);
    }

    /// <summary>FNMR at the lowest threshold whose FMR is at most <paramref name="fmr"/>.</summary>
    public double FnmrAtFmr(double fmr) => FnmrAt(ThresholdAtFmr(fmr));

    /// <summary>The detection error trade-off curve: one (FMR, FNMR) point per distinct score, FMR falling.</summary>
    public IReadOnlyList<(double Threshold, double Fmr, double Fnmr)> DetCurve()
    {
        var thresholds = _genuine.Concat(_impostor).Distinct().Order().ToList();
        thresholds.Add(double.PositiveInfinity);
        return [.. thresholds.Select(t => (t, FmrAt(t), FnmrAt(t)))];
    }

    private double ComputeEer()
    {
        var thresholds = _genuine.Concat(_impostor).Distinct().Order().ToList();
        thresholds.Add(double.PositiveInfinity);

        // t1: the last threshold with FNMR ≤ FMR; t2: the first with FNMR ≥ FMR (FNMR rises, FMR falls with t).
        double? t1 = null, t2 = null;
        foreach (var t in thresholds)
        {
            var fmr = FmrAt(t);
            var fnmr = FnmrAt(t);
            if (fnmr <= fmr)
            {
                t1 = t;
            }

            if (t2 is null && fnmr >= fmr)
            {
                t2 = t;
            }
        }

        if (t1 is null)
        {
            return (FmrAt(t2!.Value) + FnmrAt(t2.Value)) / 2;
        }

        if (t2 is null)
        {
            return (FmrAt(t1.Value) + FnmrAt(t1.Value)) / 2;
        }

        var sum1 = FmrAt(t1.Value) + FnmrAt(t1.Value);
        var sum2 = FmrAt(t2.Value) + FnmrAt(t2.Value);
        return sum1 <= sum2 ? sum1 / 2 : sum2 / 2;
    }

    // Index of the first element ≥ value in a sorted array.
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
