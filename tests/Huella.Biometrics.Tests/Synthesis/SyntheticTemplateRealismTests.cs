using Huella.Research.Synthesis.Templates;
using Xunit.Abstractions;

namespace Huella.Biometrics.Tests.Synthesis;

/// <summary>
/// Synthetic templates against real ones extracted by the engine: the statistics
/// <c>SyntheticTemplateParameters</c> was fitted on, and the score distributions that matter
/// for a scale test (impostor scores decide false matches in a large gallery).
/// </summary>
public sealed class SyntheticTemplateRealismTests(RealTemplates real, ITestOutputHelper output) : IClassFixture<RealTemplates>
{
    private static readonly Lazy<(List<(FingerprintTemplate Template, int Finger)> Set, ScoreDistributions Scores)> Synthetic = new(() =>
    {
        var set = new List<(FingerprintTemplate Template, int Finger)>();
        for (var f = 0; f < 40; f++)
        {
            var finger = SyntheticTemplates.CreateFinger(7, f);
            for (var i = 1; i <= 8; i++)
            {
                set.Add((finger.Impression(i).ToTemplate(), f));
            }
        }

        return (set, ScoreDistributions.Measure(set));
    });

    [Fact]
    public void Impostor_scores_follow_real_impostor_scores()
    {
        var ks = ScoreDistributions.KolmogorovSmirnov(real.Scores.Impostor, Synthetic.Value.Scores.Impostor);
        output.WriteLine($"KS impostor {ks:F4} ({real.Scores.Impostor.Length} real, {Synthetic.Value.Scores.Impostor.Length} synthetic)");
        Assert.InRange(ks, 0, 0.1);
    }

    [Fact]
    public void Mated_scores_follow_real_genuine_scores()
    {
        var genuine = Synthetic.Value.Scores.Genuine;
        var ks = ScoreDistributions.KolmogorovSmirnov(real.Scores.Genuine, genuine);
        var realMedian = TemplateStatistics.Percentile(real.Scores.Genuine, 0.5);
        var syntheticMedian = TemplateStatistics.Percentile(genuine, 0.5);
        output.WriteLine($"KS genuine {ks:F4}; medians real {realMedian:F4}, synthetic {syntheticMedian:F4}");
        Assert.InRange(ks, 0, 0.15);
        Assert.InRange(syntheticMedian, 0.75 * realMedian, 1.25 * realMedian);
    }

    [Fact]
    public void Mated_impressions_mostly_pass_the_threshold_at_fmr_1e3()
    {
        var threshold = real.ThresholdAtFmr1e3;
        var synthetic = ScoreDistributions.ShareAtOrAbove(Synthetic.Value.Scores.Genuine, threshold);
        var realShare = ScoreDistributions.ShareAtOrAbove(real.Scores.Genuine, threshold);
        var impostors = ScoreDistributions.ShareAtOrAbove(Synthetic.Value.Scores.Impostor, threshold);
        output.WriteLine($"threshold {threshold:F4}: synthetic mated {synthetic:P1}, real genuine {realShare:P1}, synthetic impostors {impostors:P3}");
        Assert.InRange(synthetic, 0.6, 1);
        Assert.InRange(synthetic, realShare - 0.12, realShare + 0.12);
        Assert.InRange(impostors, 0, 0.005);
    }

    [Fact]
    public void Minutiae_statistics_are_in_the_range_of_real_ones()
    {
        var r = real.Statistics;
        var set = Synthetic.Value.Set;
        var s = TemplateStatistics.Measure(set.Select(t => t.Template.Minutiae), set.Select(t => t.Template.Quality));
        output.WriteLine($"real {r}");
        output.WriteLine($"synthetic {s}");
        Assert.InRange(s.CountMean, 0.8 * r.CountMean, 1.2 * r.CountMean);
        Assert.InRange(s.CountDeviation, 0.6 * r.CountDeviation, 1.4 * r.CountDeviation);
        Assert.InRange(s.EndingShare, r.EndingShare - 0.06, r.EndingShare + 0.06);
        Assert.InRange(s.MinutiaQualityMean, r.MinutiaQualityMean - 6, r.MinutiaQualityMean + 6);
        Assert.InRange(s.TemplateQualityMean, r.TemplateQualityMean - 8, r.TemplateQualityMean + 8);
        Assert.InRange(s.NearestMedian, 0.8 * r.NearestMedian, 1.2 * r.NearestMedian);
        Assert.InRange(s.NearestP05, 0.8 * r.NearestP05, 1.2 * r.NearestP05);
        Assert.InRange(s.SpreadX, 0.8 * r.SpreadX, 1.2 * r.SpreadX);
        Assert.InRange(s.SpreadY, 0.8 * r.SpreadY, 1.2 * r.SpreadY);

        // Directions follow a smooth flow: neighbours nearly parallel, as on real prints (random directions give 0).
        Assert.InRange(s.NeighbourAxisAgreement, r.NeighbourAxisAgreement - 0.1, 1);
    }
}
