using Huella.Research.Evaluation;
using Huella.Biometrics.Tests.Synthesis;

namespace Huella.Biometrics.Tests.Engine;

/// <summary>
/// The quality score is there to predict matching failure: on every FVC2002 set B database, the
/// images in the lowest-quality decile take part in at least 30 % of the false non-matches at FMR
/// 1e-3 (a random tenth of the images would take part in about 19 %).
/// </summary>
public sealed class ImageQualityTests(RealTemplates real) : IClassFixture<RealTemplates>
{
    [Fact]
    public void The_lowest_quality_decile_takes_part_in_most_false_non_matches()
    {
        foreach (var set in real.Sets)
        {
            var n = set.Count;
            var scores = new double[n, n];
            var genuine = new List<double>();
            var impostor = new List<double>();
            for (var i = 0; i < n; i++)
            {
                var matcher = new FingerprintMatcher(set[i].Template);
                for (var j = i + 1; j < n; j++)
                {
                    scores[i, j] = matcher.Match(set[j].Template);
                    (set[i].Finger == set[j].Finger ? genuine : impostor).Add(scores[i, j]);
                }
            }

            var threshold = new ErrorRates(genuine, impostor).ThresholdAtFmr(1e-3);
            var cut = set.Select(t => t.Template.Quality).Order().ElementAt((n / 10) - 1);
            int misses = 0, lowMisses = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = i + 1; j < n; j++)
                {
                    if (set[i].Finger == set[j].Finger && scores[i, j] < threshold)
                    {
                        misses++;
                        lowMisses += set[i].Template.Quality <= cut || set[j].Template.Quality <= cut ? 1 : 0;
                    }
                }
            }

            Assert.True(misses > 0, "every FVC2002 set has some false non-matches at FMR 1e-3");
            Assert.True(lowMisses >= 0.3 * misses, $"the lowest-quality decile takes part in {lowMisses} of {misses} false non-matches");
        }
    }
}
