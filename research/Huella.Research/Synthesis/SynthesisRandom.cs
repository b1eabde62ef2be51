namespace Huella.Research.Synthesis;

/// <summary>
/// xoshiro256** seeded through SplitMix64: our own generator so that a seed gives the same fingers
/// on every .NET version (System.Random promises no such thing), and one independent stream per
/// (seed, finger, stage, impression) so results never depend on which thread runs what.
/// </summary>
internal sealed class SynthesisRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SynthesisRandom(int seed, int fingerIndex, SynthesisStream stream, int impressionIndex = 0)
    {
        var state = Mix(Mix(Mix((ulong)(uint)seed) ^ (ulong)(uint)fingerIndex) ^ ((ulong)stream << 32)) ^ (ulong)(uint)impressionIndex;
        _s0 = SplitMix(ref state);
        _s1 = SplitMix(ref state);
        _s2 = SplitMix(ref state);
        _s3 = SplitMix(ref state);
    }

    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    public double Uniform(Interval interval) => Uniform(interval.Min, interval.Max);

    /// <summary>Uniform in [0, count).</summary>
    public int NextInt(int count) => (int)((NextUInt64() >> 33) * (ulong)count >> 31);

    /// <summary>Standard normal by Box–Muller (one value per call keeps the stream simple).</summary>
    public double Normal()
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    /// <summary>Normal with deviation <paramref name="deviation"/>, cut to ±<paramref name="limit"/>.</summary>
    public double TruncatedNormal(double deviation, double limit) => Math.Clamp(Normal() * deviation, -limit, limit);

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>Independent random streams of one finger: adding draws to one stage never shifts another.</summary>
internal enum SynthesisStream
{
    Layout = 1,
    Frequency = 2,
    Growth = 3,
    Pores = 4,
    Impression = 5,

    /// <summary>Minutiae of a synthetic template finger (Templates/).</summary>
    TemplateMaster = 6,

    TemplateImpression = 7,
}
