namespace Huella.Biometrics.Extraction;

/// <summary>
/// A 0–100 image quality: how much clear ridge flow the print shows. Clarity is the share of the
/// print's blocks with coherent ridges; area saturates at the size of a full plain impression.
/// </summary>
internal static class ImageQuality
{
    public static int Score(BlockMask mask, OrientationField field)
    {
        if (mask.Area == 0)
        {
            return 0;
        }

        double coherence = 0;
        for (var i = 0; i < mask.Blocks.Length; i++)
        {
            if (mask.Blocks[i])
            {
                coherence += Math.Min(1, field.Coherence[i] / 0.7);
            }
        }

        var clarity = coherence / mask.Area;
        var fullArea = 250.0 * 250 / (BlockGrid.Size * BlockGrid.Size);
        var area = Math.Min(1, mask.Area / fullArea);
        return (int)Math.Round(100 * clarity * Math.Sqrt(area));
    }
}
