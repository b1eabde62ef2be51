using Huella.Research.Synthesis.Templates;

namespace Huella.Biometrics.Tests.Synthesis;

public sealed class SyntheticTemplatesTests
{
    [Fact]
    public void The_same_seed_gives_the_same_templates_and_another_seed_others()
    {
        for (var finger = 0; finger < 20; finger++)
        {
            var a = SyntheticTemplates.Impression(5, finger, 1).ToBytes();
            var b = SyntheticTemplates.CreateFinger(5, finger).Impression(1).ToBytes();
            Assert.Equal(a, b);
            Assert.NotEqual(a, SyntheticTemplates.Impression(6, finger, 1).ToBytes());
            Assert.NotEqual(a, SyntheticTemplates.Impression(5, finger, 2).ToBytes());
        }
    }

    [Fact]
    public void Impressions_do_not_depend_on_order_or_thread()
    {
        var sequential = Enumerable.Range(0, 64).Select(f => SyntheticTemplates.Impression(3, f, 2).ToBytes()).ToArray();
        var parallel = new byte[64][];
        Parallel.For(0, 64, f => parallel[63 - f] = SyntheticTemplates.Impression(3, 63 - f, 2).ToBytes());
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void Bytes_are_what_the_engine_writes_and_parses_back()
    {
        for (var finger = 0; finger < 30; finger++)
        {
            var synthetic = SyntheticTemplates.Impression(11, finger, 1 + (finger % 3));
            var template = synthetic.ToTemplate();
            Assert.Equal(template.ToBytes(), synthetic.ToBytes());
            Assert.Equal(synthetic.Minutiae, FingerprintTemplate.Parse(synthetic.ToBytes()).Minutiae);
            Assert.InRange(synthetic.Minutiae.Count, 0, 80);
            Assert.All(synthetic.Minutiae, m =>
            {
                Assert.InRange(m.X, 0, synthetic.Width - 1);
                Assert.InRange(m.Y, 0, synthetic.Height - 1);
                Assert.InRange(m.Direction, 0, 2 * MathF.PI);
            });
        }
    }

    [Fact]
    public void Impressions_of_one_finger_match_and_of_different_fingers_do_not()
    {
        var genuine = new List<double>();
        var impostor = new List<double>();
        for (var finger = 0; finger < 30; finger++)
        {
            var matcher = new FingerprintMatcher(SyntheticTemplates.Impression(2, finger, 1).ToTemplate());
            genuine.Add(matcher.Match(SyntheticTemplates.Impression(2, finger, 2).ToTemplate()));
            impostor.Add(matcher.Match(SyntheticTemplates.Impression(2, finger + 100, 2).ToTemplate()));
        }

        // Medians far apart: a mate is recognisable, a stranger is not.
        Assert.True(TemplateStatistics.Percentile(genuine, 0.5) > 2.5 * TemplateStatistics.Percentile(impostor, 0.5));
    }
}
