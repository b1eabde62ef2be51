namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// Synthetic minutiae templates for tests and benchmarks at scale (millions of fingers), with the
/// statistics of templates the engine extracts from real prints: a master set of minutiae per
/// finger following a smooth ridge flow, and impressions of it that differ as real impressions do.
/// Everything follows from (seed, finger index, impression index). Fingers share class and
/// singular-point layout with <see cref="SyntheticFingerprints"/> for the same seed and index.
/// </summary>
public static class SyntheticTemplates
{
    public static SyntheticTemplateFinger CreateFinger(int seed, int fingerIndex, SyntheticTemplateParameters? parameters = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fingerIndex);
        return new SyntheticTemplateFinger(seed, fingerIndex, parameters ?? SyntheticTemplateParameters.Default);
    }

    /// <summary>Shortcut for one impression of one finger.</summary>
    public static SyntheticTemplate Impression(int seed, int fingerIndex, int impressionIndex, SyntheticTemplateParameters? parameters = null) =>
        CreateFinger(seed, fingerIndex, parameters).Impression(impressionIndex);
}
