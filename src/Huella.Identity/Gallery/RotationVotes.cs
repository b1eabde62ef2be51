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

    /// <summary>Best two-bin window of <c>bins[..RotationBins]</c>; <paramref name="bins"/> holds <see cref="Padding"/> more readable values. Bins hold at most short.MaxValue, so window sums never wrap.</summary>
    public static int Best(ReadOnlySpan<ushort> bins)
    {
        if (!Vector256.IsHardwareAccelerated || bins.Length < Bins + Padding)
        {
            return BestScalar(bins[..Bins]);
        }

        // Lane 15 of the last block adds the next finger's first bin: masked out, and the wrapped
        // window (last bin + first bin) is added by hand.
        var last = Vector256.Create((ushort)0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF, 0);
        var m = Vector256.Create(bins) + Vector256.Create(bins[1..]);
        m = Vector256.Max(m, Vector256.Create(bins[16..]) + Vector256.Create(bins[17..]));
        m = Vector256.Max(m, Vector256.Create(bins[32..]) + Vector256.Create(bins[33..]));
        m = Vector256.Max(m, Vector256.Create(bins[48..]) + (Vector256.Create(bins[49..]) & last));
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
