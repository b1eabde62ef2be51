namespace Huella.Research.Synthesis.Templates;

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

    /// <summary>
    /// Approximately standard normal: the sum of four uniforms from one 64-bit draw, centred and
    /// scaled (Irwin–Hall). Bounded at ±3.46, which is all the noise here needs (the deviations
    /// are cut at 3σ anyway), and several times cheaper than a logarithm and a square root.
    /// </summary>
    public static float StandardNormal(this SynthesisRandom random)
    {
        const float Scale = 1f / 65536;
        var bits = random.NextUInt64();
        var sum = (float)((bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48));
        return ((sum * Scale) - 2) * 1.7320508f;
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
