namespace Huella.Biometrics.Extraction;

/// <summary>
/// A 0–100 image quality that predicts failure to match: how much clear ridge flow the print shows
/// (the share of its blocks with coherent ridges), how large it is (saturating at a full plain
/// impression), and how even its ridges are: dry, wet or smudged patches, seen as the weakest tenth
/// of ridge clarity falling far below the print's median, are where the next impression's minutiae
/// are not found again.
/// </summary>
internal static class ImageQuality
{
    public static int Score(BlockMask mask, OrientationField field, float[] clarity)
    {
        if (mask.Area == 0)
        {
            return 0;
        }

        double coherence = 0;
        var clarities = new float[mask.Area];
        var k = 0;
        for (var i = 0; i < mask.Blocks.Length; i++)
        {
            if (mask.Blocks[i])
            {
                coherence += Math.Min(1, field.Coherence[i] / 0.7);
                clarities[k++] = clarity[i];
            }
        }

        var flow = coherence / mask.Area;
        var fullArea = 250.0 * 250 / (BlockGrid.Size * BlockGrid.Size);
        var area = Math.Min(1, mask.Area / fullArea);
        Array.Sort(clarities);
        var weakest = clarities[(int)(EngineParameters.QualityClarityPercentile * (clarities.Length - 1))];
        var evenness = Math.Min(1, weakest / EngineParameters.QualityClarityReference);
        return (int)Math.Round(100 * flow * Math.Sqrt(area) * evenness);
    }
}
