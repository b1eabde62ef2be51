using Huella.Elections.Forensics;
using Huella.Elections.Geography;

namespace Huella.Elections.Tests.Forensics;

public sealed class FingerprintTests
{
    [Fact]
    public void A_clean_table_has_no_smear_toward_full_turnout_and_share()
    {
        var report = ForensicsAnalysis.Compute(SyntheticTable.Build(seed: 1), SyntheticTable.Contest);
        var mesas = report.Fingerprints.Single(f => f.Candidate == "EG" && f.Level == GeoLevel.Mesa);
        Assert.Equal(600, mesas.Units);
        Assert.Equal(600, mesas.Counts.Sum());
        Assert.Equal(0, mesas.CornerUnits);
        Assert.Equal(0, mesas.JointOutliers);
        Assert.InRange(mesas.MedianTurnout, 0.57, 0.63);
        Assert.InRange(mesas.MedianShare, 0.52, 0.58);
        Assert.InRange(mesas.Correlation, -0.15, 0.15);
        Assert.True(mesas.CorrelationPValue > 0.01, $"r = {mesas.Correlation}, p = {mesas.CorrelationPValue}");
    }

    [Fact]
    public void Planted_ballot_stuffing_shows_as_a_smear_in_the_corner()
    {
        var report = ForensicsAnalysis.Compute(SyntheticTable.Build(seed: 1, stuffedFraction: 0.1), SyntheticTable.Contest);
        var mesas = report.Fingerprints.Single(f => f.Candidate == "EG" && f.Level == GeoLevel.Mesa);

        // About 10 % of 600 mesas moved to 97–99 % turnout with every added ballot for EG: their
        // share rises to about 72 %, a smear up and to the right of the cluster, not yet the corner.
        Assert.True(mesas.Correlation > 0.4, $"r = {mesas.Correlation}");
        Assert.True(mesas.CorrelationPValue < 1e-20, $"p = {mesas.CorrelationPValue}");
        var highTurnout = Enumerable.Range(95, 5).Sum(t => Enumerable.Range(0, 100).Sum(s => mesas[t, s]));
        Assert.InRange(highTurnout, 30, 90);

        // The runner-up's fingerprint mirrors it: high turnout, low share.
        var runnerUp = report.Fingerprints.Single(f => f.Candidate == "NM" && f.Level == GeoLevel.Mesa);
        Assert.Equal(0, runnerUp.CornerUnits);
        Assert.True(runnerUp.Correlation < -0.4, $"r = {runnerUp.Correlation}");
    }

    [Fact]
    public void Stuffing_to_full_turnout_and_share_fills_the_corner_cells()
    {
        var rows = SyntheticTable.Build(seed: 3);
        var centre = rows[0].Result.Mesa.Centre;
        for (var i = 0; i < 40; i++)
        {
            rows.Add(SyntheticTable.Row(new MesaId(centre, 10 + i), 500, 480 + i % 10, 5, 1, 1));
        }

        var report = ForensicsAnalysis.Compute(rows, SyntheticTable.Contest);
        var mesas = report.Fingerprints.Single(f => f.Candidate == "EG" && f.Level == GeoLevel.Mesa);
        Assert.Equal(40, mesas.CornerUnits);
        Assert.Equal(40, mesas.JointOutliers);
        Assert.Equal(40, Enumerable.Range(97, 3).Sum(t => Enumerable.Range(97, 3).Sum(s => mesas[t, s])));
    }

    [Theory]
    [InlineData(0.1, 600, 0.0142241596552784211)] // erfc(|atanh(r)|·√(n − 3)/√2), mpmath at 30 digits
    [InlineData(0.3, 100, 0.00230052314390067864)]
    [InlineData(-0.2, 50, 0.164570067816785631)]
    public void Correlation_p_value_is_fishers(double r, int units, double p) =>
        Assert.Equal(p, Fingerprint.CorrelationPValueOf(r, units), p * 1e-9);

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.009999, 0)]
    [InlineData(0.01, 1)]
    [InlineData(0.995, 99)]
    [InlineData(1.0, 99)]
    public void Bins_are_half_open_except_the_last(double value, int bin) => Assert.Equal(bin, Fingerprint.BinOf(value, 100));
}
