namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// One synthetic finger at the minutiae level: its master minutiae are drawn on creation, and any
/// impression index gives the same template every time, on any thread.
/// </summary>
public sealed class SyntheticTemplateFinger
{
    private readonly TemplateMaster _master;
    private readonly SyntheticTemplateParameters _parameters;

    internal SyntheticTemplateFinger(int seed, int fingerIndex, SyntheticTemplateParameters parameters)
    {
        Seed = seed;
        FingerIndex = fingerIndex;
        _parameters = parameters;
        _master = TemplateMaster.Draw(seed, fingerIndex, parameters);
    }

    public int Seed { get; }

    public int FingerIndex { get; }

    public FingerClass Class => _master.Layout.Class;

    /// <summary>Minutiae on the whole finger pad, before any impression loses some.</summary>
    public int MasterMinutiaeCount => _master.Count;

    /// <summary>Impression <paramref name="impressionIndex"/> (any non-negative number) of this finger.</summary>
    public SyntheticTemplate Impression(int impressionIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(impressionIndex);
        var random = new SynthesisRandom(Seed, FingerIndex, SynthesisStream.TemplateImpression, impressionIndex);
        return TemplateImpression.Make(_master, random, _parameters);
    }
}
