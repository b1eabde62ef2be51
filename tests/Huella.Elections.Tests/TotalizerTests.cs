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
    public void An_empty_count_has_a_zero_nation() => Assert.Equal(0, new Totalizer(3).Nation.BallotsCounted);

    private static MesaResult Result(MesaId mesa, int electors, int a, int b) =>
        new(mesa, electors, ImmutableArray.Create(a, b), NullVotes: 1);
}
