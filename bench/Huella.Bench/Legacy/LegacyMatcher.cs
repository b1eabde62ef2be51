using Huella.Biometrics;

namespace Huella.Bench.Legacy;

/// <summary>
/// The matcher as it was before the prepared-candidate rewrite (copied unchanged into
/// <c>Legacy*</c>), kept so benchmarks can report the new path as a ratio against the old one
/// measured in the same run on the same machine.
/// </summary>
internal sealed class LegacyMatcher
{
    private readonly LegacyMccScorer _scorer = new();
    private readonly LegacyCylinderSet _probe;
    private readonly FingerprintTemplate _probeTemplate;

    public LegacyMatcher(FingerprintTemplate probe, LegacyCylinderSet cylinders)
    {
        _probeTemplate = probe;
        _probe = cylinders;
    }

    public static LegacyCylinderSet Prepare(FingerprintTemplate template) => new([.. template.Minutiae]);

    public double Match(FingerprintTemplate candidate, LegacyCylinderSet cylinders)
    {
        var probeFirst = _probe.Count != cylinders.Count ? _probe.Count < cylinders.Count : _probeTemplate.Key <= candidate.Key;
        return probeFirst ? _scorer.Score(_probe, cylinders) : _scorer.Score(cylinders, _probe);
    }
}
