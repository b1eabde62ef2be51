namespace Huella.Biometrics.Extraction;

/// <summary>
/// Local zero-mean, unit-deviation image: pressure, dryness and sensor gain change the gray levels,
/// not the ridges. Written into a zero-padded buffer the Gabor stage reads without bounds checks.
/// </summary>
internal static class ContrastNormalizer
{
    public static PaddedImage Compute(GrayPlane plane, BlockStatistics stats, BlockMask mask, int pad)
    {
        var grid = stats.Grid;
        var image = new PaddedImage(grid.PaddedWidth, grid.PaddedHeight, pad);
        var columns = grid.Columns;
        var rows = grid.Rows;
        var w = plane.Width;
        var near = new bool[grid.Count];
        Span<int> around = stackalloc int[9];
        for (var by = 0; by < rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                var any = false;
                foreach (var k in around[..grid.Neighbours(bx, by, around)])
                {
                    any |= mask.Blocks[k];
                }

                near[(by * columns) + bx] = any;
            }
        }

        // Block columns and weights depend on x only: computed once, not once per pixel.
        var columns0 = new int[w];
        var columns1 = new int[w];
        var weights = new float[w];
        for (var x = 0; x < w; x++)
        {
            var fx = Math.Clamp(((x + 0.5f) / BlockGrid.Size) - 0.5f, 0, columns - 1);
            columns0[x] = (int)fx;
            columns1[x] = Math.Min(columns0[x] + 1, columns - 1);
            weights[x] = fx - columns0[x];
        }

        var means = stats.Mean;
        var deviations = stats.Deviation;
        for (var y = 0; y < plane.Height; y++)
        {
            // Bilinear interpolation of block mean and deviation between block centres avoids block seams.
            var fy = Math.Clamp(((y + 0.5f) / BlockGrid.Size) - 0.5f, 0, rows - 1);
            var y0 = (int)fy;
            var y1 = Math.Min(y0 + 1, rows - 1);
            var wy = fy - y0;
            var rowOut = image.Data.AsSpan(image.IndexOf(0, y), w);
            var rowIn = plane.Pixels.AsSpan(y * w, w);
            var nearRow = near.AsSpan((y / BlockGrid.Size) * columns, columns);
            var top = y0 * columns;
            var bottom = y1 * columns;
            for (var x = 0; x < rowOut.Length; x++)
            {
                // Keep one ring of blocks around the mask: the Gabor filter needs context at the border.
                if (!nearRow[x / BlockGrid.Size])
                {
                    continue;
                }

                int x0 = columns0[x], x1 = columns1[x];
                var wx = weights[x];
                var m = Lerp(means, top, bottom, x0, x1, wx, wy);
                var d = Lerp(deviations, top, bottom, x0, x1, wx, wy);
                rowOut[x] = (rowIn[x] - m) / Math.Max(d, 4f);
            }
        }

        return image;
    }

    private static float Lerp(float[] values, int top, int bottom, int x0, int x1, float wx, float wy)
    {
        var upper = values[top + x0] + (wx * (values[top + x1] - values[top + x0]));
        var lower = values[bottom + x0] + (wx * (values[bottom + x1] - values[bottom + x0]));
        return upper + (wy * (lower - upper));
    }
}

/// <summary>A float image with a zero border of <see cref="Pad"/> pixels on every side.</summary>
internal sealed class PaddedImage
{
    public PaddedImage(int width, int height, int pad)
    {
        Width = width;
        Height = height;
        Pad = pad;
        Stride = width + (2 * pad) + 8;
        Data = new float[Stride * (height + (2 * pad))];
    }

    public int Width { get; }

    public int Height { get; }

    public int Pad { get; }

    public int Stride { get; }

    public float[] Data { get; }

    public int IndexOf(int x, int y) => ((y + Pad) * Stride) + x + Pad;
}
