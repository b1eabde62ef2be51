namespace Huella.Biometrics.Synthesis.Templates;

/// <summary>
/// Draws for template synthesis in float: a template is made in microseconds, so the double-precision
/// Box–Muller of <see cref="SynthesisRandom.Normal"/> would be a large share of the cost.
/// </summary>
internal static class TemplateRandom
{
    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public static float NextSingle(this SynthesisRandom random) => (random.NextUInt64() >> 40) * (1f / (1 << 24));

    public static float UniformSingle(this SynthesisRandom random, Interval interval) =>
        (float)interval.Min + ((float)(interval.Max - interval.Min) * random.NextSingle());

    /// <summary>Standard normal by the polar method (one value per call; the second is dropped).</summary>
    public static float StandardNormal(this SynthesisRandom random)
    {
        while (true)
        {
            var bits = random.NextUInt64();
            var u = ((uint)bits * (2f / uint.MaxValue)) - 1;
            var v = ((uint)(bits >> 32) * (2f / uint.MaxValue)) - 1;
            var s = (u * u) + (v * v);
            if (s is > 0 and < 1)
            {
                return u * MathF.Sqrt(-2 * MathF.Log(s) / s);
            }
        }
    }

    public static float Normal(this SynthesisRandom random, double deviation, double limit) =>
        Math.Clamp(random.StandardNormal() * (float)deviation, -(float)limit, (float)limit);

    public static bool Chance(this SynthesisRandom random, double probability) => random.NextSingle() < probability;

    /// <summary>Poisson by Knuth's product of uniforms: fine for the small means used here.</summary>
    public static int Poisson(this SynthesisRandom random, double mean)
    {
        var limit = MathF.Exp(-(float)mean);
        var product = random.NextSingle();
        var count = 0;
        while (product > limit)
        {
            product *= random.NextSingle();
            count++;
        }

        return count;
    }
}
