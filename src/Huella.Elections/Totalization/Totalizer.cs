using Huella.Elections.Geography;
using Huella.Elections.Results;

namespace Huella.Elections.Totalization;

public enum AddOutcome
{
    /// <summary>First acta for this mesa: counted.</summary>
    Counted,

    /// <summary>The same counts again (a retransmission): ignored, never counted twice.</summary>
    Repeated,

    /// <summary>Different counts for a mesa already counted: flagged; the first acta stays counted.</summary>
    Conflicting,
}

/// <summary>
/// Sums mesa results up the geography (mesa › centre › parish › municipality › state › nation).
/// Totals are a pure function of the actas received: any observer holding the same actas gets the
/// same numbers, and every conflict or gap is listed as an <see cref="Anomaly"/>.
/// </summary>
public sealed class Totalizer(int candidateCount)
{
    private readonly Dictionary<MesaId, MesaResult> _counted = [];
    private readonly List<Anomaly> _anomalies = [];

    public int CandidateCount { get; } = candidateCount;

    public IReadOnlyCollection<MesaResult> Counted => _counted.Values;

    public bool IsCounted(MesaId mesa) => _counted.ContainsKey(mesa);

    public IReadOnlyList<Anomaly> Anomalies => _anomalies;

    public AddOutcome Add(MesaResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.CandidateVotes.Length != CandidateCount)
        {
            throw new ArgumentException($"Mesa {result.Mesa} reports {result.CandidateVotes.Length} candidates, the contest has {CandidateCount}.", nameof(result));
        }

        if (_counted.TryGetValue(result.Mesa, out var earlier))
        {
            if (earlier.SameCountsAs(result))
            {
                return AddOutcome.Repeated;
            }

            _anomalies.Add(new Anomaly(AnomalyKind.ConflictingActas, result.Mesa, "a second acta with different counts was received"));
            return AddOutcome.Conflicting;
        }

        _counted.Add(result.Mesa, result);
        if (result.BallotsCounted > result.RegisteredElectors)
        {
            _anomalies.Add(new Anomaly(AnomalyKind.MoreBallotsThanElectors, result.Mesa, $"{result.BallotsCounted} ballots for {result.RegisteredElectors} electors"));
        }

        return AddOutcome.Counted;
    }

    /// <summary>Lists every expected mesa with no acta as a <see cref="AnomalyKind.MissingMesa"/>; returns how many.</summary>
    public int FlagMissing(IEnumerable<MesaId> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var missing = 0;
        foreach (var mesa in expected)
        {
            if (!_counted.ContainsKey(mesa))
            {
                _anomalies.Add(new Anomaly(AnomalyKind.MissingMesa, mesa, "no acta received"));
                missing++;
            }
        }

        return missing;
    }

    public Tally Nation => At(GeoLevel.Nation)[0];

    /// <summary>One tally per unit at <paramref name="level"/>, keyed by the unit's code prefix.</summary>
    public SortedDictionary<long, Tally> At(GeoLevel level)
    {
        var tallies = new SortedDictionary<long, Tally>();
        foreach (var result in _counted.Values)
        {
            var key = level == GeoLevel.Mesa ? (result.Mesa.Centre.Value * 1000L) + result.Mesa.Number : result.Mesa.Centre.PrefixAt(level);
            if (!tallies.TryGetValue(key, out var tally))
            {
                tally = new Tally(CandidateCount);
                tallies.Add(key, tally);
            }

            tally.Add(result);
        }

        if (level == GeoLevel.Nation && tallies.Count == 0)
        {
            tallies.Add(0, new Tally(CandidateCount));
        }

        return tallies;
    }
}
