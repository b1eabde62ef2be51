using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Huella.Biometrics.Matching;

/// <summary>
/// How far the relaxation's pair distances disagree, for one row of the compatibility matrix: the
/// candidate's distance from one minutia to each of the others against the probe's, in
/// <see cref="RelaxationTables.DistanceSteps"/> per pixel, capped at the distance table's last entry.
/// Eight at a time where vectors are fast: every vector operation (the square root included) rounds
/// exactly as its scalar form, so both paths give the same steps.
/// </summary>
internal static class DistanceSteps
{
    /// <summary>
    /// Fills <paramref name="steps"/>[k] for k in [<paramref name="from"/>, length) from the candidate
    /// points (<paramref name="xs"/>, <paramref name="ys"/>) seen from (<paramref name="x0"/>,
    /// <paramref name="y0"/>) and the probe's distances <paramref name="probeDistances"/>[k].
    /// </summary>
    public static void Row(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, ReadOnlySpan<float> probeDistances, float x0, float y0, int from, Span<int> steps, bool vectorized)
    {
        var length = xs.Length;
        ArgumentOutOfRangeException.ThrowIfLessThan(ys.Length, length);
        ArgumentOutOfRangeException.ThrowIfLessThan(probeDistances.Length, length);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps.Length, length);
        ArgumentOutOfRangeException.ThrowIfNegative(from);
        Row(ref MemoryMarshal.GetReference(xs), ref MemoryMarshal.GetReference(ys), ref MemoryMarshal.GetReference(probeDistances), x0, y0, from, length, ref MemoryMarshal.GetReference(steps), vectorized);
    }

    /// <summary>The same on arrays the caller has sized: every reference must hold <paramref name="length"/> elements.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row(ref float x, ref float y, ref float probe, float x0, float y0, int from, int length, ref int step, bool vectorized)
    {
        var last = RelaxationTables.Distance.Length - 1;
        var k = from;
        if (vectorized && Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x0);
            var vy = Vector256.Create(y0);
            var cap = Vector256.Create(last);
            for (; k + Vector256<float>.Count <= length; k += Vector256<float>.Count)
            {
                var dx = Vector256.LoadUnsafe(ref x, (nuint)k) - vx;
                var dy = Vector256.LoadUnsafe(ref y, (nuint)k) - vy;
                var candidate = Vector256.Sqrt((dx * dx) + (dy * dy));
                var quantized = Vector256.ConvertToInt32(Vector256.Abs(Vector256.LoadUnsafe(ref probe, (nuint)k) - candidate) * RelaxationTables.DistanceSteps);
                Vector256.Min(quantized, cap).StoreUnsafe(ref step, (nuint)k);
            }
        }

        for (; k < length; k++)
        {
            float dx = Unsafe.Add(ref x, k) - x0, dy = Unsafe.Add(ref y, k) - y0;
            var candidate = MathF.Sqrt((dx * dx) + (dy * dy));
            var quantized = (int)(MathF.Abs(Unsafe.Add(ref probe, k) - candidate) * RelaxationTables.DistanceSteps);
            Unsafe.Add(ref step, k) = Math.Min(quantized, last);
        }
    }
}
