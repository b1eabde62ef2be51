using Huella.Elections.Forensics;
using Huella.Elections.Geography;

namespace Huella.Elections.Tests.Forensics;

public sealed class CentreOutliersTests
{
    [Fact]
    public void Median_and_mad_are_the_textbook_ones()
    {
        double[] values = [1, 1, 2, 2, 4, 6, 9];
        var median = RobustZ.Median(values);
        Assert.Equal(2, median);
        Assert.Equal(1, RobustZ.Mad(values, median)); // deviations 1 1 0 0 2 4 7
        Assert.Equal(2.5, RobustZ.Median([1, 2, 3, 4]));
        var z = RobustZ.Scores(values)!;
        Assert.Equal((9 - 2) / 1.4826, z[6], 12);
        Assert.Null(RobustZ.Scores([3, 3, 3, 7]));
        Assert.Equal(8, RobustZ.Scores([3, 3, 3, 7], minimumScale: 0.5)![3], 12);
        Assert.Equal((9 - 2) / 2.0, RobustZ.Scores(values, minimumScale: 2)![6], 12);
    }

    [Fact]
    public void A_planted_centre_is_the_most_extreme_in_its_parish_and_state()
    {
        var rows = SyntheticTable.Build(seed: 5);
        var target = CentreCode.Parse("020103004");
        var planted = rows.Select(r => r.Result.Mesa.Centre == target
            ? SyntheticTable.Row(r.Result.Mesa, r.Result.RegisteredElectors, r.Result.RegisteredElectors - 10, 5, 2, 3)
            : r).ToList();

        var report = ForensicsAnalysis.Compute(planted, SyntheticTable.Contest);
        foreach (var within in new[] { GeoLevel.Parish, GeoLevel.State })
        {
            var outliers = report.Outliers.Single(o => o.Within == within);
            var top = outliers.MostExtreme[0];
            Assert.Equal(target, top.Centre);
            Assert.True(top.TurnoutZ > 5 && top.WinnerShareZ > 5, $"{within}: {top}");
            Assert.Equal(within == GeoLevel.Parish ? 10 : 50, top.GroupCentres);
            Assert.Equal(200, outliers.CentresScored);
            Assert.Equal(within == GeoLevel.Parish ? 20 : 4, outliers.Groups);
            Assert.InRange(outliers.Beyond, 1, 6);
        }
    }

    [Fact]
    public void Small_groups_are_not_scored()
    {
        var rows = SyntheticTable.Build(seed: 5);
        var report = ForensicsAnalysis.Compute(rows, SyntheticTable.Contest, new ForensicsOptions { MinimumGroup = 11 });
        var parish = report.Outliers.Single(o => o.Within == GeoLevel.Parish);
        Assert.Equal(0, parish.Groups);
        Assert.Empty(parish.MostExtreme);
    }

    [Fact]
    public void Coverage_counts_gaps_in_mesa_numbers()
    {
        var rows = SyntheticTable.Build(seed: 5).Where(r => !(r.Result.Mesa.Centre.State == 3 && r.Result.Mesa.Number == 2)).ToList();
        var coverage = ForensicsAnalysis.Compute(rows, SyntheticTable.Contest, new ForensicsOptions { NationalMesas = 700 }).Coverage;
        Assert.Equal(550, coverage.Mesas);
        Assert.Equal(150, coverage.Missing);
        Assert.Equal(50, coverage.MesaNumberGaps); // mesa 2 absent while mesa 3 is there, in state 3's 50 centres
        Assert.Equal([0, 0, 50, 0], coverage.States.Select(s => s.MesaNumberGaps));
        Assert.Equal(550.0 / 700, coverage.Fraction, 12);
    }
}
