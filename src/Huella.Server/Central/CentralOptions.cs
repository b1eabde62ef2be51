using System.Globalization;
using Huella.Elections.Contests;

namespace Huella.Server.Central;

/// <summary>The <c>Huella:Central</c> configuration section: where central stores actas and which election it counts.</summary>
internal sealed class CentralOptions
{
    /// <summary>Acta archive location (sqlite:PATH or postgres:CONNECTION-STRING).</summary>
    public string Store { get; set; } = "sqlite:.huella/central.db";

    /// <summary>The published keys JSON (see <c>PublishedKeysFile</c>): which machine and member keys sign for which mesa.</summary>
    public string PublishedKeysFile { get; set; } = ".huella/published-keys.json";

    /// <summary>
    /// The published election definition (docs/election-definition.md). When set, the election's
    /// name, date, contest (its first), mesas and state names come from it and the settings below
    /// are ignored.
    /// </summary>
    public string? DefinitionFile { get; set; }

    /// <summary>
    /// The transparency log's Ed25519 key: a 32-byte seed, owner-only, made on first start when
    /// missing. Unset: beside a SQLite store (<c>PATH.log-key</c>); a PostgreSQL store needs it set.
    /// </summary>
    public string? LogKeyFile { get; set; }

    public string ElectionName { get; set; } = "Elección";

    /// <summary>Election day, yyyy-MM-dd.</summary>
    public string ElectionDate { get; set; } = "2026-01-01";

    public ContestOptions Contest { get; set; } = new();

    /// <summary>Set for a test or demonstration election: GET /results then marks its report IsTest, with this as TestType.</summary>
    public string? TestType { get; set; }

    /// <summary>Largest acta body accepted, bytes (a signed acta is a few hundred).</summary>
    public int MaxActaBytes { get; set; } = 16 * 1024;

    /// <summary>Most actas stored in one transaction when stations transmit at once.</summary>
    public int MaxBatch { get; set; } = 1_000;

    /// <summary>Refused transmissions kept whole per API key (evidence); past this only their summary is kept.</summary>
    public int MaxRefusedBodiesPerKey { get; set; } = 100;

    /// <summary>Bytes of refused transmissions kept whole per API key; past this only their summary is kept.</summary>
    public long MaxRefusedBytesPerKey { get; set; } = 1024 * 1024;

    /// <summary>Refusals an API key may run into at once before it is answered 429.</summary>
    public int RefusalBurst { get; set; } = 20;

    /// <summary>Refusals per minute an API key earns back after a burst.</summary>
    public double RefusalsPerMinute { get; set; } = 6;

    internal DateOnly Date => DateOnly.TryParseExact(ElectionDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        ? date
        : throw new CentralStartupException($"Huella:Central:ElectionDate is not yyyy-MM-dd: '{ElectionDate}'.");

    /// <summary>The first setting that is out of range, or null.</summary>
    internal string? Problem() =>
        MaxActaBytes < 1 ? "Huella:Central:MaxActaBytes must be positive"
        : MaxBatch < 1 ? "Huella:Central:MaxBatch must be positive"
        : MaxRefusedBodiesPerKey < 0 ? "Huella:Central:MaxRefusedBodiesPerKey must not be negative"
        : MaxRefusedBytesPerKey < 0 ? "Huella:Central:MaxRefusedBytesPerKey must not be negative"
        : RefusalBurst < 1 ? "Huella:Central:RefusalBurst must be at least 1"
        : !(RefusalsPerMinute > 0) || double.IsInfinity(RefusalsPerMinute) ? "Huella:Central:RefusalsPerMinute must be a positive number"
        : null;
}

/// <summary>The contest central totals: candidates in reporting order, and party cards in ballot order naming their candidate by index.</summary>
internal sealed class ContestOptions
{
    public string Name { get; set; } = "";

    public List<CandidateOptions> Candidates { get; set; } = [];

    public List<CardOptions> Cards { get; set; } = [];

    internal BallotContest ToContest()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new CentralStartupException("Huella:Central:Contest:Name is empty: give the contest's name, or Huella:Central:DefinitionFile.");
        }

        try
        {
            return new BallotContest(Name, Candidates.Select(c => new Candidate(c.Code, c.Name)), Cards.Select(c => new PartyCard(c.Party, c.Candidate)));
        }
        catch (ArgumentException e)
        {
            throw new CentralStartupException($"Huella:Central:Contest is not a contest: {e.Message}", innerException: e);
        }
    }
}

internal sealed class CandidateOptions
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
}

internal sealed class CardOptions
{
    public string Party { get; set; } = "";

    /// <summary>Index of the backed candidate in <see cref="ContestOptions.Candidates"/>.</summary>
    public int Candidate { get; set; }
}
