using System.Numerics;
using Huella.Biometrics;

namespace Huella.Identity.Gallery;

/// <summary>The quantisation of <see cref="PairDescriptor"/>: which pairs count and how finely they are binned.</summary>
internal readonly record struct DescriptorShape(int Neighbours, float MinDistance, float DistanceBin, int DistanceBins, int Sectors, bool WidenAngles)
{
    /// <summary>
    /// Chosen on FVC2002 DB1–DB4 set B (gallery impression 1, probes 2–8) from 90 shapes by how often
    /// the true mate makes the shortlist: 71 % within the top 10 %, 83 % within the top 25 % (12
    /// neighbours, 11 px distance bins, 22.5° sectors, angles widened on the gallery side).
    /// </summary>
    public static DescriptorShape Default { get; } = new(Neighbours: 12, MinDistance: 12f, DistanceBin: 11f, DistanceBins: 12, Sectors: 16, WidenAngles: true);

    public int Words => ((DistanceBins * Sectors * Sectors) + 63) / 64;
}

/// <summary>
/// A fixed-length bit vector summarising a template for the search pre-filter. Each minutia and
/// each of its nearest neighbours form a pair feature: their distance and both directions relative
/// to the line joining them, all three invariant to where the finger sits on the sensor and how it
/// is turned. Each feature sets one bit; two impressions of one finger share many pair features,
/// two different fingers few, so the popcount of the AND ranks candidates for the full matcher at a
/// tiny fraction of its cost. Gallery-side vectors also set the neighbouring bins so a pair
/// measured near a bin edge still meets itself.
/// </summary>
internal static class PairDescriptor
{
    private const float TwoPi = 2 * MathF.PI;

    public static int Words => DescriptorShape.Default.Words;

    public static void Compute(FingerprintTemplate template, bool widen, Span<ulong> words) => Compute(template, widen, words, DescriptorShape.Default);

    /// <summary>Writes the descriptor of <paramref name="template"/> into <paramref name="words"/> (length <see cref="DescriptorShape.Words"/>).</summary>
    public static void Compute(FingerprintTemplate template, bool widen, Span<ulong> words, DescriptorShape shape)
    {
        words.Clear();
        var minutiae = template.Minutiae;
        var count = minutiae.Count;
        Span<float> distances = stackalloc float[count];
        Span<int> nearest = stackalloc int[Math.Min(shape.Neighbours, Math.Max(1, count))];
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
                if (d < shape.MinDistance)
                {
                    continue;
                }

                var position = (d - shape.MinDistance) / shape.DistanceBin;
                var bin = (int)position;
                if (bin >= shape.DistanceBins)
                {
                    continue;
                }

                var b = minutiae[j];
                var line = MathF.Atan2(b.Y - a.Y, b.X - a.X);
                var (alpha, alphaNext) = Sector(a.Direction - line, shape.Sectors);
                var (beta, betaNext) = Sector(b.Direction - line, shape.Sectors);
                Set(words, shape, bin, alpha, beta);
                if (!widen)
                {
                    continue;
                }

                var otherBin = position - bin < 0.5f ? bin - 1 : bin + 1;
                if (otherBin is >= 0 && otherBin < shape.DistanceBins)
                {
                    Set(words, shape, otherBin, alpha, beta);
                }

                if (shape.WidenAngles)
                {
                    Set(words, shape, bin, alphaNext, beta);
                    Set(words, shape, bin, alpha, betaNext);
                }
            }
        }
    }

    /// <summary>Shared bits, scaled down for gallery vectors with many bits set so dense descriptors do not win by density alone.</summary>
    public static float Similarity(ReadOnlySpan<ulong> probe, ReadOnlySpan<ulong> candidate, float candidateNorm)
    {
        var shared = 0;
        for (var i = 0; i < probe.Length; i++)
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

    private static void Set(Span<ulong> words, DescriptorShape shape, int distanceBin, int alpha, int beta)
    {
        var bit = (((distanceBin * shape.Sectors) + alpha) * shape.Sectors) + beta;
        words[bit >> 6] |= 1UL << (bit & 63);
    }

    /// <summary>The sector an angle falls in and the adjacent sector it is closer to.</summary>
    private static (int Sector, int Next) Sector(float angle, int sectors)
    {
        var turns = angle / TwoPi;
        turns -= MathF.Floor(turns);
        var position = turns * sectors;
        var sector = Math.Min((int)position, sectors - 1);
        var next = position - sector < 0.5f ? (sector + sectors - 1) % sectors : (sector + 1) % sectors;
        return (sector, next);
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

            int k;
            if (found < nearest.Length)
            {
                k = found++;
            }
            else if (distances[j] < distances[nearest[^1]])
            {
                k = nearest.Length - 1;
            }
            else
            {
                continue;
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
