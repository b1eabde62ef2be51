using System.Collections.Concurrent;
using System.Numerics;

namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// The WSQ wavelet packet transform: each split of <see cref="WsqSubbands"/> filters its region
/// along rows and columns with the 9/7 filter bank. Encoding applies the splits in order
/// (rows, then columns); decoding undoes them in reverse (columns, then rows).
/// </summary>
internal static class WsqWavelet
{
    private const int MaxCachedPlans = 1024;

    private static readonly ConcurrentDictionary<(int Length, bool Inverted, bool Analysis), WsqLinePlan> StandardPlans = new();

    /// <summary>
    /// Transforms <paramref name="image"/> in place; <paramref name="scratch"/> and
    /// <paramref name="scratch2"/> each hold one image.
    /// </summary>
    public static void Decompose(float[] image, int width, WsqSubbands layout, WsqTransformTable filters, float[] scratch, float[] scratch2)
    {
        foreach (var split in layout.Splits)
        {
            var r = split.Region;
            var rows = Plan(r.Width, split.InvertRows, analysis: true, filters);
            var columns = Plan(r.Height, split.InvertColumns, analysis: true, filters);
            var origin = (r.Y * width) + r.X;

            // Rows are filtered as the columns of the transposed region, where whole rows of
            // samples can be processed with vector instructions.
            Transpose(image, origin, width, scratch, 0, r.Height, r.Width, r.Height);
            FilterColumns(scratch, 0, r.Height, scratch2, 0, r.Height, r.Height, rows);
            Transpose(scratch2, 0, r.Height, scratch, 0, r.Width, r.Height, r.Width);
            FilterColumns(scratch, 0, r.Width, image, origin, width, r.Width, columns);
        }
    }

    /// <summary>Inverse of <see cref="Decompose"/>, in place.</summary>
    public static void Reconstruct(float[] image, int width, WsqSubbands layout, WsqTransformTable filters, float[] scratch, float[] scratch2)
    {
        for (var i = layout.Splits.Length - 1; i >= 0; i--)
        {
            var split = layout.Splits[i];
            var r = split.Region;
            var columns = Plan(r.Height, split.InvertColumns, analysis: false, filters);
            var rows = Plan(r.Width, split.InvertRows, analysis: false, filters);
            var origin = (r.Y * width) + r.X;
            FilterColumns(image, origin, width, scratch, 0, r.Width, r.Width, columns);
            Transpose(scratch, 0, r.Width, scratch2, 0, r.Height, r.Width, r.Height);
            FilterColumns(scratch2, 0, r.Height, scratch, 0, r.Height, r.Height, rows);
            Transpose(scratch, 0, r.Height, image, origin, width, r.Height, r.Width);
        }
    }

    /// <summary>
    /// Writes the transpose of a <paramref name="width"/> x <paramref name="height"/> block, in
    /// small tiles so that both the rows read and the columns written stay in cache.
    /// </summary>
    private static void Transpose(float[] source, int sourceOrigin, int sourceStride, float[] target, int targetOrigin, int targetStride, int width, int height)
    {
        const int Tile = 16;
        for (var y0 = 0; y0 < height; y0 += Tile)
        {
            var y1 = Math.Min(y0 + Tile, height);
            for (var x0 = 0; x0 < width; x0 += Tile)
            {
                var x1 = Math.Min(x0 + Tile, width);
                for (var y = y0; y < y1; y++)
                {
                    var row = source.AsSpan(sourceOrigin + (y * sourceStride) + x0, x1 - x0);
                    var at = targetOrigin + (x0 * targetStride) + y;
                    foreach (var value in row)
                    {
                        target[at] = value;
                        at += targetStride;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Plans depend only on line length, inversion and filters. Nearly every file uses the
    /// standard filters and scanners produce few image sizes, so those plans are kept.
    /// </summary>
    private static WsqLinePlan Plan(int length, bool inverted, bool analysis, WsqTransformTable filters)
    {
        var key = (length, inverted, analysis);
        if (ReferenceEquals(filters, WsqTransformTable.Standard) && StandardPlans.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var plan = analysis
            ? WsqLinePlan.Analysis(length, inverted, filters.AnalysisLow, filters.AnalysisHigh)
            : WsqLinePlan.Synthesis(length, inverted, filters.SynthesisLow, filters.SynthesisHigh);
        if (ReferenceEquals(filters, WsqTransformTable.Standard))
        {
            if (StandardPlans.Count >= MaxCachedPlans)
            {
                StandardPlans.Clear();
            }

            StandardPlans.TryAdd(key, plan);
        }

        return plan;
    }

    /// <summary>
    /// Filters all columns of a region at once: each output row is a weighted sum of input rows,
    /// which vectorizes across the row while keeping every pixel's order of operations. Products
    /// are rounded before they are added (never a fused multiply-add), as in the scalar reference.
    /// </summary>
    private static void FilterColumns(float[] source, int sourceOrigin, int sourceStride, float[] target, int targetOrigin, int targetStride, int width, WsqLinePlan plan)
    {
        var start = plan.Start;
        var index = plan.Source;
        var weight = plan.Weight;
        var lanes = Vector<float>.Count;
        var vectorEnd = Vector.IsHardwareAccelerated ? width - (width % lanes) : 0;

        for (var n = 0; n < plan.Length; n++)
        {
            var first = start[n];
            var end = start[n + 1];
            var output = target.AsSpan(targetOrigin + (n * targetStride), width);
            var x = 0;
            for (; x < vectorEnd; x += lanes)
            {
                var sum = new Vector<float>(source.AsSpan(sourceOrigin + (index[first] * sourceStride) + x, lanes)) * weight[first];
                for (var k = first + 1; k < end; k++)
                {
                    var product = new Vector<float>(source.AsSpan(sourceOrigin + (index[k] * sourceStride) + x, lanes)) * weight[k];
                    sum += product;
                }

                sum.CopyTo(output[x..]);
            }

            for (; x < width; x++)
            {
                var sum = source[sourceOrigin + (index[first] * sourceStride) + x] * weight[first];
                for (var k = first + 1; k < end; k++)
                {
                    sum += source[sourceOrigin + (index[k] * sourceStride) + x] * weight[k];
                }

                output[x] = sum;
            }
        }
    }
}
