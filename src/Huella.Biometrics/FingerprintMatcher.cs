using Huella.Biometrics.Matching;

namespace Huella.Biometrics;

/// <summary>
/// Compares one probe against many candidates. Prepare it once per probe and call
/// <see cref="Match"/> per candidate: it reuses its scratch buffers, so it allocates nothing per
/// comparison and is not thread-safe (use one per thread, or <see cref="MatchAll"/>).
/// Scores are similarities in [0, 1], symmetric (<c>Match(a, b) == Match(b, a)</c>); turn them
/// into decisions with ScoreCalibration. Two templates that keep their ridge flow are compared on it
/// too; otherwise on minutiae alone, with the score moved to the same false-match-rate scale.
/// </summary>
public sealed class FingerprintMatcher
{
    private readonly MccScorer _scorer = new();
    private readonly PreparedProbe _prepared;

    public FingerprintMatcher(FingerprintTemplate probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        Probe = probe;
        _prepared = new PreparedProbe(probe.Cylinders);
    }

    public FingerprintTemplate Probe { get; }

    public double Match(FingerprintTemplate candidate)
    {
        var score = MatchUncalibrated(candidate);
        return Probe.HasRidgeFlow && candidate.HasRidgeFlow ? score : ScoreCalibration.FromMinutiaeOnly(score);
    }

    /// <summary>
    /// The matcher's own score. The ridge flow takes part when both templates keep one; scores on
    /// minutiae alone have a calibration of their own (see <see cref="ScoreCalibration"/>).
    /// </summary>
    internal double MatchUncalibrated(FingerprintTemplate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);

        // Canonical argument order makes the score exactly symmetric, ties and rounding included.
        return _scorer.Score(_prepared, candidate.Cylinders, First(Probe, candidate));
    }

    /// <summary>Scores <paramref name="probe"/> against every candidate on all cores (1:N search).</summary>
    public static double[] MatchAll(FingerprintTemplate probe, IReadOnlyList<FingerprintTemplate> candidates)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(candidates);
        var scores = new double[candidates.Count];
        Parallel.For(
            0,
            candidates.Count,
            () => new FingerprintMatcher(probe),
            (i, _, matcher) =>
            {
                scores[i] = matcher.Match(candidates[i]);
                return matcher;
            },
            _ => { });
        return scores;
    }

    private static bool First(FingerprintTemplate a, FingerprintTemplate b) =>
        a.Cylinders.Count != b.Cylinders.Count ? a.Cylinders.Count < b.Cylinders.Count : a.Key <= b.Key;
}
