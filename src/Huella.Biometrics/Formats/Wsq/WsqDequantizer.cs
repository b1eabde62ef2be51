using System.Numerics;

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

    /// <summary>
    /// Pixel = transformed value x scale + shift, rounded half up and clamped to 0-255. The
    /// reference adds the half in double precision; for values this small that sum is exact, so
    /// adding it in single precision rounds to the same float.
    /// </summary>
    public static void ToPixels(ReadOnlySpan<float> image, float scale, float shift, Span<byte> pixels)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && Vector<byte>.Count == 4 * Vector<float>.Count)
        {
            var lanes = Vector<float>.Count;
            var scales = new Vector<float>(scale);
            var shifts = new Vector<float>(shift);
            var half = new Vector<float>(0.5f);
            var top = new Vector<float>(255f);
            for (; i + Vector<byte>.Count <= pixels.Length; i += Vector<byte>.Count)
            {
                var a = Round(image.Slice(i, lanes), scales, shifts, half, top);
                var b = Round(image.Slice(i + lanes, lanes), scales, shifts, half, top);
                var c = Round(image.Slice(i + (2 * lanes), lanes), scales, shifts, half, top);
                var d = Round(image.Slice(i + (3 * lanes), lanes), scales, shifts, half, top);
                Vector.Narrow(Vector.Narrow(a, b), Vector.Narrow(c, d)).CopyTo(pixels[i..]);
            }
        }

        for (; i < pixels.Length; i++)
        {
            var value = (image[i] * scale) + shift;
            var rounded = (float)(value + 0.5);
            pixels[i] = rounded < 0 ? (byte)0 : rounded > 255 ? (byte)255 : (byte)rounded;
        }
    }

    private static Vector<uint> Round(ReadOnlySpan<float> values, Vector<float> scale, Vector<float> shift, Vector<float> half, Vector<float> top)
    {
        var product = new Vector<float>(values) * scale;
        var rounded = product + shift + half;
        return Vector.ConvertToUInt32(Vector.Min(Vector.Max(rounded, Vector<float>.Zero), top));
    }
}
