namespace Huella.Biometrics.Extraction;

/// <summary>
/// How strongly each block answers its tuned Gabor filter, pooled over 3×3 blocks and divided by the
/// print's median: clear ridges answer strongly, creases, scars and smudges weakly. Minutiae in
/// unclear blocks are mostly false.
/// </summary>
internal static class RidgeClarity
{
    public static float[] Compute(float[] enhanced, BlockGrid grid, BlockMask mask)
    {
        var n = grid.Count;
        var raw = new float[n];
        var width = grid.PaddedWidth;
        for (var by = 0; by < grid.Rows; by++)
        {
            for (var bx = 0; bx < grid.Columns; bx++)
            {
                var b = (by * grid.Columns) + bx;
                if (!mask.Blocks[b])
                {
                    continue;
                }

                var sum = 0f;
                for (var y = by * BlockGrid.Size; y < (by + 1) * BlockGrid.Size; y++)
                {
                    var row = enhanced.AsSpan((y * width) + (bx * BlockGrid.Size), BlockGrid.Size);
                    foreach (var v in row)
                    {
                        sum += MathF.Abs(v);
                    }
                }

                raw[b] = sum / (BlockGrid.Size * BlockGrid.Size);
            }
        }

        var pooled = new float[n];
        var values = new List<float>();
        Span<int> around = stackalloc int[9];
        for (var by = 0; by < grid.Rows; by++)
        {
            for (var bx = 0; bx < grid.Columns; bx++)
            {
                var b = (by * grid.Columns) + bx;
                if (!mask.Blocks[b])
                {
                    continue;
                }

                float sum = 0;
                var count = 0;
                foreach (var k in around[..grid.Neighbours(bx, by, around)])
                {
                    if (mask.Blocks[k])
                    {
                        sum += raw[k];
                        count++;
                    }
                }

                pooled[b] = sum / count;
                values.Add(pooled[b]);
            }
        }

        if (values.Count == 0)
        {
            return pooled;
        }

        values.Sort();
        var median = Math.Max(values[values.Count / 2], 1e-6f);
        for (var i = 0; i < n; i++)
        {
            pooled[i] /= median;
        }

        return pooled;
    }
}
