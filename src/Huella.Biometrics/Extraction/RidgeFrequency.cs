namespace Huella.Biometrics.Extraction;

/// <summary>
/// The ridge period of the print: across-ridge intensity profiles ("x-signatures") sampled on clear
/// blocks, the dominant period of each found by its spectrum, the median kept. One value per print is
/// enough to pick the Gabor kernels; local variation is small next to the filter's bandwidth.
/// </summary>
/// <remarks>
/// Counting the profile's peaks instead made the period follow the image's fine detail: the same
/// prints, sharpened, measured 15 % shorter and, blurred, 5 % longer, and the mistuned filter changed
/// the minutiae. The strongest frequency of the windowed profile does not move with blur or sharpening.
/// </remarks>
internal static class RidgeFrequency
{
    private const float PeriodStep = EngineParameters.FrequencyStep;

    private static readonly int Candidates =
        (int)MathF.Round((EngineParameters.MaxRidgePeriod - EngineParameters.MinRidgePeriod) / PeriodStep) + 1;

    // Hann-windowed cosine and sine of every candidate period over the profile, candidate-major.
    private static readonly float[] Cosines = BuildBasis(MathF.Cos);
    private static readonly float[] Sines = BuildBasis(MathF.Sin);

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

                var period = DominantPeriod(signature);
                if (period > 0)
                {
                    periods.Add(period);
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

    private static float DominantPeriod(ReadOnlySpan<float> signature)
    {
        const int Across = EngineParameters.FrequencyWindowAcross;
        var mean = 0f;
        foreach (var v in signature)
        {
            mean += v;
        }

        mean /= Across;
        Span<float> centred = stackalloc float[Across];
        for (var k = 0; k < Across; k++)
        {
            centred[k] = signature[k] - mean;
        }

        var best = -1;
        var bestPower = 0f;
        Span<float> power = stackalloc float[Candidates];
        for (var c = 0; c < Candidates; c++)
        {
            var re = VectorMath.Dot(centred, Cosines.AsSpan(c * Across, Across));
            var im = VectorMath.Dot(centred, Sines.AsSpan(c * Across, Across));
            power[c] = (re * re) + (im * im);
            if (power[c] > bestPower)
            {
                bestPower = power[c];
                best = c;
            }
        }

        // A maximum at the end of the range is the range's limit, not the print's period.
        if (best <= 0 || best >= Candidates - 1)
        {
            return 0;
        }

        // Parabolic interpolation between the candidates around the maximum.
        float left = power[best - 1], right = power[best + 1];
        var curvature = left - (2 * bestPower) + right;
        var offset = curvature < 0 ? 0.5f * (left - right) / curvature : 0;
        return EngineParameters.MinRidgePeriod + ((best + offset) * PeriodStep);
    }

    private static float[] BuildBasis(Func<float, float> wave)
    {
        const int Across = EngineParameters.FrequencyWindowAcross;
        var basis = new float[Candidates * Across];
        for (var c = 0; c < Candidates; c++)
        {
            var period = EngineParameters.MinRidgePeriod + (c * PeriodStep);
            for (var k = 0; k < Across; k++)
            {
                var window = 0.5f - (0.5f * MathF.Cos(2 * MathF.PI * (k + 0.5f) / Across));
                basis[(c * Across) + k] = window * wave(2 * MathF.PI * k / period);
            }
        }

        return basis;
    }
}
