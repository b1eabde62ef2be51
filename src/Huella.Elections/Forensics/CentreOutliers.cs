using System.Collections.Immutable;
using Huella.Elections.Geography;

namespace Huella.Elections.Forensics;

/// <summary>One centre scored against the other centres of its parish or state.</summary>
/// <param name="TurnoutZ">Robust z of the centre's turnout within its group; null when the group's MAD is zero.</param>
public readonly record struct CentreOutlier(
    CentreCode Centre,
    string State,
    string Municipality,
    string Parish,
    int GroupCentres,
    int Mesas,
    long Electors,
    double Turnout,
    double WinnerShare,
    double? TurnoutZ,
    double? WinnerShareZ)
{
    public double Extremity => Math.Max(Math.Abs(TurnoutZ ?? 0), Math.Abs(WinnerShareZ ?? 0));
}

/// <summary>
/// Per-centre robust z-scores of turnout and the winner's share within each group (parish or
/// state) of at least <see cref="MinimumGroup"/> centres, and the most extreme of them. The scale
/// is at least <see cref="MinimumScale"/> (a fraction: 0.01 is one percentage point).
/// </summary>
/// <param name="Beyond">Centres with |z| &gt; <see cref="Threshold"/> on turnout or share (3.5: Iglewicz and Hoaglin's cut-off for modified z-scores).</param>
public sealed record CentreOutliers(
    GeoLevel Within,
    int MinimumGroup,
    double MinimumScale,
    int Groups,
    int CentresScored,
    double Threshold,
    int Beyond,
    ImmutableArray<CentreOutlier> MostExtreme)
{
    internal static CentreOutliers Of(IReadOnlyList<CentreTally> centres, int winner, GeoLevel within, int minimumGroup, double minimumScale, double threshold, int listed)
    {
        var scored = new List<CentreOutlier>();
        var groups = 0;
        foreach (var group in centres.GroupBy(c => c.Code.PrefixAt(within)))
        {
            var members = group.ToArray();
            if (members.Length < minimumGroup)
            {
                continue;
            }

            groups++;
            var turnoutZ = RobustZ.Scores(members.Select(c => c.Turnout).ToArray(), minimumScale);
            var shareZ = RobustZ.Scores(members.Select(c => c.Share(winner)).ToArray(), minimumScale);
            for (var i = 0; i < members.Length; i++)
            {
                var c = members[i];
                scored.Add(new CentreOutlier(c.Code, c.State, c.Municipality, c.Parish, members.Length, c.Mesas, c.Electors, c.Turnout,
                    c.Share(winner), turnoutZ?[i], shareZ?[i]));
            }
        }

        var extreme = scored.OrderByDescending(o => o.Extremity).ThenBy(o => o.Centre.Value).Take(listed).ToImmutableArray();
        return new CentreOutliers(within, minimumGroup, minimumScale, groups, scored.Count, threshold, scored.Count(o => o.Extremity > threshold), extreme);
    }
}
