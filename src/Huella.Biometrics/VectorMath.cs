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

    /// <summary>Two dot products with one shared vector, each summed exactly as <see cref="Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> sums it.</summary>
    public static (float First, float Second) Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> x2, ReadOnlySpan<float> y)
    {
        var acc = Vector<float>.Zero;
        var acc2 = Vector<float>.Zero;
        var k = 0;
        for (; k <= x.Length - Vector<float>.Count; k += Vector<float>.Count)
        {
            var yk = new Vector<float>(y[k..]);
            acc += new Vector<float>(x[k..]) * yk;
            acc2 += new Vector<float>(x2[k..]) * yk;
        }

        var sum = Vector.Sum(acc);
        var sum2 = Vector.Sum(acc2);
        for (; k < x.Length; k++)
        {
            sum += x[k] * y[k];
            sum2 += x2[k] * y[k];
        }

        return (sum, sum2);
    }
}
