namespace Huella.Research.Synthesis;

/// <summary>Everything an impression is rendered from: the grown ridges and their pores.</summary>
internal sealed class MasterPrint
{
    private MasterPrint(float[] ridges, float[] pores, int growthIterations)
    {
        Ridges = ridges;
        Pores = pores;
        GrowthIterations = growthIterations;
    }

    /// <summary>About +1 on ridges, -1 in valleys, 0 off the finger; master canvas, row-major.</summary>
    public float[] Ridges { get; }

    public float[] Pores { get; }

    public int GrowthIterations { get; }

    public static MasterPrint Create(int seed, int fingerIndex, MasterLayout layout, SynthesisParameters parameters)
    {
        var orientation = PatternOrientation.Compute(layout, parameters);
        var period = RidgePeriodMap.Compute(layout, parameters, new SynthesisRandom(seed, fingerIndex, SynthesisStream.Frequency));
        var ridges = RidgeGrowth.Grow(layout, orientation, period, parameters, new SynthesisRandom(seed, fingerIndex, SynthesisStream.Growth), out var iterations);
        var pores = PoreMap.Compute(ridges, parameters.MasterWidth, parameters.MasterHeight, parameters, new SynthesisRandom(seed, fingerIndex, SynthesisStream.Pores));
        return new MasterPrint(ridges, pores, iterations);
    }
}
