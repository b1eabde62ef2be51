namespace Huella.Research.Synthesis;

/// <summary>
/// Sweat pores of the master print: small discs on the ridge centres. They belong to the finger,
/// so every impression shows them at the same places (more or less visibly).
/// </summary>
internal static class PoreMap
{
    /// <summary>Pore strength per master pixel, 0 (none) to 1 (pore centre).</summary>
    public static float[] Compute(float[] ridges, int width, int height, SynthesisParameters parameters, SynthesisRandom random)
    {
        var pores = new float[width * height];
        var ridgePixels = 0;
        foreach (var value in ridges)
        {
            if (value > 0.3f)
            {
                ridgePixels++;
            }
        }

        // One pore per spacing along a ridge about half a ridge period wide.
        var wanted = (int)(ridgePixels / (parameters.PoreSpacing * 4.5));
        for (int placed = 0, attempts = 0; placed < wanted && attempts < 20 * wanted; attempts++)
        {
            var x = random.NextInt(width);
            var y = random.NextInt(height);
            if (ridges[(y * width) + x] < 0.7f)
            {
                continue;
            }

            var radius = random.Uniform(0.8, 1.6);
            var reach = (int)Math.Ceiling(radius + 1);
            for (var dy = -reach; dy <= reach; dy++)
            {
                for (var dx = -reach; dx <= reach; dx++)
                {
                    var px = x + dx;
                    var py = y + dy;
                    if (px < 0 || py < 0 || px >= width || py >= height)
                    {
                        continue;
                    }

                    var strength = (float)Math.Clamp(radius + 0.5 - Math.Sqrt((dx * dx) + (dy * dy)), 0, 1);
                    var i = (py * width) + px;
                    pores[i] = Math.Max(pores[i], strength);
                }
            }

            placed++;
        }

        return pores;
    }
}
