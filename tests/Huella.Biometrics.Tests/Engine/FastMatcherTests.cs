using Huella.Biometrics.Matching;

namespace Huella.Biometrics.Tests.Engine;

/// <summary>The packed, prepared-probe matcher against <see cref="ReferenceMcc"/> on real FVC2002 templates.</summary>
public sealed class FastMatcherTests
{
    [Fact]
    public void Scores_equal_the_reference_computation_on_FVC_templates()
    {
        var templates = EngineData.Db1Fingers101To103.Values.ToList();
        var compared = 0;
        var nonZero = 0;
        foreach (var probe in templates)
        {
            var matcher = new FingerprintMatcher(probe);
            foreach (var candidate in templates)
            {
                var fast = matcher.Match(candidate);
                var reference = ReferenceMcc.Score(probe, candidate);

                // The relaxation sums in a different order (vectorized): float rounding only.
                Assert.True(Math.Abs(fast - reference) <= 1e-5, $"fast {fast:R}, reference {reference:R}");
                compared++;
                nonZero += fast > 0 ? 1 : 0;
            }
        }

        Assert.Equal(24 * 24, compared);
        Assert.True(nonZero > compared / 2, $"only {nonZero} of {compared} scores above zero");
    }

    [Fact]
    public void Integer_relative_directions_equal_the_float_quantizer()
    {
        // Every difference of direction from a spread of starting directions, including exact half steps.
        for (var from = 0; from < 65536; from += 1021)
        {
            var fromAngle = FingerprintTemplate.UnitsToDirection((ushort)from);
            for (var to = 0; to < 65536; to++)
            {
                var toAngle = FingerprintTemplate.UnitsToDirection((ushort)to);
                var expected = CylinderSet.Quantize(toAngle - fromAngle);
                var actual = CylinderSet.RelativeSteps((ushort)from, (ushort)to, fromAngle, toAngle);
                if (expected != actual)
                {
                    Assert.Fail($"from {from} to {to}: quantizer {expected}, integer path {actual}");
                }
            }
        }
    }

    [Fact]
    public void Cell_masks_widen_to_every_section_of_each_cell()
    {
        var set = EngineData.Db1Fingers101To103["101_1"].Cylinders;
        var partial = Enumerable.Range(0, set.Count).Where(c => set.MaskSlot[c] >= 0).ToList();
        Assert.NotEmpty(partial);
        foreach (var c in partial)
        {
            var mask = set.Mask(c);
            var bits = set.Bits.AsSpan(c * CylinderLayout.Words, CylinderLayout.Words);
            var valid = 0;
            for (var cell = 0; cell < CylinderLayout.Cells; cell++)
            {
                var isValid = (mask[cell / CylinderLayout.CellsPerWord] & (1 << (cell % CylinderLayout.CellsPerWord))) != 0;
                valid += isValid ? 1 : 0;
                for (var k = 0; k < CylinderLayout.Sections; k++)
                {
                    var (word, bit) = CylinderLayout.Position(cell, k);
                    var widened = (CylinderLayout.WidenCells[mask[word]] >> bit) & 1;
                    Assert.Equal(isValid ? 1UL : 0UL, widened);

                    // Bits are never set outside valid cells: the masked kernels rely on it.
                    Assert.True(isValid || ((bits[word] >> bit) & 1) == 0);
                }
            }

            Assert.Equal(set.ValidCellCount[c], valid);
            Assert.InRange(valid, EngineParameters.MinValidCells * CylinderLayout.Cells, CylinderLayout.Cells - 1);
        }
    }
}
