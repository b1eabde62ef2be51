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

        for (var y = 0; y < h; y++)
        {
            var row = y * w;
            var blockRow = (y / BlockGrid.Size) * columns;
            var up = Math.Max(y - 1, 0) * w;
            var down = Math.Min(y + 1, h - 1) * w;
            for (var x = 0; x < w; x++)
            {
                var b = blockRow + (x / BlockGrid.Size);
                int v = p[row + x];
                sum[b] += v;
                sumSq[b] += v * v;
                count[b]++;
                if (x == 0 || x == w - 1 || y == 0 || y == h - 1)
                {
                    continue;
                }

                // Sobel.
                var gx = p[up + x + 1] + (2 * p[row + x + 1]) + p[down + x + 1] - p[up + x - 1] - (2 * p[row + x - 1]) - p[down + x - 1];
                var gy = p[down + x - 1] + (2 * p[down + x]) + p[down + x + 1] - p[up + x - 1] - (2 * p[up + x]) - p[up + x + 1];
                gxx[b] += (gx * gx) - (gy * gy);
                gxy[b] += 2.0 * gx * gy;
                energy[b] += (gx * gx) + (gy * gy);
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
            for (var x = 1; x < w - 1; x++)
            {
                var gx = enhanced[row + x + 1] - enhanced[row + x - 1];
                var gy = enhanced[row + w + x] - enhanced[row - w + x];
                if (gx == 0 && gy == 0)
                {
                    continue;
                }

                var b = blockRow + (x / BlockGrid.Size);
                gxx[b] += (gx * gx) - (gy * gy);
                gxy[b] += 2.0 * gx * gy;
                energy[b] += (gx * gx) + (gy * gy);
            }
        }

        var (pooledXx, pooledXy, pooledEnergy) = PoolGradients(grid, gxx, gxy, energy);
        return new BlockStatistics(grid, Mean, Deviation, pooledXx, pooledXy, pooledEnergy);
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
