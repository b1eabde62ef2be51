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
        var count = new int[n];
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

        var (mean, deviation) = PoolMoments(grid, sum, sumSq, count);
        var (pooledXx, pooledXy, pooledEnergy) = PoolGradients(grid, gxx, gxy, energy);
        return new BlockStatistics(grid, mean, deviation, pooledXx, pooledXy, pooledEnergy);
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

        var (pooledXx, pooledXy, pooledEnergy) = PoolGradients(grid, gxx, gxy, energy);
        return new BlockStatistics(grid, Mean, Deviation, pooledXx, pooledXy, pooledEnergy);
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

    private static void AddPixel(int[] p, int w, int h, int x, int y, int b, double[] sum, double[] sumSq, int[] count, double[] gxx, double[] gxy, double[] energy)
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

    private static (float[] Mean, float[] Deviation) PoolMoments(BlockGrid grid, double[] sum, double[] sumSq, int[] count)
    {
        var n = grid.Count;
        var mean = new float[n];
        var deviation = new float[n];
        var r = EngineParameters.StatsRadius;
        var columns = grid.Columns;
        for (var by = 0; by < grid.Rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                double s = 0, s2 = 0, c = 0;
                for (var dy = -r; dy <= r; dy++)
                {
                    var yy = by + dy;
                    if (yy < 0 || yy >= grid.Rows)
                    {
                        continue;
                    }

                    for (var dx = -r; dx <= r; dx++)
                    {
                        var xx2 = bx + dx;
                        if (xx2 < 0 || xx2 >= columns)
                        {
                            continue;
                        }

                        var k = (yy * columns) + xx2;
                        s += sum[k];
                        s2 += sumSq[k];
                        c += count[k];
                    }
                }

                var i = (by * columns) + bx;
                var m = s / c;
                mean[i] = (float)m;
                deviation[i] = (float)Math.Sqrt(Math.Max(0, (s2 / c) - (m * m)));
            }
        }

        return (mean, deviation);
    }

    private static (float[] Xx, float[] Xy, float[] Energy) PoolGradients(BlockGrid grid, double[] gxx, double[] gxy, double[] energy)
    {
        var n = grid.Count;
        var pooledXx = new float[n];
        var pooledXy = new float[n];
        var pooledEnergy = new float[n];
        var r = EngineParameters.StatsRadius;
        var columns = grid.Columns;
        for (var by = 0; by < grid.Rows; by++)
        {
            for (var bx = 0; bx < columns; bx++)
            {
                double xx = 0, xy = 0, e = 0;
                for (var dy = -r; dy <= r; dy++)
                {
                    var yy = by + dy;
                    if (yy < 0 || yy >= grid.Rows)
                    {
                        continue;
                    }

                    for (var dx = -r; dx <= r; dx++)
                    {
                        var xx2 = bx + dx;
                        if (xx2 < 0 || xx2 >= columns)
                        {
                            continue;
                        }

                        var k = (yy * columns) + xx2;
                        xx += gxx[k];
                        xy += gxy[k];
                        e += energy[k];
                    }
                }

                var i = (by * columns) + bx;
                pooledXx[i] = (float)xx;
                pooledXy[i] = (float)xy;
                pooledEnergy[i] = (float)e;
            }
        }

        return (pooledXx, pooledXy, pooledEnergy);
    }
}
