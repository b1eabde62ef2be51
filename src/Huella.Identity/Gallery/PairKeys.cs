using Huella.Biometrics;

namespace Huella.Identity.Gallery;

/// <summary>
/// The pre-filter's features. Each minutia with each of its nearest neighbours forms a pair: their
/// distance, both directions relative to the line joining them and both types make a key that does
/// not change when the finger moves or turns on the sensor; the absolute direction of that line
/// (8 bits) travels with it so votes can check rotation consistency. Gallery fingers store one
/// entry per pair; probes look up every adjacent bin too (distance and both angles, 8 keys per
/// pair) so a pair measured near a bin edge still meets itself.
/// </summary>
internal static class PairKeys
{
    private const float TwoPi = 2 * MathF.PI;

    /// <summary>
    /// Appends the entries of a finger: key in the high bits, line angle in the low 8. A gallery
    /// finger (<paramref name="widen"/> false) stores each neighbouring pair once, in one order,
    /// even when each minutia is among the other's nearest; a probe emits both orders of each of its
    /// pairs, eight adjacent bins each, so it meets whichever order the gallery kept. Half the
    /// entries in the inverted file for the same meetings.
    /// </summary>
    public static void Compute(IReadOnlyList<Minutia> minutiae, bool widen, List<uint> entries)
    {
        var count = minutiae.Count;
        var k = Math.Min(IndexShape.Neighbours, Math.Max(1, count));
        Span<float> distances = count <= 256 ? stackalloc float[count] : new float[count];
        var nearest = new int[count * k];
        var found = new int[count];
        for (var i = 0; i < count; i++)
        {
            var a = minutiae[i];
            for (var j = 0; j < count; j++)
            {
                var dx = minutiae[j].X - a.X;
                var dy = minutiae[j].Y - a.Y;
                distances[j] = j == i ? float.MaxValue : MathF.Sqrt((dx * dx) + (dy * dy));
            }

            found[i] = SelectNearest(distances, nearest.AsSpan(i * k, k));
        }

        for (var i = 0; i < count; i++)
        {
            for (var n = 0; n < found[i]; n++)
            {
                var j = nearest[(i * k) + n];
                var mutual = nearest.AsSpan(j * k, found[j]).Contains(i);
                if (!widen)
                {
                    // A mutual pair is kept from its lower-numbered end only.
                    if (!mutual || i < j)
                    {
                        Add(minutiae[i], minutiae[j], widen: false, entries);
                    }

                    continue;
                }

                Add(minutiae[i], minutiae[j], widen: true, entries);
                if (!mutual)
                {
                    Add(minutiae[j], minutiae[i], widen: true, entries);
                }
            }
        }
    }

    public static int Key(uint entry) => (int)(entry >> 8);

    public static byte Angle(uint entry) => (byte)entry;

    private static uint Entry(int distanceBin, int alpha, int beta, int types, uint angle) =>
        ((uint)((((((distanceBin * IndexShape.Sectors) + alpha) * IndexShape.Sectors) + beta) * IndexShape.TypeCombinations) + types) << 8) | angle;

    private static float Turns(float angle)
    {
        var turns = angle / TwoPi;
        return turns - MathF.Floor(turns);
    }

    /// <summary>The sector an angle falls in and the adjacent sector it is closer to.</summary>
    private static (int Sector, int Next) Sector(float angle)
    {
        var position = Turns(angle) * IndexShape.Sectors;
        var sector = Math.Min((int)position, IndexShape.Sectors - 1);
        var next = position - sector < 0.5f ? (sector + IndexShape.Sectors - 1) % IndexShape.Sectors : (sector + 1) % IndexShape.Sectors;
        return (sector, next);
    }

    private static void Add(Minutia a, Minutia b, bool widen, List<uint> entries)
    {
        float dx = b.X - a.X, dy = b.Y - a.Y;
        var position = (MathF.Sqrt((dx * dx) + (dy * dy)) - IndexShape.MinDistance) / IndexShape.DistanceBin;
        if (position < 0 || position >= IndexShape.DistanceBins)
        {
            return;
        }

        var bin = (int)position;
        var line = MathF.Atan2(dy, dx);
        var angle = (uint)(int)(Turns(line) * 256) & 0xFF;
        var types = ((a.Type == MinutiaType.Bifurcation ? 1 : 0) * 2) + (b.Type == MinutiaType.Bifurcation ? 1 : 0);
        var (alpha, alphaNext) = Sector(a.Direction - line);
        var (beta, betaNext) = Sector(b.Direction - line);
        entries.Add(Entry(bin, alpha, beta, types, angle));
        if (!widen)
        {
            return;
        }

        entries.Add(Entry(bin, alphaNext, beta, types, angle));
        entries.Add(Entry(bin, alpha, betaNext, types, angle));
        entries.Add(Entry(bin, alphaNext, betaNext, types, angle));
        var otherBin = position - bin < 0.5f ? bin - 1 : bin + 1;
        if (otherBin >= 0 && otherBin < IndexShape.DistanceBins)
        {
            entries.Add(Entry(otherBin, alpha, beta, types, angle));
            entries.Add(Entry(otherBin, alphaNext, beta, types, angle));
            entries.Add(Entry(otherBin, alpha, betaNext, types, angle));
            entries.Add(Entry(otherBin, alphaNext, betaNext, types, angle));
        }
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
