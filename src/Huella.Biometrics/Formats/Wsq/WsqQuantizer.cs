namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// Encoder side of quantization: measures each subband's variance, spreads the requested bit rate
/// over the subbands (the FBI specification's bit allocation), and quantizes the coefficients.
/// </summary>
internal static class WsqQuantizer
{
    /// <summary>
    /// Subband weights: 1 except for the eight bands of the finest kept level, which the
    /// specification weights by how visible their errors are.
    /// </summary>
    private static readonly double[] FinestWeights = [1.32, 1.08, 1.42, 1.08, 1.32, 1.42, 1.08, 1.08];

    /// <summary>Variance of each coded subband.</summary>
    public static double[] Variances(ReadOnlySpan<float> image, int width, WsqSubbands layout)
    {
        var variances = new double[WsqSubbands.Coded];
        var lowSum = 0.0;
        for (var band = 0; band < 4; band++)
        {
            variances[band] = Variance(image, width, CentralWindow(layout.Bands[band]));
            lowSum += variances[band];
        }

        // Variances come from each band's central window (away from the finger's outline and the
        // image border) unless the image is nearly flat, when whole bands are used.
        var whole = lowSum < WsqParameters.LowVarianceSum;
        for (var band = whole ? 0 : 4; band < WsqSubbands.Coded; band++)
        {
            var r = layout.Bands[band];
            variances[band] = Variance(image, width, whole ? r : CentralWindow(r));
        }

        return variances;
    }

    /// <summary>
    /// Bin widths Q per subband for about <paramref name="bitRate"/> bits per pixel; 0 marks a
    /// subband not worth coding. Bands whose share of the rate would be negative are dropped from
    /// the allocation one round at a time, as the specification prescribes.
    /// </summary>
    public static double[] BinWidths(double[] variances, double bitRate)
    {
        var relative = new double[WsqSubbands.Coded];
        var sigma = new double[WsqSubbands.Coded];
        var active = new List<int>();
        for (var band = 0; band < WsqSubbands.Coded; band++)
        {
            if (variances[band] < WsqParameters.VarianceThreshold)
            {
                continue;
            }

            var weight = band >= WsqSubbands.ThirdBlockStart ? FinestWeights[band - WsqSubbands.ThirdBlockStart] : 1.0;
            relative[band] = band < 4 ? 1.0 : 10.0 / (weight * Math.Log(variances[band]));
            sigma[band] = Math.Sqrt(variances[band]);
            active.Add(band);
        }

        var coded = active.ToArray();
        var q = double.NaN;
        while (active.Count > 0)
        {
            // S: the share of the image the active bands cover; P: their geometric mean of
            // sigma / Q'. q scales all bins so the active bands together spend the bit rate.
            double share = 0, product = 1;
            foreach (var band in active)
            {
                share += AreaShare(band);
                product *= Math.Pow(sigma[band] / relative[band], AreaShare(band));
            }

            q = Math.Pow(2, (bitRate / share) - 1.0) / 2.5 / Math.Pow(product, 1.0 / share);
            var kept = active.FindAll(band => relative[band] / q < 5.0 * sigma[band]);
            if (kept.Count == active.Count || kept.Count == 0)
            {
                break;
            }

            active = kept;
        }

        var widths = new double[WsqSubbands.Coded];
        if (double.IsFinite(q) && q > 0)
        {
            foreach (var band in coded)
            {
                widths[band] = relative[band] / q;
            }
        }

        return widths;
    }

    /// <summary>
    /// Quantizes the coded subbands in order into <paramref name="output"/> and returns how many
    /// values were written. Values within half a zero bin of 0 become 0; others count bins beyond it.
    /// </summary>
    public static int Quantize(ReadOnlySpan<float> image, int width, WsqSubbands layout, float[] binWidths, float[] zeroBinWidths, Span<int> output)
    {
        var n = 0;
        for (var band = 0; band < WsqSubbands.Coded; band++)
        {
            var q = (double)binWidths[band];
            if (q == 0)
            {
                continue;
            }

            var halfZero = zeroBinWidths[band] / 2.0;
            var r = layout.Bands[band];
            for (var y = 0; y < r.Height; y++)
            {
                var row = image.Slice(((r.Y + y) * width) + r.X, r.Width);
                foreach (var value in row)
                {
                    int p;
                    if (value > halfZero)
                    {
                        p = (int)Math.Min(WsqParameters.MaxCoefficient, Math.Floor((value - halfZero) / q) + 1);
                    }
                    else if (value < -halfZero)
                    {
                        p = (int)Math.Max(-WsqParameters.MaxCoefficient, Math.Ceiling((value + halfZero) / q) - 1);
                    }
                    else
                    {
                        p = 0;
                    }

                    output[n++] = p;
                }
            }
        }

        return n;
    }

    /// <summary>Fraction of the image a subband covers: 1/1024, 1/256 or 1/16 by its level.</summary>
    private static double AreaShare(int band) => band switch
    {
        < 4 => 1.0 / 1024,
        < 51 => 1.0 / 256,
        _ => 1.0 / 16,
    };

    /// <summary>The window the specification measures variance over: 3/4 of the width, 7/16 of the height.</summary>
    private static WsqRegion CentralWindow(WsqRegion r) =>
        new(r.X + (r.Width / 8), r.Y + (9 * r.Height / 32), 3 * r.Width / 4, 7 * r.Height / 16);

    private static double Variance(ReadOnlySpan<float> image, int width, WsqRegion r)
    {
        var n = (long)r.Width * r.Height;
        if (n < 2)
        {
            return 0;
        }

        double sum = 0, squares = 0;
        for (var y = 0; y < r.Height; y++)
        {
            foreach (var value in image.Slice(((r.Y + y) * width) + r.X, r.Width))
            {
                sum += value;
                squares += (double)value * value;
            }
        }

        return Math.Max(0, (squares - (sum * sum / n)) / (n - 1));
    }
}
