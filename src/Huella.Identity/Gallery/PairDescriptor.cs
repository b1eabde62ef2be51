using System.Numerics;
using Huella.Biometrics;

namespace Huella.Identity.Gallery;

/// <summary>
/// A fixed-length bit vector summarising a template for the search pre-filter. Each minutia and
/// each of its nearest neighbours form a pair feature: their distance and both directions relative
/// to the line joining them, all three invariant to where the finger sits on the sensor and how it
/// is turned. Each feature sets one bit of <see cref="Bits"/>; two impressions of one finger share
/// many pair features, two different fingers few, so the popcount of the AND ranks candidates for
/// the full matcher at a tiny fraction of its cost. Gallery-side vectors also set the neighbouring
/// distance bin so a pair measured near a bin edge still meets itself.
/// </summary>
internal static class PairDescriptor
{
    public const int Words = Bits / 64;

    /// <summary>Distance bins × angle sectors², rounded up to whole words.</summary>
    public const int Bits = 1792;

    private const int Neighbours = 6;
    private const float MinDistance = 12f;
    private const float DistanceBin = 11f;
    private const int DistanceBins = 12;
    private const int Sectors = 12;
    private const float TwoPi = 2 * MathF.PI;

    /// <summary>Writes the descriptor of <paramref name="template"/> into <paramref name="words"/> (length <see cref="Words"/>).</summary>
    public static void Compute(FingerprintTemplate template, bool widen, Span<ulong> words)
    {
        words.Clear();
        var minutiae = template.Minutiae;
        var count = minutiae.Count;
        Span<float> distances = stackalloc float[count];
        Span<int> nearest = stackalloc int[Neighbours];
        for (var i = 0; i < count; i++)
        {
            var a = minutiae[i];
            for (var j = 0; j < count; j++)
            {
                var dx = minutiae[j].X - a.X;
                var dy = minutiae[j].Y - a.Y;
                distances[j] = j == i ? float.MaxValue : MathF.Sqrt((dx * dx) + (dy * dy));
            }

            var found = SelectNearest(distances, nearest);
            for (var n = 0; n < found; n++)
            {
                var j = nearest[n];
                var d = distances[j];
                if (d < MinDistance)
                {
                    continue;
                }

                var position = (d - MinDistance) / DistanceBin;
                var bin = (int)position;
                if (bin >= DistanceBins)
                {
                    continue;
                }

                var b = minutiae[j];
                var line = MathF.Atan2(b.Y - a.Y, b.X - a.X);
                var alpha = Sector(a.Direction - line);
                var beta = Sector(b.Direction - line);
                Set(words, bin, alpha, beta);
                if (widen)
                {
                    var other = position - bin < 0.5f ? bin - 1 : bin + 1;
                    if (other is >= 0 and < DistanceBins)
                    {
                        Set(words, other, alpha, beta);
                    }
                }
            }
        }
    }

    /// <summary>Shared bits, scaled down for gallery vectors with many bits set so dense descriptors do not win by density alone.</summary>
    public static float Similarity(ReadOnlySpan<ulong> probe, ReadOnlySpan<ulong> candidate, float candidateNorm)
    {
        var shared = 0;
        for (var i = 0; i < Words; i++)
        {
            shared += BitOperations.PopCount(probe[i] & candidate[i]);
        }

        return shared * candidateNorm;
    }

    /// <summary>The scale <see cref="Similarity"/> applies to a gallery vector: 1/√(bits set).</summary>
    public static float Norm(ReadOnlySpan<ulong> words)
    {
        var bits = 0;
        foreach (var w in words)
        {
            bits += BitOperations.PopCount(w);
        }

        return bits == 0 ? 0 : 1 / MathF.Sqrt(bits);
    }

    private static void Set(Span<ulong> words, int distanceBin, int alpha, int beta)
    {
        var bit = (((distanceBin * Sectors) + alpha) * Sectors) + beta;
        words[bit >> 6] |= 1UL << (bit & 63);
    }

    private static int Sector(float angle)
    {
        var turns = angle / TwoPi;
        turns -= MathF.Floor(turns);
        return Math.Min((int)(turns * Sectors), Sectors - 1);
    }

    private static int SelectNearest(ReadOnlySpan<float> distances, Span<int> nearest)
    {
        var found = 0;
        for (var j = 0; j < distances.Length; j++)
        {
            if (distances[j] == float.MaxValue)
            {
                continue;
            }

            var k = found < nearest.Length ? found++ : nearest.Length;
            if (k == nearest.Length)
            {
                if (distances[j] >= distances[nearest[k - 1]])
                {
                    continue;
                }

                k--;
            }

            while (k > 0 && distances[nearest[k - 1]] > distances[j])
            {
                nearest[k] = nearest[k - 1];
                k--;
            }

            nearest[k] = j;
        }

        return found;
    }
}
