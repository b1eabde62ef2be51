namespace Huella.Biometrics.Matching;

/// <summary>
/// The sigmoids of LSS-R's pair compatibility ρ, tabulated: distance differences in quarter pixels,
/// angle differences in 256ths of a turn.
/// </summary>
internal static class RelaxationTables
{
    public const float DistanceSteps = 4;

    /// <summary>
    /// Factors below this are stored as zero. The tails of the sigmoids reach 1e-38, and products of
    /// three such factors are subnormal floats, which cost the processor dozens of cycles each; a
    /// product of factors above this stays normal. Compatibilities this small are far below the
    /// rounding of the supports they are added to, so the relaxed similarities do not change.
    /// </summary>
    private const float Negligible = 1e-12f;

    /// <summary>Compatibility factor for a difference in distance of i/4 pixels (last entry: any larger).</summary>
    public static readonly float[] Distance = Build(256, i => i / DistanceSteps, EngineParameters.RelaxDistanceMu, EngineParameters.RelaxDistanceTau);

    /// <summary>Compatibility factor for a difference in angle of i/256 of a turn (0–128, symmetric).</summary>
    public static readonly float[] Angle = Build(129, i => i * 2 * MathF.PI / 256, EngineParameters.RelaxAngleMu, EngineParameters.RelaxAngleTau);

    /// <summary>Angular distance between two quantized angles, 0–128.</summary>
    public static readonly byte[] AngleDistance = BuildAngleDistance();

    /// <summary><see cref="Angle"/> of the angular distance, by quantized difference (0–255): one lookup instead of two.</summary>
    public static readonly float[] AngleFactor = [.. AngleDistance.Select(d => Angle[d])];

    public static float Sigmoid(float value, float mu, float tau) => 1f / (1f + MathF.Exp(-tau * (value - mu)));

    private static float[] Build(int length, Func<int, float> value, float mu, float tau)
    {
        var table = new float[length];
        for (var i = 0; i < length; i++)
        {
            var factor = Sigmoid(value(i), mu, tau);
            table[i] = factor < Negligible ? 0 : factor;
        }

        return table;
    }

    private static byte[] BuildAngleDistance()
    {
        var table = new byte[256];
        for (var i = 0; i < 256; i++)
        {
            table[i] = (byte)Math.Min(i, 256 - i);
        }

        return table;
    }
}
