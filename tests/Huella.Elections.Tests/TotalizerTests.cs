using System.Collections.Immutable;
using Huella.Elections.Geography;
using Huella.Elections.Results;
using Huella.Elections.Totalization;

namespace Huella.Elections.Tests;

public sealed class TotalizerTests
{
    private static readonly MesaId MesaA = new(CentreCode.Parse("010101001"), 1);
    private static readonly MesaId MesaB = new(CentreCode.Parse("010101001"), 2);

    [Fact]
    public void The_same_acta_twice_is_counted_once()
    {
        var totalizer = new Totalizer(2);
        Assert.Equal(AddOutcome.Counted, totalizer.Add(Result(MesaA, 100, 60, 30)));
        Assert.Equal(AddOutcome.Repeated, totalizer.Add(Result(MesaA, 100, 60, 30)));
        Assert.Equal(90, totalizer.Nation.ValidVotes);
        Assert.Empty(totalizer.Anomalies);
    }

    [Fact]
    public void Two_different_actas_for_one_mesa_are_flagged_and_the_first_stays()
    {
        var totalizer = new Totalizer(2);
        totalizer.Add(Result(MesaA, 100, 60, 30));
        Assert.Equal(AddOutcome.Conflicting, totalizer.Add(Result(MesaA, 100, 30, 60)));
        Assert.Equal(60, totalizer.Nation.CandidateVotes[0]);
        Assert.Equal(AnomalyKind.ConflictingActas, Assert.Single(totalizer.Anomalies).Kind);
    }

    [Fact]
    public void More_ballots_than_electors_and_missing_mesas_are_flagged()
    {
        var totalizer = new Totalizer(2);
        totalizer.Add(Result(MesaA, 50, 40, 20));
        Assert.Equal(1, totalizer.FlagMissing([MesaA, MesaB]));
        Assert.Equal(
            [AnomalyKind.MoreBallotsThanElectors, AnomalyKind.MissingMesa],
            totalizer.Anomalies.Select(a => a.Kind).ToArray());
    }

    [Fact]
    public void An_empty_count_has_a_zero_nation()
    {
        var totalizer = new Totalizer(3);

        // The nation always has a row, with one zero per candidate, so a results page can show it before the first acta.
        var nation = Assert.Single(totalizer.At(GeoLevel.Nation));
        Assert.Equal(0, nation.Key);
        Assert.Equal((0, 0L, 0L, 0L, 0.0), (nation.Value.Mesas, nation.Value.BallotsCounted, nation.Value.ValidVotes, nation.Value.RegisteredElectors, nation.Value.Turnout));
        Assert.Equal([0L, 0L, 0L], totalizer.Nation.CandidateVotes.ToArray());
        Assert.Empty(totalizer.At(GeoLevel.Mesa));
        Assert.Empty(totalizer.Anomalies);

        // The first acta replaces the empty row rather than adding to it.
        totalizer.Add(new MesaResult(MesaA, 10, ImmutableArray.Create(4, 3, 2), NullVotes: 1));
        Assert.Equal((1, 10L), (totalizer.Nation.Mesas, totalizer.Nation.BallotsCounted));
        Assert.Single(totalizer.At(GeoLevel.Nation));
    }

    private static MesaResult Result(MesaId mesa, int electors, int a, int b) =>
        new(mesa, electors, ImmutableArray.Create(a, b), NullVotes: 1);
}
