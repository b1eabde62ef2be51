namespace Huella.Research.Synthesis;

/// <summary>
/// Ridge period over the master canvas: a per-finger mean, a slow random variation, and wider
/// ridges toward the fingertip, as measured on real prints.
/// </summary>
internal static class RidgePeriodMap
{
    public static float[] Compute(MasterLayout layout, SynthesisParameters parameters, SynthesisRandom random)
    {
        var width = parameters.MasterWidth;
        var height = parameters.MasterHeight;
        var mean = random.Uniform(parameters.RidgePeriod);
        var noise = new SmoothNoise(random, width, height, parameters.RidgePeriodVariationCell);
        var limits = parameters.RidgePeriodLimits;
        var map = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            var tip = parameters.FingertipPeriodIncrease * layout.Silhouette.Tipness(y);
            for (var x = 0; x < width; x++)
            {
                var period = mean + tip + (parameters.RidgePeriodVariation * noise.Sample(x, y));
                map[(y * width) + x] = (float)Math.Clamp(period, limits.Min, limits.Max);
            }
        }

        return map;
    }
}
