namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// WSQ stores real numbers as an integer and a count of decimal places (value = integer / 10^scale).
/// Decoding divides by ten one step at a time in single precision, as the reference decoder does,
/// so decoded tables match it bit for bit.
/// </summary>
internal static class WsqScaledValue
{
    public static float Decode(uint raw, byte scale)
    {
        var value = (float)raw;
        for (var i = 0; i < scale; i++)
        {
            value = (float)(value / 10.0);
        }

        return value;
    }

    /// <summary>
    /// The most decimal places that still fit the integer below <paramref name="limit"/>, for a
    /// non-negative value. Values at or above the limit are clamped to it with no decimals.
    /// </summary>
    public static (byte Scale, uint Raw) Encode(double value, uint limit)
    {
        if (!(value > 0))
        {
            return (0, 0);
        }

        if (value >= limit)
        {
            return (0, limit);
        }

        byte scale = 0;
        while (value * 10 < limit && scale < 40)
        {
            value *= 10;
            scale++;
        }

        return (scale, (uint)Math.Min(limit, Math.Round(value, MidpointRounding.AwayFromZero)));
    }
}
