using System.Numerics;
using System.Runtime.InteropServices;

namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// The WSQ wavelet packet transform: each split of <see cref="WsqSubbands"/> filters its region
/// along rows and columns with the 9/7 filter bank. Encoding applies the splits in order
/// (rows, then columns); decoding undoes them in reverse (columns, then rows).
/// </summary>
internal static class WsqWavelet
{
    /// <summary>Transforms <paramref name="image"/> in place; <paramref name="scratch"/> holds one region.</summary>
    public static void Decompose(float[] image, int width, WsqSubbands layout, WsqTransformTable filters, float[] scratch)
    {
        var plans = new Dictionary<(int, bool), WsqLinePlan>();
        foreach (var split in layout.Splits)
        {
            var r = split.Region;
            var rows = Plan(plans, r.Width, split.InvertRows, analysis: true, filters);
            var columns = Plan(plans, r.Height, split.InvertColumns, analysis: true, filters);
            var origin = (r.Y * width) + r.X;
            FilterRows(image, origin, width, scratch, 0, r.Width, r.Width, r.Height, rows);
            FilterColumns(scratch, 0, r.Width, image, origin, width, r.Width, columns);
        }
    }

    /// <summary>Inverse of <see cref="Decompose"/>, in place.</summary>
    public static void Reconstruct(float[] image, int width, WsqSubbands layout, WsqTransformTable filters, float[] scratch)
    {
        var plans = new Dictionary<(int, bool), WsqLinePlan>();
        for (var i = layout.Splits.Length - 1; i >= 0; i--)
        {
            var split = layout.Splits[i];
            var r = split.Region;
            var columns = Plan(plans, r.Height, split.InvertColumns, analysis: false, filters);
            var rows = Plan(plans, r.Width, split.InvertRows, analysis: false, filters);
            var origin = (r.Y * width) + r.X;
            FilterColumns(image, origin, width, scratch, 0, r.Width, r.Width, columns);
            FilterRows(scratch, 0, r.Width, image, origin, width, r.Width, r.Height, rows);
        }
    }

    private static WsqLinePlan Plan(Dictionary<(int, bool), WsqLinePlan> plans, int length, bool inverted, bool analysis, WsqTransformTable filters)
    {
        if (!plans.TryGetValue((length, inverted), out var plan))
        {
            plan = analysis
                ? WsqLinePlan.Analysis(length, inverted, filters.AnalysisLow, filters.AnalysisHigh)
                : WsqLinePlan.Synthesis(length, inverted, filters.SynthesisLow, filters.SynthesisHigh);
            plans.Add((length, inverted), plan);
        }

        return plan;
    }

    /// <summary>Filters each of <paramref name="count"/> rows of <paramref name="length"/> samples.</summary>
    private static void FilterRows(float[] source, int sourceOrigin, int sourceStride, float[] target, int targetOrigin, int targetStride, int length, int count, WsqLinePlan plan)
    {
        var start = plan.Start;
        var index = plan.Source;
        var weight = plan.Weight;
        for (var y = 0; y < count; y++)
        {
            var input = source.AsSpan(sourceOrigin + (y * sourceStride), length);
            var output = target.AsSpan(targetOrigin + (y * targetStride), length);
            for (var n = 0; n < length; n++)
            {
                var k = start[n];
                var end = start[n + 1];
                var sum = input[index[k]] * weight[k];
                for (k++; k < end; k++)
                {
                    sum += input[index[k]] * weight[k];
                }

                output[n] = sum;
            }
        }
    }

    /// <summary>
    /// Filters all columns of a region at once: each output row is a weighted sum of input rows,
    /// which vectorizes across the row while keeping every pixel's order of operations.
    /// </summary>
    private static void FilterColumns(float[] source, int sourceOrigin, int sourceStride, float[] target, int targetOrigin, int targetStride, int width, WsqLinePlan plan)
    {
        var start = plan.Start;
        var index = plan.Source;
        var weight = plan.Weight;
        for (var n = 0; n < plan.Length; n++)
        {
            var output = target.AsSpan(targetOrigin + (n * targetStride), width);
            var k = start[n];
            Scale(source.AsSpan(sourceOrigin + (index[k] * sourceStride), width), weight[k], output);
            for (k++; k < start[n + 1]; k++)
            {
                AddScaled(source.AsSpan(sourceOrigin + (index[k] * sourceStride), width), weight[k], output);
            }
        }
    }

    private static void Scale(ReadOnlySpan<float> input, float weight, Span<float> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && input.Length >= Vector<float>.Count)
        {
            var w = new Vector<float>(weight);
            var inputs = MemoryMarshal.Cast<float, Vector<float>>(input);
            var outputs = MemoryMarshal.Cast<float, Vector<float>>(output);
            for (var v = 0; v < inputs.Length; v++)
            {
                outputs[v] = inputs[v] * w;
            }

            i = inputs.Length * Vector<float>.Count;
        }

        for (; i < input.Length; i++)
        {
            output[i] = input[i] * weight;
        }
    }

    private static void AddScaled(ReadOnlySpan<float> input, float weight, Span<float> output)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && input.Length >= Vector<float>.Count)
        {
            var w = new Vector<float>(weight);
            var inputs = MemoryMarshal.Cast<float, Vector<float>>(input);
            var outputs = MemoryMarshal.Cast<float, Vector<float>>(output);
            for (var v = 0; v < inputs.Length; v++)
            {
                // Multiply, then add: separate roundings, never a fused multiply-add, so the
                // result matches the scalar reference exactly.
                var product = inputs[v] * w;
                outputs[v] += product;
            }

            i = inputs.Length * Vector<float>.Count;
        }

        for (; i < input.Length; i++)
        {
            output[i] += input[i] * weight;
        }
    }
}
