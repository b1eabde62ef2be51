namespace Huella.Biometrics.Extraction;

/// <summary>
/// The ridge period of the print: across-ridge intensity profiles ("x-signatures") sampled on clear
/// blocks, peak spacing measured on each, the median kept. One value per print is enough to pick the
/// Gabor kernels; local variation is small next to the filter's bandwidth.
/// </summary>
internal static class RidgeFrequency
{
    public static float EstimatePeriod(PaddedImage image, BlockGrid grid, BlockMask mask, OrientationField field)
    {
        const int Across = EngineParameters.FrequencyWindowAcross;
        const int Along = EngineParameters.FrequencyWindowAlong;
        Span<float> signature = stackalloc float[Across];
        var periods = new List<float>();
        for (var by = 1; by < grid.Rows - 1; by += 2)
        {
            for (var bx = 1; bx < grid.Columns - 1; bx += 2)
            {
                var b = (by * grid.Columns) + bx;
                if (!mask.Blocks[b] || field.Coherence[b] < 0.5f)
                {
                    continue;
                }

                var cx = (bx * BlockGrid.Size) + (BlockGrid.Size / 2f);
                var cy = (by * BlockGrid.Size) + (BlockGrid.Size / 2f);
                var (sin, cos) = MathF.SinCos(field.Angle[b]);
                var inside = true;
                for (var k = 0; k < Across && inside; k++)
                {
                    var sum = 0f;
                    var o = k - (Across / 2);
                    for (var j = -Along / 2; j < Along / 2; j++)
                    {
                        var x = (int)MathF.Round(cx - (o * sin) + (j * cos));
                        var y = (int)MathF.Round(cy + (o * cos) + (j * sin));
                        if (x < 0 || y < 0 || x >= grid.Width || y >= grid.Height)
                        {
                            inside = false;
                            break;
                        }

                        sum += image.Data[image.IndexOf(x, y)];
                    }

                    signature[k] = sum;
                }

                if (!inside)
                {
                    continue;
                }

                var first = -1;
                var last = -1;
                var peaks = 0;
                for (var k = 1; k < Across - 1; k++)
                {
                    if (signature[k] > signature[k - 1] && signature[k] >= signature[k + 1])
                    {
                        if (first < 0)
                        {
                            first = k;
                        }

                        last = k;
                        peaks++;
                    }
                }

                if (peaks >= 3)
                {
                    var period = (float)(last - first) / (peaks - 1);
                    if (period >= EngineParameters.MinRidgePeriod && period <= EngineParameters.MaxRidgePeriod)
                    {
                        periods.Add(period);
                    }
                }
            }
        }

        if (periods.Count < 5)
        {
            return EngineParameters.DefaultRidgePeriod;
        }

        periods.Sort();
        return periods[periods.Count / 2];
    }
}
