namespace Huella.Research.Synthesis;

/// <summary>
/// Synthetic fingerprints in the manner of SFinGe (Cappelli, Maio, Maltoni): a master print per
/// finger (class, singular points, orientation, ridge period, grown ridges) and any number of
/// impressions of it. Everything follows from (seed, finger index): the same pair gives the same
/// pixels on every run and thread.
/// </summary>
public static class SyntheticFingerprints
{
    /// <summary>
    /// A finger; its class and singular points are drawn at once, its ridges are grown on first use
    /// (so drawing many fingers for their class alone is cheap). Indices are identifiers: any
    /// non-negative numbers, not necessarily consecutive.
    /// </summary>
    public static SyntheticFinger CreateFinger(int seed, int fingerIndex, SynthesisParameters? parameters = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fingerIndex);
        parameters ??= SynthesisParameters.Default;
        var layout = MasterLayout.Draw(new SynthesisRandom(seed, fingerIndex, SynthesisStream.Layout), parameters);
        return new SyntheticFinger(seed, fingerIndex, layout, parameters);
    }
}
