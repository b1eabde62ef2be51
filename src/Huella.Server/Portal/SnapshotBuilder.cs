using System.Collections.Immutable;
using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Huella.Elections.Totalization;

namespace Huella.Server.Portal;

/// <summary>A mesa the election expects, with the electors on its roll when they are known before the count.</summary>
internal readonly record struct ExpectedMesa(MesaId Mesa, int? RegisteredElectors);

/// <summary>
/// Turns what any source counted (one <see cref="Totalizer"/> per contest) and what it expected
/// (mesas, electors, area names) into a <see cref="PortalSnapshot"/>: every area's tally at every
/// level is summed once here, so a page only looks numbers up.
/// </summary>
internal static class SnapshotBuilder
{
    private static readonly GeoLevel[] Levels = [GeoLevel.Nation, GeoLevel.State, GeoLevel.Municipality, GeoLevel.Parish, GeoLevel.Centre];

    public static PortalSnapshot Build(
        string name,
        DateOnly date,
        DateTimeOffset takenAt,
        IReadOnlyList<(ContestDefinition Contest, Totalizer Totals)> contests,
        IReadOnlyList<ExpectedMesa> expected,
        Func<GeoLevel, int, string?> areaName,
        ImmutableArray<LateMesa> late,
        int? installedMesas = null)
    {
        var electors = new Dictionary<MesaId, int?>();
        foreach (var mesa in expected)
        {
            electors[mesa.Mesa] = mesa.RegisteredElectors;
        }

        foreach (var result in contests.Count > 0 ? contests[0].Totals.Counted : [])
        {
            if (!electors.TryGetValue(result.Mesa, out var known) || known is null)
            {
                electors[result.Mesa] = result.RegisteredElectors;
            }
        }

        foreach (var (_, totals) in contests.Skip(1))
        {
            foreach (var result in totals.Counted)
            {
                electors.TryAdd(result.Mesa, result.RegisteredElectors);
            }
        }

        var children = new Dictionary<long, SortedSet<long>>();
        var mesas = new Dictionary<long, SortedSet<MesaId>>();
        var expectedCount = new Dictionary<long, int>();
        var registered = new Dictionary<long, long>();
        var expectedSet = expected.Select(m => m.Mesa).ToHashSet();
        foreach (var (mesa, count) in electors)
        {
            long? parent = null;
            foreach (var level in Levels)
            {
                var key = PortalSnapshot.KeyOf(mesa, level);
                if (parent is { } p)
                {
                    Add(children, p, key);
                }

                registered[key] = registered.GetValueOrDefault(key) + (count ?? 0);
                if (expectedSet.Contains(mesa))
                {
                    expectedCount[key] = expectedCount.GetValueOrDefault(key) + 1;
                }

                parent = key;
            }

            if (!mesas.TryGetValue(parent!.Value, out var list))
            {
                mesas[parent.Value] = list = new SortedSet<MesaId>(Comparer<MesaId>.Create((a, b) => a.Number.CompareTo(b.Number)));
            }

            list.Add(mesa);
        }

        var areas = ImmutableDictionary.CreateBuilder<long, PortalArea>();
        var nation = PortalSnapshot.Key(GeoLevel.Nation, 0);
        registered.TryAdd(nation, 0);
        foreach (var key in registered.Keys)
        {
            var level = (GeoLevel)(key / 1_000_000_000L);
            var prefix = (int)(key % 1_000_000_000L);
            areas[key] = new PortalArea(
                level,
                prefix,
                areaName(level, prefix) ?? "",
                expectedCount.GetValueOrDefault(key),
                registered[key],
                children.TryGetValue(key, out var kids) ? [.. kids] : [],
                mesas.TryGetValue(key, out var own) ? [.. own] : []);
        }

        var counted = contests.Select(c => Totals(c.Contest, c.Totals)).ToImmutableArray();
        return new PortalSnapshot(name, date, takenAt, areas.ToImmutable(), counted, late, [.. expectedSet], installedMesas);
    }

    private static ContestTotals Totals(ContestDefinition contest, Totalizer totals)
    {
        var areas = ImmutableDictionary.CreateBuilder<long, AreaTally>();
        foreach (var level in Levels)
        {
            foreach (var (prefix, tally) in totals.At(level))
            {
                areas[PortalSnapshot.Key(level, (int)prefix)] = new AreaTally(tally.Mesas, tally.RegisteredElectors, tally.BallotsCounted, tally.NullVotes, tally.BlankVotes, [.. tally.CandidateVotes.ToArray()]);
            }
        }

        return new ContestTotals(
            contest,
            areas.ToImmutable(),
            totals.Counted.ToImmutableDictionary(r => r.Mesa),
            [.. totals.Anomalies.Select(a => new PortalAnomaly(Kind(a.Kind), a.Mesa, a.Detail))]);
    }

    private static PortalAnomalyKind Kind(AnomalyKind kind) => kind switch
    {
        AnomalyKind.ConflictingActas => PortalAnomalyKind.ConflictingActas,
        AnomalyKind.MissingMesa => PortalAnomalyKind.MissingMesa,
        _ => PortalAnomalyKind.MoreBallotsThanElectors,
    };

    private static void Add(Dictionary<long, SortedSet<long>> children, long parent, long child)
    {
        if (!children.TryGetValue(parent, out var set))
        {
            children[parent] = set = [];
        }

        set.Add(child);
    }

    /// <summary>A contest central was configured with (not from a definition): one seat, the most voted wins.</summary>
    public static ContestDefinition SingleSeat(string id, Huella.Elections.Contests.BallotContest contest) =>
        new(id, contest.Name, ContestKind.SingleSeat, 1, 1, null, contest.Candidates, contest.Cards);
}
