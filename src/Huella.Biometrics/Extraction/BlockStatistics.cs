using System.Runtime.Intrinsics;

namespace Huella.Biometrics.Extraction;

/// <summary>
/// Per-block sums of intensity and of the gradient's second moments, pooled over a small window of
/// blocks. Both segmentation and the orientation field are read from these sums.
/// </summary>
internal sealed class BlockStatistics
{
    public BlockStatistics(BlockGrid grid, float[] mean, float[] deviation, float[] gxx, float[] gxy, float[] energy)
    {
        Grid = grid;
        Mean = mean;
        Deviation = deviation;
        Gxx = gxx;
        Gxy = gxy;
        Energy = energy;
    }

    public BlockGrid Grid { get; }

    /// <summary>Mean gray level of the window around each block.</summary>
    public float[] Mean { get; }

    /// <summary>Gray-level standard deviation of the window around each block.</summary>
    public float[] Deviation { get; }

    /// <summary>Σ(gx² − gy²) and Σ2·gx·gy: the doubled-angle gradient vector of the window.</summary>
    public float[] Gxx { get; }

    public float[] Gxy { get; }

    /// <summary>Σ(gx² + gy²): the length the doubled-angle vector would have if all gradients agreed.</summary>
    public float[] Energy { get; }

    public static BlockStatistics Compute(GrayPlane plane)
    {
        var grid = new BlockGrid(plane.Width, plane.Height);
        var n = grid.Count;
        var sum = new double[n];
        var sumSq = new double[n];
        var count = new double[n];
        var gxx = new double[n];
        var gxy = new double[n];
        var energy = new double[n];
        var w = plane.Width;
        var h = plane.Height;
        var p = plane.Pixels;
        var columns = grid.Columns;

        // Gray levels as ints, so that eight of them load as one vector; every sum below is of integers,
        // exact in double, so the vector and the pixel-by-pixel paths agree bit for bit.
        var v = Widen(p);
        for (var by = 0; by < grid.Rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                var b = (by * columns) + bx;
                int x0 = bx * BlockGrid.Size, y0 = by * BlockGrid.Size;
                if (x0 == 0 || y0 == 0 || x0 + BlockGrid.Size >= w || y0 + BlockGrid.Size >= h)
                {
                    for (var y = y0; y < Math.Min(y0 + BlockGrid.Size, h); y++)
                    {
                        for (var x = x0; x < Math.Min(x0 + BlockGrid.Size, w); x++)
                        {
                            AddPixel(v, w, h, x, y, b, sum, sumSq, count, gxx, gxy, energy);
                        }
                    }

                    continue;
                }

                // Sobel on a whole block row at once; lanes are summed once per block.
                Vector256<int> s1 = default, s2 = default, xx = default, xy = default, e = default;
                for (var y = y0; y < y0 + BlockGrid.Size; y++)
                {
                    var row = (y * w) + x0;
                    var up = row - w;
                    var down = row + w;
                    var c = Load(v, row);
                    s1 += c;
                    s2 += c * c;
                    var gx = Load(v, up + 1) + (Load(v, row + 1) * 2) + Load(v, down + 1) - Load(v, up - 1) - (Load(v, row - 1) * 2) - Load(v, down - 1);
                    var gy = Load(v, down - 1) + (Load(v, down) * 2) + Load(v, down + 1) - Load(v, up - 1) - (Load(v, up) * 2) - Load(v, up + 1);
                    xx += (gx * gx) - (gy * gy);
                    xy += gx * gy;
                    e += (gx * gx) + (gy * gy);
                }

                sum[b] = Vector256.Sum(s1);
                sumSq[b] = Vector256.Sum(s2);
                count[b] = BlockGrid.Size * BlockGrid.Size;
                gxx[b] = Vector256.Sum(xx);
                gxy[b] = 2.0 * Vector256.Sum(xy);
                energy[b] = Vector256.Sum(e);
            }
        }

        var pooledSum = Pool(grid, sum);
        var pooledSquares = Pool(grid, sumSq);
        var pooledCount = Pool(grid, count);
        var mean = new float[n];
        var deviation = new float[n];
        for (var i = 0; i < n; i++)
        {
            var m = pooledSum[i] / pooledCount[i];
            mean[i] = (float)m;
            deviation[i] = (float)Math.Sqrt(Math.Max(0, (pooledSquares[i] / pooledCount[i]) - (m * m)));
        }

        return Pooled(grid, mean, deviation, gxx, gxy, energy);
    }

    /// <summary>
    /// The same gradient moments measured on the Gabor-enhanced image (row-major, padded width),
    /// keeping this image's mean and deviation. Dots of a dry print, pores, creases and smudges
    /// disturb gradients of the raw image; the enhanced ridges give the flow without them. The
    /// enhanced image is smooth, so central differences serve, and pixels outside the filtered
    /// blocks (zero) add nothing.
    /// </summary>
    public BlockStatistics WithGradientsOf(float[] enhanced)
    {
        var grid = Grid;
        var n = grid.Count;
        var gxx = new double[n];
        var gxy = new double[n];
        var energy = new double[n];
        var w = grid.PaddedWidth;
        var h = grid.PaddedHeight;
        var columns = grid.Columns;
        for (var y = 1; y < h - 1; y++)
        {
            var row = y * w;
            var blockRow = (y / BlockGrid.Size) * columns;
            Accumulate(enhanced, row, w, 1, Math.Min(BlockGrid.Size, w - 1), blockRow, gxx, gxy, energy);
            for (var bx = 1; bx < columns - 1; bx++)
            {
                // One block row is one vector: the neighbours left, right, above and below, eight pixels at a time.
                var x = row + (bx * BlockGrid.Size);
                var gx = Vector256.Create<float>(enhanced.AsSpan(x + 1)) - Vector256.Create<float>(enhanced.AsSpan(x - 1));
                var gy = Vector256.Create<float>(enhanced.AsSpan(x + w)) - Vector256.Create<float>(enhanced.AsSpan(x - w));
                if (Vector256.EqualsAll(gx, Vector256<float>.Zero) && Vector256.EqualsAll(gy, Vector256<float>.Zero))
                {
                    continue;
                }

                var b = blockRow + bx;
                var xx = gx * gx;
                var yy = gy * gy;
                gxx[b] += Vector256.Sum(xx - yy);
                gxy[b] += 2.0 * Vector256.Sum(gx * gy);
                energy[b] += Vector256.Sum(xx + yy);
            }

            if (columns > 1)
            {
                Accumulate(enhanced, row, w, (columns - 1) * BlockGrid.Size, w - 1, blockRow + columns - 1, gxx, gxy, energy);
            }
        }

        return Pooled(grid, Mean, Deviation, gxx, gxy, energy);
    }

    private static int[] Widen(byte[] pixels)
    {
        var values = new int[pixels.Length];
        var i = 0;
        for (; i <= pixels.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
        {
            var (low, high) = Vector256.Widen(Vector256.Create<byte>(pixels.AsSpan(i)));
            var (a, b) = Vector256.Widen(low);
            var (c, d) = Vector256.Widen(high);
            a.AsInt32().CopyTo(values, i);
            b.AsInt32().CopyTo(values, i + 8);
            c.AsInt32().CopyTo(values, i + 16);
            d.AsInt32().CopyTo(values, i + 24);
        }

        for (; i < pixels.Length; i++)
        {
            values[i] = pixels[i];
        }

        return values;
    }

    private static Vector256<int> Load(int[] values, int index) => Vector256.Create<int>(values.AsSpan(index, Vector256<int>.Count));

    private static void AddPixel(int[] p, int w, int h, int x, int y, int b, double[] sum, double[] sumSq, double[] count, double[] gxx, double[] gxy, double[] energy)
    {
        var row = y * w;
        var value = p[row + x];
        sum[b] += value;
        sumSq[b] += value * value;
        count[b]++;
        if (x == 0 || x == w - 1 || y == 0 || y == h - 1)
        {
            return;
        }

        var up = row - w;
        var down = row + w;
        var gx = p[up + x + 1] + (2 * p[row + x + 1]) + p[down + x + 1] - p[up + x - 1] - (2 * p[row + x - 1]) - p[down + x - 1];
        var gy = p[down + x - 1] + (2 * p[down + x]) + p[down + x + 1] - p[up + x - 1] - (2 * p[up + x]) - p[up + x + 1];
        gxx[b] += (gx * gx) - (gy * gy);
        gxy[b] += 2.0 * gx * gy;
        energy[b] += (gx * gx) + (gy * gy);
    }

    // The image's first and last block columns, pixel by pixel: their outermost pixels have no neighbour.
    private static void Accumulate(float[] enhanced, int row, int w, int from, int to, int block, double[] gxx, double[] gxy, double[] energy)
    {
        for (var x = row + from; x < row + to; x++)
        {
            var gx = enhanced[x + 1] - enhanced[x - 1];
            var gy = enhanced[x + w] - enhanced[x - w];
            gxx[block] += (gx * gx) - (gy * gy);
            gxy[block] += 2.0 * gx * gy;
            energy[block] += (gx * gx) + (gy * gy);
        }
    }

    // Sums over the window of blocks around each block (3×3 with the default radius), clipped at the image edge.
    private static double[] Pool(BlockGrid grid, double[] values)
    {
        var pooled = new double[grid.Count];
        var r = EngineParameters.StatsRadius;
        var columns = grid.Columns;
        for (var by = 0; by < grid.Rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                double total = 0;
                for (var yy = Math.Max(by - r, 0); yy <= Math.Min(by + r, grid.Rows - 1); yy++)
                {
                    for (var xx = Math.Max(bx - r, 0); xx <= Math.Min(bx + r, columns - 1); xx++)
                    {
                        total += values[(yy * columns) + xx];
                    }
                }

                pooled[(by * columns) + bx] = total;
            }
        }

        return pooled;
    }

    private static BlockStatistics Pooled(BlockGrid grid, float[] mean, float[] deviation, double[] gxx, double[] gxy, double[] energy) =>
        new(grid, mean, deviation, Array.ConvertAll(Pool(grid, gxx), v => (float)v), Array.ConvertAll(Pool(grid, gxy), v => (float)v), Array.ConvertAll(Pool(grid, energy), v => (float)v));
}
