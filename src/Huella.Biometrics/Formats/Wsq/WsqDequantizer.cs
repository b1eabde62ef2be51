namespace Huella.Biometrics.Formats.Wsq;

/// <summary>Turns decoded integers back into subband values and the transformed image back into pixels.</summary>
internal static class WsqDequantizer
{
    /// <summary>How many coefficients the coded subbands hold (subbands with Q = 0 hold none).</summary>
    public static long CoefficientCount(WsqSubbands layout, WsqQuantizationTable table)
    {
        long count = 0;
        for (var band = 0; band < WsqSubbands.Coded; band++)
        {
            if (table.BinWidths[band] != 0)
            {
                count += layout.Bands[band].Area;
            }
        }

        return count;
    }

    /// <summary>
    /// Places each coefficient at the reconstruction point of its bin: zero stays zero, and a
    /// non-zero p becomes Q (p -/+ C) +/- Z/2. The half zero bin is added in double precision,
    /// as in the reference decoder. <paramref name="image"/> must be zeroed.
    /// </summary>
    public static void Dequantize(ReadOnlySpan<int> coefficients, WsqQuantizationTable table, WsqSubbands layout, Span<float> image, int width)
    {
        var center = table.BinCenter;
        var i = 0;
        for (var band = 0; band < WsqSubbands.Coded; band++)
        {
            var q = table.BinWidths[band];
            if (q == 0)
            {
                continue;
            }

            var halfZero = table.ZeroBinWidths[band] / 2.0;
            var r = layout.Bands[band];
            for (var y = 0; y < r.Height; y++)
            {
                var row = image.Slice(((r.Y + y) * width) + r.X, r.Width);
                var values = coefficients.Slice(i, r.Width);
                i += r.Width;
                for (var x = 0; x < row.Length; x++)
                {
                    var p = values[x];
                    row[x] = p switch
                    {
                        0 => 0f,
                        > 0 => (float)((q * (p - center)) + halfZero),
                        _ => (float)((q * (p + center)) - halfZero),
                    };
                }
            }
        }
    }

    /// <summary>Pixel = transformed value x scale + shift, rounded half up and clamped to 0-255.</summary>
    public static void ToPixels(ReadOnlySpan<float> image, float scale, float shift, Span<byte> pixels)
    {
        for (var i = 0; i < pixels.Length; i++)
        {
            var value = (image[i] * scale) + shift;
            var rounded = (float)(value + 0.5);
            pixels[i] = rounded < 0 ? (byte)0 : rounded > 255 ? (byte)255 : (byte)rounded;
        }
    }
}
