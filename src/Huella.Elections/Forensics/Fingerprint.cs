using System.Collections.Immutable;
using Huella.Elections.Geography;

namespace Huella.Elections.Forensics;

/// <summary>
/// The election fingerprint of Klimek, Yegorov, Hanel and Thurner (PNAS 109(41), 2012): how many
/// units (mesas or centres) fall in each cell of turnout × a candidate's share of valid votes.
/// Clean elections give one roughly round cluster; ballot stuffing for the candidate drags units
/// toward the corner of 100 % turnout and 100 % share, and that smear is what the corner counts
/// measure. A smear is a reason to look at the actas, not a proof: very homogeneous communities
/// can vote that way too.
/// </summary>
/// <param name="Counts">Row-major: <c>Counts[turnoutBin * Bins + shareBin]</c>, bin i covering [i/Bins, (i+1)/Bins), the last closed.</param>
/// <param name="Correlation">Pearson correlation of turnout and share over the units.</param>
/// <param name="CorrelationPValue">
/// Two-sided p-value of r = 0 by Fisher's transform, atanh(r)·√(n − 3) ~ N(0, 1). Stuffing makes r
/// positive, but so does a candidate's strongholds voting more: with thousands of units any real
/// geographic pattern gives a tiny p, so read it beside the plot.
/// </param>
/// <param name="CornerUnits">Units with turnout and share both ≥ <see cref="CornerThreshold"/>.</param>
/// <param name="JointOutliers">Units whose turnout and share are both more than <see cref="JointOutlierZ"/> robust standard deviations above the medians of all units.</param>
public sealed record Fingerprint(
    string Candidate,
    GeoLevel Level,
    int Bins,
    ImmutableArray<int> Counts,
    int Units,
    double MedianTurnout,
    double MedianShare,
    double Correlation,
    double CorrelationPValue,
    double CornerThreshold,
    int CornerUnits,
    double JointOutlierZ,
    int JointOutliers)
{
    public int this[int turnoutBin, int shareBin] => Counts[turnoutBin * Bins + shareBin];

    public double CornerFraction => Units == 0 ? 0 : (double)CornerUnits / Units;

    public static int BinOf(double value, int bins) => Math.Clamp((int)(value * bins), 0, bins - 1);

    /// <summary>Builds the fingerprint of units given as (turnout, share) pairs, both in [0, 1].</summary>
    public static Fingerprint Of(string candidate, GeoLevel level, IReadOnlyList<(double Turnout, double Share)> units, int bins, double cornerThreshold = 0.9, double jointOutlierZ = 3)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        var counts = new int[bins * bins];
        var corner = 0;
        foreach (var (turnout, share) in units)
        {
            counts[BinOf(turnout, bins) * bins + BinOf(share, bins)]++;
            if (turnout >= cornerThreshold && share >= cornerThreshold)
            {
                corner++;
            }
        }

        if (units.Count == 0)
        {
            return new Fingerprint(candidate, level, bins, [.. counts], 0, 0, 0, 0, 1, cornerThreshold, 0, jointOutlierZ, 0);
        }

        var turnouts = units.Select(u => u.Turnout).ToArray();
        var shares = units.Select(u => u.Share).ToArray();
        var turnoutZ = RobustZ.Scores(turnouts);
        var shareZ = RobustZ.Scores(shares);
        var joint = 0;
        if (turnoutZ is not null && shareZ is not null)
        {
            for (var i = 0; i < units.Count; i++)
            {
                if (turnoutZ[i] > jointOutlierZ && shareZ[i] > jointOutlierZ)
                {
                    joint++;
                }
            }
        }

        var r = Pearson(turnouts, shares);
        return new Fingerprint(candidate, level, bins, [.. counts], units.Count, RobustZ.Median(turnouts), RobustZ.Median(shares),
            r, CorrelationPValueOf(r, units.Count), cornerThreshold, corner, jointOutlierZ, joint);
    }

    /// <summary>P(|N(0, 1)| ≥ z) = Q(1/2, z²/2) for Fisher's z of <paramref name="r"/>.</summary>
    public static double CorrelationPValueOf(double r, int units)
    {
        if (units <= 3)
        {
            return 1;
        }

        if (Math.Abs(r) >= 1)
        {
            return 0;
        }

        var z = Math.Atanh(r) * Math.Sqrt(units - 3);
        return IncompleteGamma.Upper(0.5, z * z / 2);
    }

    private static double Pearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
