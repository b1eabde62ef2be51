using Huella.Biometrics.Matching;
using Huella.Biometrics.Tests.Synthesis;

namespace Huella.Biometrics.Tests.Engine;

/// <summary>The coarse orientation map templates keep, and how the matcher weighs an alignment by it.</summary>
public sealed class RidgeFlowTests(RealTemplates real) : IClassFixture<RealTemplates>
{
    private static OrientationMap MapOf(string name) => EngineData.Db1Fingers101To103[name].Orientation!;

    // Every direction turned by 90°: the ridges cross the original ones everywhere.
    private static OrientationMap TurnedAQuarter(OrientationMap map) =>
        new(map.Columns, map.Rows, [.. map.Cells.ToArray().Select(c => c == OrientationMap.None ? c : (byte)(((c - 1 + (EngineParameters.OrientationLevels / 2)) % EngineParameters.OrientationLevels) + 1))]);

    [Fact]
    public void Extracted_templates_keep_a_map_of_the_print_and_minutiae_templates_do_not()
    {
        var template = EngineData.Db1Fingers101To103["101_1"];
        Assert.True(template.HasRidgeFlow);
        var map = template.Orientation!;
        Assert.Equal(OrientationMap.CellsAlong(template.Width), map.Columns);
        Assert.Equal(OrientationMap.CellsAlong(template.Height), map.Rows);
        var withFlow = map.Cells.Length - map.Cells.Count(OrientationMap.None);
        Assert.InRange(withFlow, map.Cells.Length / 4, map.Cells.Length - 1);
        Assert.False(new FingerprintTemplate(template.Width, template.Height, template.Minutiae, template.Quality).HasRidgeFlow);
    }

    [Theory]
    [InlineData(0f, 0f, 0f)]
    [InlineData(0.3f, 25f, -40f)]
    [InlineData(-0.7f, -60f, 35f)]
    [InlineData(2.5f, 300f, 120f)]
    public void Agreement_equals_its_plain_definition(float rotation, float shiftX, float shiftY)
    {
        var a = MapOf("101_1");
        var b = MapOf("101_2");
        const int Size = EngineParameters.OrientationCellSize;
        double sum = 0;
        var shared = 0;
        for (var row = 0; row < a.Rows; row++)
        {
            for (var column = 0; column < a.Columns; column++)
            {
                var va = a.Cells[(row * a.Columns) + column];
                double x = (column + 0.5) * Size, y = (row + 0.5) * Size;
                var tx = (Math.Cos(rotation) * x) - (Math.Sin(rotation) * y) + shiftX;
                var ty = (Math.Sin(rotation) * x) + (Math.Cos(rotation) * y) + shiftY;
                int cx = (int)Math.Floor(tx / Size), cy = (int)Math.Floor(ty / Size);
                if (va == OrientationMap.None || cx < 0 || cy < 0 || cx >= b.Columns || cy >= b.Rows || b.Cells[(cy * b.Columns) + cx] is var vb && vb == OrientationMap.None)
                {
                    continue;
                }

                double thetaA = (va - 1) * Math.PI / EngineParameters.OrientationLevels, thetaB = (vb - 1) * Math.PI / EngineParameters.OrientationLevels;
                sum += Math.Cos(2 * (thetaA + rotation - thetaB));
                shared++;
            }
        }

        var expected = shared == 0 ? 0 : sum / shared;
        Assert.Equal(expected, a.Agreement(b, rotation, shiftX, shiftY), 1e-4);
    }

    [Fact]
    public void A_map_agrees_fully_with_itself_and_not_at_all_with_itself_turned_a_quarter()
    {
        var map = MapOf("101_1");
        var quarter = TurnedAQuarter(map);
        Assert.Equal(1, map.Agreement(map, 0, 0, 0), 1e-5);
        Assert.Equal(-1, map.Agreement(quarter, 0, 0, 0), 1e-5);
        Assert.Equal(0, map.Agreement(map, 0, 10_000, 0));
    }

    [Fact]
    public void Ridge_flow_at_odds_with_the_alignment_brings_the_score_to_zero()
    {
        var templates = EngineData.Db1Fingers101To103;
        var probe = templates["101_1"];
        var map = probe.Orientation!;
        var turned = new FingerprintTemplate(probe.Width, probe.Height, probe.Minutiae, probe.Quality, TurnedAQuarter(map));
        foreach (var name in new[] { "101_2", "101_3", "101_4" })
        {
            Assert.True(new FingerprintMatcher(probe).Match(templates[name]) >= ScoreCalibration.ThresholdFor(1e-3), name);
            Assert.Equal(0, new FingerprintMatcher(turned).Match(templates[name]));
        }
    }

    [Fact]
    public void Comparisons_on_minutiae_alone_keep_the_false_match_rate_the_threshold_promises()
    {
        var threshold = ScoreCalibration.ThresholdFor(1e-2);
        int impostors = 0, withFlow = 0, minutiaeOnly = 0;
        foreach (var set in real.Sets)
        {
            var bare = set.Select(t => t.Template.WithoutRidgeFlow()).ToList();
            for (var i = 0; i < set.Count; i++)
            {
                var matcher = new FingerprintMatcher(set[i].Template);
                var plain = new FingerprintMatcher(bare[i]);
                for (var j = i + 1; j < set.Count; j++)
                {
                    if (set[i].Finger != set[j].Finger)
                    {
                        impostors++;
                        withFlow += matcher.Match(set[j].Template) >= threshold ? 1 : 0;
                        minutiaeOnly += plain.Match(bare[j]) >= threshold ? 1 : 0;
                    }
                }
            }
        }

        // Both calibrations were fitted on these impostors: each side is near 1 % (sampling and the
        // interpolation between knots only), yet the two sides disagree on which pairs pass.
        Assert.InRange((double)withFlow / impostors, 0.007, 0.013);
        Assert.InRange((double)minutiaeOnly / impostors, 0.007, 0.013);
    }
}
