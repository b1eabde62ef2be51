using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Huella.Research.Synthesis;

/// <summary>
/// Grows the master ridge pattern as SFinGe does: random impulses filtered over and over by the
/// Gabor kernel of each pixel's own orientation and period, amplified and clipped to [-1, 1] each
/// time. Every impulse spreads into a patch of parallel ridges; where patches meet out of phase
/// the ridges end or fork, which is how the minutiae appear. Seeds are a jittered grid (about one
/// per <see cref="SynthesisParameters.GrowthSeedSpacing"/>² pixels) rather than a handful, so the
/// area fills in a bounded number of passes.
/// </summary>
internal static class RidgeGrowth
{
    /// <summary>Ridge map over the master canvas: about +1 on ridges, -1 in valleys, 0 off the finger.</summary>
    public static float[] Grow(
        MasterLayout layout,
        float[] orientation,
        float[] period,
        SynthesisParameters parameters,
        SynthesisRandom random,
        out int iterations)
    {
        var bank = GrowthKernels.For(parameters);
        var width = parameters.MasterWidth;
        var height = parameters.MasterHeight;
        var r = bank.Radius;
        var stride = width + bank.Stride + (2 * r);
        var padded = stride * (height + (2 * r) + 1);

        // Grow a little beyond the outline so ridges run right to the edge of the pad.
        var silhouette = layout.Silhouette;
        var margin = 1 + ((r + 4) / Math.Min(silhouette.HalfWidth, silhouette.HalfHeight));
        var patchStart = new List<int>();
        var kernelStart = new List<int>();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (silhouette.Level(x, y) <= margin)
                {
                    var i = (y * width) + x;
                    patchStart.Add((y * stride) + x);
                    kernelStart.Add(bank.KernelOffset(orientation[i], period[i]));
                }
            }
        }

        var patches = CollectionsMarshal.AsSpan(patchStart);
        var kernels = CollectionsMarshal.AsSpan(kernelStart);
        var centre = (r * stride) + r;
        var current = new float[padded];
        var next = new float[padded];
        foreach (var (x, y) in Seeds(width, height, parameters.GrowthSeedSpacing, random))
        {
            if (silhouette.Level(x, y) <= margin)
            {
                current[((y + r) * stride) + x + r] = random.NextDouble() < 0.5 ? -1 : 1;
            }
        }

        var gain = (float)parameters.GrowthGain;
        var previousFilled = 0.0;
        var settle = -1;
        iterations = 0;
        while (iterations < parameters.GrowthMaxIterations && settle != 0)
        {
            var filled = Filter(current, next, patches, kernels, bank, stride, centre, gain) / (double)patches.Length;
            (current, next) = (next, current);
            iterations++;
            if (settle > 0)
            {
                settle--;
            }
            else if (settle < 0 && filled > 0.5 && filled - previousFilled < 0.01)
            {
                settle = parameters.GrowthSettleIterations;
            }

            previousFilled = filled;
        }

        // A last pass at unit gain rounds the clipped square wave into a smooth ridge profile,
        // so impressions can make ridges thinner or thicker by moving a threshold.
        Filter(current, next, patches, kernels, bank, stride, centre, 1);
        var ridges = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            next.AsSpan(((y + r) * stride) + r, width).CopyTo(ridges.AsSpan(y * width, width));
        }

        return ridges;
    }

    /// <summary>One pass; returns how many pixels are saturated (|value| &gt; 0.5), the fill measure.</summary>
    private static int Filter(
        float[] source,
        float[] target,
        ReadOnlySpan<int> patches,
        ReadOnlySpan<int> kernels,
        GrowthKernels bank,
        int stride,
        int centre,
        float gain)
    {
        ref var image = ref MemoryMarshal.GetArrayDataReference(source);
        ref var bankStart = ref MemoryMarshal.GetArrayDataReference(bank.Kernels);
        var rows = bank.Size;
        var vectors = bank.Stride / Vector256<float>.Count;
        var saturated = 0;
        for (var p = 0; p < patches.Length; p++)
        {
            var imageOffset = (nuint)patches[p];
            var kernelOffset = (nuint)kernels[p];
            var sum = Vector256<float>.Zero;
            for (var row = 0; row < rows; row++)
            {
                for (var v = 0; v < vectors; v++)
                {
                    var step = (nuint)(v * Vector256<float>.Count);
                    // Multiply then add, never fused: identical results on every CPU.
                    sum += Vector256.LoadUnsafe(ref image, imageOffset + step) * Vector256.LoadUnsafe(ref bankStart, kernelOffset + step);
                }

                imageOffset += (nuint)stride;
                kernelOffset += (nuint)bank.Stride;
            }

            var value = Math.Clamp(Vector256.Sum(sum) * gain, -1f, 1f);
            target[patches[p] + centre] = value;
            if (Math.Abs(value) > 0.5f)
            {
                saturated++;
            }
        }

        return saturated;
    }

    private static IEnumerable<(int X, int Y)> Seeds(int width, int height, double spacing, SynthesisRandom random)
    {
        for (var top = 0.0; top < height; top += spacing)
        {
            for (var left = 0.0; left < width; left += spacing)
            {
                var x = (int)(left + (random.NextDouble() * spacing));
                var y = (int)(top + (random.NextDouble() * spacing));
                if (x < width && y < height)
                {
                    yield return (x, y);
                }
            }
        }
    }
}
