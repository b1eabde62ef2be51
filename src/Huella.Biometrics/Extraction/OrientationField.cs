namespace Huella.Biometrics.Extraction;

/// <summary>
/// Ridge orientation per block from the pooled gradient moments, smoothed as doubled-angle vectors
/// (so that 0 and π agree) over neighbouring foreground blocks.
/// </summary>
internal sealed class OrientationField
{
    private OrientationField(float[] angle, float[] coherence)
    {
        Angle = angle;
        Coherence = coherence;
    }

    /// <summary>Ridge direction per block, radians in [0, π).</summary>
    public float[] Angle { get; }

    /// <summary>Agreement of the gradients around each block, 0 (none) to 1 (parallel ridges).</summary>
    public float[] Coherence { get; }

    /// <summary>
    /// The field measured again from the gradients of the enhanced image: its angles, with this field's
    /// coherence, which keeps saying how clearly the image itself shows ridges (the enhanced image
    /// is coherent by construction, even over a smudge).
    /// </summary>
    public OrientationField Refine(BlockStatistics enhancedGradients, BlockMask mask) => new(Compute(enhancedGradients, mask).Angle, Coherence);

    public static OrientationField Compute(BlockStatistics stats, BlockMask mask)
    {
        var grid = stats.Grid;
        var n = grid.Count;
        var vx = new float[n];
        var vy = new float[n];
        var coherence = new float[n];
        for (var i = 0; i < n; i++)
        {
            coherence[i] = Segmentation.Coherence(stats, i);
            if (!mask.Blocks[i] || stats.Energy[i] <= 0)
            {
                continue;
            }

            // Unit doubled-angle vector weighted by coherence: smudged blocks vote weakly, strong edges no more than clean ridges.
            vx[i] = stats.Gxx[i] / stats.Energy[i];
            vy[i] = stats.Gxy[i] / stats.Energy[i];
        }

        var columns = grid.Columns;
        var rows = grid.Rows;
        var tx = new float[n];
        var ty = new float[n];
        Span<int> around = stackalloc int[9];
        for (var pass = 0; pass < EngineParameters.OrientationSmoothingPasses; pass++)
        {
            for (var by = 0; by < rows; by++)
            {
                for (var bx = 0; bx < columns; bx++)
                {
                    var i = (by * columns) + bx;
                    if (!mask.Blocks[i])
                    {
                        continue;
                    }

                    float sx = 0, sy = 0;
                    foreach (var k in around[..grid.Neighbours(bx, by, around)])
                    {
                        sx += vx[k];
                        sy += vy[k];
                    }

                    tx[i] = sx;
                    ty[i] = sy;
                }
            }

            (vx, tx) = (tx, vx);
            (vy, ty) = (ty, vy);
        }

        var angle = new float[n];
        for (var i = 0; i < n; i++)
        {
            var a = (0.5f * MathF.Atan2(vy[i], vx[i])) + (MathF.PI / 2);
            angle[i] = a >= MathF.PI ? a - MathF.PI : (a < 0 ? a + MathF.PI : a);
        }

        return new OrientationField(angle, coherence);
    }
}
