using System.Globalization;
using Huella.Elections.Contests;
using Huella.Elections.Forensics;
using Huella.Elections.Geography;
using Huella.Elections.Ve2024;
using Huella.Testing;

namespace Huella.Elections.Tests.Forensics;

/// <summary>
/// The forensics of the published 2024 table. Counts are recomputed here from the CSV text without
/// the product's reader; χ² and p-values were computed independently with Python and mpmath 1.3
/// (<c>gammainc(4.5, χ²/2, inf, regularized=True)</c>) from the same file.
/// </summary>
public sealed class RealTableForensicsTests
{
    private static readonly string CsvPath = SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv");

    private static readonly Lazy<ForensicsReport> Report =
        new(() => ForensicsAnalysis.Compute(ResultadosCsv.Read(CsvPath), Venezuela2024.Presidential));

    private static readonly Lazy<List<Dictionary<string, string>>> Raw = new(ReadRaw);

    [Fact]
    public void Coverage_is_24532_of_the_CNEs_30026_mesas()
    {
        var coverage = Report.Value.Coverage;
        var raw = Raw.Value;
        Assert.Equal(raw.Count, coverage.Mesas);
        Assert.Equal(24_532, coverage.Mesas);
        Assert.Equal(30_026, coverage.NationalMesas);
        Assert.Equal(5_494, coverage.Missing);
        Assert.Equal(0.8170, coverage.Fraction, 4);

        var centres = raw.GroupBy(r => r["CENTRO"]).ToList();
        Assert.Equal(centres.Count, coverage.Centres);
        Assert.Equal(12_817, coverage.Centres);
        var gaps = centres.Sum(c => c.Max(r => int.Parse(r["MESA"], CultureInfo.InvariantCulture)) - c.Count());
        Assert.Equal(gaps, coverage.MesaNumberGaps);
        Assert.Equal(571, coverage.MesaNumberGaps);

        Assert.Equal(24, coverage.States.Length);
        foreach (var state in coverage.States)
        {
            Assert.Equal(raw.Count(r => r["COD_EDO"] == state.Code.ToString(CultureInfo.InvariantCulture)), state.Mesas);
        }

        Assert.Equal(2_592, coverage.States.Single(s => s.Name == "EDO. ZULIA").Mesas);
    }

    [Theory]
    [InlineData("EG", 22_496, 8.1172, 0.522382)]
    [InlineData("NM", 16_096, 40.3196, 6.64946e-6)]
    public void Last_digits_of_counts_from_100(string candidate, long count, double chiSquare, double p)
    {
        var test = Report.Value.Digits.Candidates.Single(c => c.Code == candidate).LastDigit;
        var observed = new long[10];
        foreach (var votes in Raw.Value.Select(r => int.Parse(r[candidate], CultureInfo.InvariantCulture)).Where(v => v >= 100))
        {
            observed[votes % 10]++;
        }

        Assert.Equal(observed, test.Observed);
        Assert.Equal(count, test.Count);
        Assert.Equal(chiSquare, test.Statistic, 4);
        Assert.Equal(p, test.PValue, p * 1e-5);
        Assert.True(test.Sufficient);
    }

    [Theory]
    [InlineData("EG", 24_505, 116.1088, 8.34797e-21)]
    [InlineData("NM", 24_502, 111.6211, 6.87437e-20)]
    public void Second_digits_against_benford(string candidate, long count, double chiSquare, double p)
    {
        var test = Report.Value.Digits.Candidates.Single(c => c.Code == candidate).SecondDigit;
        var observed = new long[10];
        foreach (var votes in Raw.Value.Select(r => r[candidate]).Where(v => v.Length >= 2))
        {
            observed[votes[1] - '0']++;
        }

        Assert.Equal(observed, test.Observed);
        Assert.Equal(count, test.Count);
        Assert.Equal(chiSquare, test.Statistic, 4);
        Assert.Equal(p, test.PValue, p * 1e-5);
    }

    [Fact]
    public void Small_candidates_have_too_few_counts_for_a_digit_test()
    {
        var digits = Report.Value.Digits;
        Assert.All(digits.Candidates.Where(c => c.Code is not "EG" and not "NM"), c => Assert.False(c.LastDigit.Sufficient));
        Assert.Equal(0, digits.Candidates.Single(c => c.Code == "DC").SecondDigit.Count);
    }

    [Fact]
    public void Fingerprints_of_the_winner_and_runner_up()
    {
        var report = Report.Value;
        Assert.Equal("EG", report.Winner);
        Assert.Equal("NM", report.RunnerUp);
        Assert.Equal(4, report.Fingerprints.Length);

        var eg = report.Fingerprints.Single(f => f.Candidate == "EG" && f.Level == GeoLevel.Mesa);
        var nm = report.Fingerprints.Single(f => f.Candidate == "NM" && f.Level == GeoLevel.Mesa);
        Assert.Equal(24_532, eg.Units);
        Assert.Equal(24_532, eg.Counts.Sum());
        Assert.Equal(Raw.Value.Count(r => Turnout(r) >= 0.9 && Share(r, "EG") >= 0.9), eg.CornerUnits);
        Assert.Equal(1, eg.CornerUnits);
        Assert.Equal(2, nm.CornerUnits);
        Assert.Equal(0, eg.JointOutliers);
        Assert.Equal(67, nm.JointOutliers);
        Assert.Equal(0.615809, eg.MedianTurnout, 6);
        Assert.Equal(0.680272, eg.MedianShare, 6);
        Assert.Equal(0.292731, nm.MedianShare, 6);
        Assert.Equal(-0.469288, eg.Correlation, 6);
        Assert.Equal(0.464580, nm.Correlation, 6);
        Assert.Equal(0, nm.CorrelationPValue); // 4.4e-1351 by mpmath: below the smallest double

        // The cell of the national median mesa holds units; the corner cell (99, 99) holds none.
        Assert.True(eg[61, 68] > 0);
        Assert.Equal(0, eg[99, 99]);

        var centres = report.Fingerprints.Single(f => f.Candidate == "EG" && f.Level == GeoLevel.Centre);
        Assert.Equal(12_817, centres.Units);
        Assert.Equal(1, centres.CornerUnits);
    }

    [Fact]
    public void Most_extreme_centres()
    {
        var parish = Report.Value.Outliers.Single(o => o.Within == GeoLevel.Parish);
        Assert.Equal(774, parish.Groups);
        Assert.Equal(12_057, parish.CentresScored);
        Assert.Equal(781, parish.Beyond);
        Assert.Equal("140702008", parish.MostExtreme[0].Centre.ToString());
        Assert.Equal(19.2586, parish.MostExtreme[0].TurnoutZ!.Value, 4);
        Assert.Equal(0.9108, parish.MostExtreme[0].Turnout, 4);
        Assert.Equal("091602006", parish.MostExtreme[1].Centre.ToString());
        Assert.Equal(20, parish.MostExtreme.Length);

        var state = Report.Value.Outliers.Single(o => o.Within == GeoLevel.State);
        Assert.Equal(24, state.Groups);
        Assert.Equal(12_817, state.CentresScored);
        Assert.Equal(321, state.Beyond);
        Assert.Equal("181301017", state.MostExtreme[0].Centre.ToString());
        Assert.Equal(-8.4409, state.MostExtreme[0].WinnerShareZ!.Value, 4);
    }

    private static double Turnout(Dictionary<string, string> r) =>
        (double)(Int(r, "VOTOS_VALIDOS") + Int(r, "VOTOS_NULOS")) / Int(r, "RE");

    private static double Share(Dictionary<string, string> r, string candidate) => (double)Int(r, candidate) / Int(r, "VOTOS_VALIDOS");

    private static int Int(Dictionary<string, string> r, string column) => int.Parse(r[column], CultureInfo.InvariantCulture);

    private static List<Dictionary<string, string>> ReadRaw()
    {
        var lines = File.ReadAllLines(CsvPath);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        return [.. lines.Skip(1).Where(l => l.Length > 0).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second))];
    }
}
