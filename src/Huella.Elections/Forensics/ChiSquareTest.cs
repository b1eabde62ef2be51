using System.Collections.Immutable;

namespace Huella.Elections.Forensics;

/// <summary>
/// Pearson's goodness-of-fit test of observed counts against expected shares. The chi-square
/// approximation needs about five expected counts per cell; <see cref="Sufficient"/> says whether
/// the sample met that, and a p-value from a smaller sample should not be read.
/// </summary>
public readonly record struct ChiSquareTest(
    ImmutableArray<long> Observed,
    ImmutableArray<double> ExpectedShares,
    long Count,
    double Statistic,
    int DegreesOfFreedom,
    double PValue)
{
    public const double MinimumExpectedPerCell = 5;

    public bool Sufficient
    {
        get
        {
            foreach (var share in ExpectedShares)
            {
                if (share * Count < MinimumExpectedPerCell)
                {
                    return false;
                }
            }

            return Count > 0;
        }
    }

    public static ChiSquareTest Of(ImmutableArray<long> observed, ImmutableArray<double> expectedShares)
    {
        if (observed.Length != expectedShares.Length || observed.Length < 2)
        {
            throw new ArgumentException("One expected share per observed cell, at least two cells.", nameof(expectedShares));
        }

        var count = observed.Sum();
        var statistic = 0.0;
        if (count > 0)
        {
            for (var i = 0; i < observed.Length; i++)
            {
                var expected = expectedShares[i] * count;
                var difference = observed[i] - expected;
                statistic += difference * difference / expected;
            }
        }

        var degrees = observed.Length - 1;
        return new ChiSquareTest(observed, expectedShares, count, statistic, degrees, count > 0 ? UpperTail(statistic, degrees) : 1);
    }

    /// <summary>P(χ²ₖ ≥ statistic).</summary>
    public static double UpperTail(double statistic, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return IncompleteGamma.Upper(degreesOfFreedom / 2.0, Math.Max(statistic, 0) / 2);
    }
}
