using System.Runtime.Intrinsics;

namespace Huella.Identity.Gallery;

/// <summary>
/// A gallery finger's pre-filter score from its rotation accumulators: the most votes in two
/// adjacent rotation bins (the circle wraps). Runs once per gallery finger per search, so it is
/// vectorised: the window sums are the bins plus the bins shifted by one.
/// </summary>
internal static class RotationVotes
{
    /// <summary>Bins readable past a finger's last one (the next finger's, or zeros at the end of the array).</summary>
    public const int Padding = 16;

    private const int Bins = IndexShape.RotationBins;

    /// <summary>Votes saturate here, so that four bins (or a window) add up without wrapping a 16-bit lane.</summary>
    public const int MaxVotes = 16_383;

    /// <summary>
    /// What one vote through a key's list is worth: (ln(fingers / list length))², at least 1 and
    /// at most <see cref="MaxWeight"/>. Pair shapes that half the gallery holds (neighbours on
    /// parallel ridges) say little about which finger this is; rare ones say a lot. Counting every
    /// vote as one let those common keys bury weak mates: on 20,000 synthetic fingers with 1,000
    /// mated probes, accepted mates ranked below the top 2.5 % of votes fell from 40 to 6 with
    /// this weight (2·ln: 10; ln³/4: 12; √(fingers / length): 8).
    /// </summary>
    public static int Weight(int listLength, int fingers)
    {
        var idf = MathF.Log(fingers / (float)Math.Max(1, listLength));
        return Math.Clamp((int)MathF.Round(idf * idf), 1, MaxWeight);
    }

    /// <summary>Largest vote weight (a key found once in a partition of 2^24 fingers weighs ln(2^24)² ≈ 277).</summary>
    public const int MaxWeight = 60;

    /// <summary>
    /// The finger's score: votes in its best two-bin window less the votes a window gets by chance
    /// (its share of all the finger's votes), so fingers that gather many votes at every rotation
    /// (large, or rich in common pair shapes) do not crowd out a mate whose votes agree.
    /// </summary>
    public static float Peak(ReadOnlySpan<ushort> bins)
    {
        var top = Best(bins, out var total);
        return Math.Max(0, top - (total * (2f / Bins)));
    }

    /// <summary>
    /// Best two-bin window of <c>bins[..RotationBins]</c> and the sum of those bins; <paramref name="bins"/>
    /// holds <see cref="Padding"/> more readable values. Bins hold at most <see cref="MaxVotes"/>.
    /// </summary>
    public static int Best(ReadOnlySpan<ushort> bins, out int total)
    {
        if (!Vector256.IsHardwareAccelerated || bins.Length < Bins + Padding)
        {
            total = 0;
            foreach (var b in bins[..Bins])
            {
                total += b;
            }

            return BestScalar(bins[..Bins]);
        }

        // Lane 15 of the last block adds the next finger's first bin: masked out, and the wrapped
        // window (last bin + first bin) is added by hand.
        var last = Vector256.Create((ushort)0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0);
        var (a0, a1, a2, a3) = (Vector256.Create(bins), Vector256.Create(bins[16..]), Vector256.Create(bins[32..]), Vector256.Create(bins[48..]));
        var m = a0 + Vector256.Create(bins[1..]);
        m = Vector256.Max(m, a1 + Vector256.Create(bins[17..]));
        m = Vector256.Max(m, a2 + Vector256.Create(bins[33..]));
        m = Vector256.Max(m, a3 + (Vector256.Create(bins[49..]) & last));
        var (low, high) = Vector256.Widen(a0 + a1 + a2 + a3);
        total = (int)Vector256.Sum(low + high);
        var h = Vector128.Max(m.GetLower(), m.GetUpper());
        var top = bins[Bins - 1] + bins[0];
        for (var i = 0; i < Vector128<ushort>.Count; i++)
        {
            top = Math.Max(top, h[i]);
        }

        return top;
    }

    /// <summary>The first bin of the best window.</summary>
    public static byte BestBin(ReadOnlySpan<ushort> bins)
    {
        var top = -1;
        var topBin = 0;
        for (var b = 0; b < Bins; b++)
        {
            var window = bins[b] + bins[(b + 1) & (Bins - 1)];
            if (window > top)
            {
                top = window;
                topBin = b;
            }
        }

        return (byte)topBin;
    }

    private static int BestScalar(ReadOnlySpan<ushort> bins)
    {
        var top = 0;
        for (var b = 0; b < Bins; b++)
        {
            top = Math.Max(top, bins[b] + bins[(b + 1) & (Bins - 1)]);
        }

        return top;
    }
}
