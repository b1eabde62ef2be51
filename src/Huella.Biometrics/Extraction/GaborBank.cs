namespace Huella.Biometrics.Extraction;

/// <summary>
/// Precomputed even-symmetric Gabor kernels for every (ridge period, orientation) the enhancer may
/// ask for. Zero mean, so the response ignores local brightness; unit L1 norm, so responses compare
/// across kernels.
/// </summary>
internal static class GaborBank
{
    public const int Radius = EngineParameters.GaborRadius;

    public const int Side = (2 * Radius) + 1;

    public const int Orientations = EngineParameters.GaborOrientations;

    private static readonly int Periods =
        (int)MathF.Round((EngineParameters.MaxRidgePeriod - EngineParameters.MinRidgePeriod) / EngineParameters.GaborPeriodStep) + 1;

    private static readonly float[][] Kernels = Build();

    public static int PeriodIndex(float period) =>
        Math.Clamp((int)MathF.Round((period - EngineParameters.MinRidgePeriod) / EngineParameters.GaborPeriodStep), 0, Periods - 1);

    public static int OrientationIndex(float angle) =>
        (int)MathF.Round(angle / MathF.PI * Orientations) % Orientations;

    public static float[] Kernel(int periodIndex, int orientationIndex) => Kernels[(periodIndex * Orientations) + orientationIndex];

    private static float[][] Build()
    {
        var kernels = new float[Periods * Orientations][];
        for (var p = 0; p < Periods; p++)
        {
            var period = EngineParameters.MinRidgePeriod + (p * EngineParameters.GaborPeriodStep);
            var sigmaAlong = EngineParameters.GaborSigmaAlong * period;
            var sigmaAcross = EngineParameters.GaborSigmaAcross * period;
            for (var o = 0; o < Orientations; o++)
            {
                var (sin, cos) = Math.SinCos(o * Math.PI / Orientations);
                var kernel = new double[Side * Side];
                var envelope = new double[Side * Side];
                double sum = 0, envelopeSum = 0;
                for (var dy = -Radius; dy <= Radius; dy++)
                {
                    for (var dx = -Radius; dx <= Radius; dx++)
                    {
                        var along = (dx * cos) + (dy * sin);
                        var across = (-dx * sin) + (dy * cos);
                        var e = Math.Exp(-((along * along) / (2 * sigmaAlong * sigmaAlong)) - ((across * across) / (2 * sigmaAcross * sigmaAcross)));
                        var i = ((dy + Radius) * Side) + dx + Radius;
                        envelope[i] = e;
                        kernel[i] = e * Math.Cos(2 * Math.PI * across / period);
                        sum += kernel[i];
                        envelopeSum += e;
                    }
                }

                double l1 = 0;
                for (var i = 0; i < kernel.Length; i++)
                {
                    kernel[i] -= envelope[i] * sum / envelopeSum;
                    l1 += Math.Abs(kernel[i]);
                }

                var result = new float[kernel.Length];
                for (var i = 0; i < kernel.Length; i++)
                {
                    result[i] = (float)(kernel[i] / l1);
                }

                kernels[(p * Orientations) + o] = result;
            }
        }

        return kernels;
    }
}
