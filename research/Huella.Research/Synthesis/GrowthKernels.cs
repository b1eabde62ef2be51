namespace Huella.Research.Synthesis;

/// <summary>
/// Even Gabor kernels tuned to quantised ridge orientation × ridge period, precomputed once per
/// parameter set. Each kernel row is padded with zeros to a multiple of 8 floats so that a pixel's
/// response is a fixed number of 256-bit multiply-adds. Kernels have no DC term and answer 1 to a
/// unit sinusoid at their own orientation and period, so growth neither fades nor floods.
/// </summary>
internal sealed class GrowthKernels
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<BankKey, GrowthKernels> Cache = new();

    private GrowthKernels(SynthesisParameters parameters)
    {
        Radius = parameters.GaborRadius;
        Orientations = parameters.GaborOrientations;
        MinPeriod = parameters.RidgePeriodLimits.Min;
        PeriodStep = parameters.GaborPeriodStep;
        Periods = (int)Math.Floor((parameters.RidgePeriodLimits.Max - MinPeriod) / PeriodStep) + 1;
        Size = (2 * Radius) + 1;
        Stride = (Size + 7) / 8 * 8;
        KernelLength = Size * Stride;
        Kernels = new float[Orientations * Periods * KernelLength];
        for (var o = 0; o < Orientations; o++)
        {
            for (var p = 0; p < Periods; p++)
            {
                Fill(
                    Kernels.AsSpan(((o * Periods) + p) * KernelLength, KernelLength),
                    Math.PI * o / Orientations,
                    MinPeriod + (p * PeriodStep),
                    parameters);
            }
        }
    }

    public int Radius { get; }

    /// <summary>Kernel side, 2 × radius + 1.</summary>
    public int Size { get; }

    /// <summary>Floats per kernel row, a multiple of 8.</summary>
    public int Stride { get; }

    public int KernelLength { get; }

    public int Orientations { get; }

    public int Periods { get; }

    public double MinPeriod { get; }

    public double PeriodStep { get; }

    /// <summary>All kernels, kernel after kernel, row after row.</summary>
    public float[] Kernels { get; }

    public static GrowthKernels For(SynthesisParameters parameters) => Cache.GetOrAdd(
        new BankKey(parameters.GaborRadius, parameters.GaborOrientations, parameters.RidgePeriodLimits, parameters.GaborPeriodStep, parameters.GaborSigmaAcross, parameters.GaborSigmaAlong),
        _ => new GrowthKernels(parameters));

    /// <summary>Offset in <see cref="Kernels"/> of the kernel nearest to a direction and period.</summary>
    public int KernelOffset(float direction, float period)
    {
        var o = (int)MathF.Round(direction * Orientations / MathF.PI) % Orientations;
        if (o < 0)
        {
            o += Orientations;
        }

        var p = Math.Clamp((int)MathF.Round((float)((period - MinPeriod) / PeriodStep)), 0, Periods - 1);
        return ((o * Periods) + p) * KernelLength;
    }

    private void Fill(Span<float> kernel, double direction, double period, SynthesisParameters parameters)
    {
        var (sin, cos) = Math.SinCos(direction);
        var sigmaAcross = parameters.GaborSigmaAcross * period;
        var sigmaAlong = parameters.GaborSigmaAlong * period;
        var wave = new double[kernel.Length];
        var envelope = new double[kernel.Length];
        var carrier = new double[kernel.Length];
        var limit = (Radius + 0.5) * (Radius + 0.5);
        for (var row = 0; row < Size; row++)
        {
            for (var column = 0; column < Size; column++)
            {
                double dx = column - Radius;
                double dy = row - Radius;
                if ((dx * dx) + (dy * dy) > limit)
                {
                    continue; // round support: square corners would print the kernel's shape into the ridges
                }

                var along = (dx * cos) + (dy * sin);
                var across = (-dx * sin) + (dy * cos);
                var i = (row * Stride) + column;
                envelope[i] = Math.Exp(-(across * across / (2 * sigmaAcross * sigmaAcross)) - (along * along / (2 * sigmaAlong * sigmaAlong)));
                carrier[i] = Math.Cos(2 * Math.PI * across / period);
                wave[i] = envelope[i] * carrier[i];
            }
        }

        var dc = wave.Sum() / envelope.Sum();
        var gain = 0.0;
        for (var i = 0; i < wave.Length; i++)
        {
            wave[i] -= dc * envelope[i];
            gain += wave[i] * carrier[i];
        }

        for (var i = 0; i < wave.Length; i++)
        {
            kernel[i] = (float)(wave[i] / gain);
        }
    }

    /// <summary>Only the parameters a bank depends on, so that unrelated tweaks share one bank.</summary>
    private readonly record struct BankKey(int Radius, int Orientations, Interval Periods, double PeriodStep, double SigmaAcross, double SigmaAlong);
}
