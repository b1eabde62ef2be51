using System.Collections.Immutable;

namespace Huella.Elections.Forensics;

/// <summary>A candidate's vote counts per mesa under the last-digit and second-digit tests.</summary>
public readonly record struct CandidateDigits(string Code, string Name, ChiSquareTest LastDigit, ChiSquareTest SecondDigit);

/// <summary>Digit tests of every candidate's per-mesa counts.</summary>
public sealed record DigitSummary(long LastDigitThreshold, long SecondDigitThreshold, ImmutableArray<CandidateDigits> Candidates);

/// <summary>
/// The statistics of a per-mesa results table that an observer would look at for irregularities:
/// fingerprints, digit tests, outlying centres and coverage. Computed by <see cref="ForensicsAnalysis.Compute"/>.
/// </summary>
/// <param name="Winner">Candidate code with the most valid votes in the table.</param>
/// <param name="RunnerUp">Second candidate by valid votes in the table.</param>
public sealed record ForensicsReport(
    string Contest,
    int Mesas,
    int Centres,
    long Electors,
    long Ballots,
    long ValidVotes,
    string Winner,
    string WinnerName,
    double WinnerShare,
    string RunnerUp,
    string RunnerUpName,
    double RunnerUpShare,
    ImmutableArray<Fingerprint> Fingerprints,
    DigitSummary Digits,
    ImmutableArray<CentreOutliers> Outliers,
    Coverage Coverage)
{
    public double Turnout => Electors == 0 ? 0 : (double)Ballots / Electors;
}

/// <summary>Parameters of the analysis; the defaults are the ones the published figures use.</summary>
public sealed record ForensicsOptions
{
    /// <summary>Bins per axis of the fingerprint (100: one percentage point per cell).</summary>
    public int Bins { get; init; } = 100;

    public long LastDigitThreshold { get; init; } = 100;

    public long SecondDigitThreshold { get; init; } = 10;

    /// <summary>Groups (parishes, states) with fewer centres than this are not scored.</summary>
    public int MinimumGroup { get; init; } = 5;

    /// <summary>Floor of the robust standard deviation of a group's turnouts and shares: one percentage point.</summary>
    public double MinimumScale { get; init; } = 0.01;

    public double OutlierThreshold { get; init; } = 3.5;

    /// <summary>How many of the most extreme centres each outlier list keeps.</summary>
    public int Listed { get; init; } = 20;

    public int NationalMesas { get; init; } = Coverage.Cne2024Mesas;

    public string NationalMesasSource { get; init; } = Coverage.Cne2024Source;
}
