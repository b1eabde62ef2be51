using System.Numerics;

namespace Huella.Biometrics;

/// <summary>Small vector kernels shared by the extraction and matching stages.</summary>
internal static class VectorMath
{
    /// <summary>Σ x[k]·y[k], a hardware vector at a time with a scalar tail (summation order fixed, so results repeat).</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var acc = Vector<float>.Zero;
        var k = 0;
        for (; k <= x.Length - Vector<float>.Count; k += Vector<float>.Count)
        {
            acc += new Vector<float>(x[k..]) * new Vector<float>(y[k..]);
        }

        var sum = Vector.Sum(acc);
        for (; k < x.Length; k++)
        {
            sum += x[k] * y[k];
        }

        return sum;
    }
}
