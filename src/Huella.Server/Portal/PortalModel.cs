using System.Collections.Immutable;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Huella.Elections.Results;

namespace Huella.Server.Portal;

/// <summary>
/// What the portal's pages render from, whatever counted it: central's live archive or a published
/// table. One snapshot is immutable and shared by every reader until the next one replaces it.
/// </summary>
internal interface IPortalElection
{
    /// <summary>The path the election's pages live under: empty for central's own, <c>/2024</c> for the published table.</summary>
    string BasePath { get; }

    /// <summary>True when the numbers come from signed actas central received (versions, signatures, QR and PDF exist).</summary>
    bool SignedActas { get; }

    /// <summary>The keys the actas are signed with, to name each signer on the printed acta; null for a published table.</summary>
    PublishedKeys? Keys { get; }

    ImmutableArray<ContestDefinition> Contests { get; }

    ValueTask<PortalSnapshot> SnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Everything known about one mesa, or null when the election has no such mesa.</summary>
    Task<MesaRecord?> MesaAsync(MesaId mesa, CancellationToken cancellationToken);
}

/// <summary>One contest's counted mesas and the areas' tallies, keyed by <see cref="PortalSnapshot.Key"/>.</summary>
internal sealed record ContestTotals(
    ContestDefinition Contest,
    ImmutableDictionary<long, AreaTally> Areas,
    ImmutableDictionary<MesaId, MesaResult> Counted,
    ImmutableArray<PortalAnomaly> Anomalies);

/// <summary>The sums over an area's counted mesas for one contest.</summary>
internal sealed record AreaTally(int Mesas, long RegisteredElectors, long BallotsCounted, long NullVotes, long BlankVotes, ImmutableArray<long> CandidateVotes)
{
    public long ValidVotes => CandidateVotes.Sum();

    public double Turnout => RegisteredElectors == 0 ? 0 : (double)BallotsCounted / RegisteredElectors;

    public double Share(int candidate) => ValidVotes == 0 ? 0 : (double)CandidateVotes[candidate] / ValidVotes;
}

/// <summary>An area as expected before any count: its name, its place in the tree and what it should report.</summary>
internal sealed record PortalArea(GeoLevel Level, int Prefix, string Name, int ExpectedMesas, long RegisteredElectors, ImmutableArray<long> Children, ImmutableArray<MesaId> Mesas);

internal enum PortalAnomalyKind
{
    MoreBallotsThanElectors,
    ConflictingActas,
    MissingMesa,
}

internal readonly record struct PortalAnomaly(PortalAnomalyKind Kind, MesaId Mesa, string Detail);

/// <summary>A counted acta that reached central long after its mesa closed.</summary>
internal readonly record struct LateMesa(MesaId Mesa, int Contest, DateTimeOffset ClosedAt, DateTimeOffset ReceivedAt)
{
    public TimeSpan Delay => ReceivedAt - ClosedAt;
}

/// <summary>
/// The whole election at one moment: names and expected mesas of every area, each contest's totals
/// at every level, anomalies, missing and late mesas; for a published table, how many mesas were
/// installed (<see cref="InstalledMesas"/>) beside how many it has.
/// </summary>
internal sealed record PortalSnapshot(
    string Name,
    DateOnly Date,
    DateTimeOffset TakenAt,
    ImmutableDictionary<long, PortalArea> Areas,
    ImmutableArray<ContestTotals> Contests,
    ImmutableArray<LateMesa> Late,
    ImmutableHashSet<MesaId> ExpectedMesas,
    int? InstalledMesas = null)
{
    public static long Key(GeoLevel level, int prefix) => ElectionDefinition.AreaKey(level, prefix);

    public static long KeyOf(MesaId mesa, GeoLevel level) => Key(level, mesa.Centre.PrefixAt(level));

    private SearchIndex? _search;

    public PortalArea Nation => Areas[Key(GeoLevel.Nation, 0)];

    /// <summary>Every mesa code and area name of this snapshot, ready to search; built on the first search.</summary>
    public SearchIndex Search => _search ??= SearchIndex.Of(Areas, ExpectedMesas);

    public PortalArea? Area(GeoLevel level, int prefix) => Areas.GetValueOrDefault(Key(level, prefix));
}

/// <summary>A signature on the counted acta: who, in which role, and whether it verifies against the published key.</summary>
internal readonly record struct SignatureLine(SignerRole Role, string Holder, string KeyId, bool Verifies);

/// <summary>One transmission central received for a mesa and contest, as its archive keeps it.</summary>
internal sealed record ReceivedVersion(string Hash, string? ActaHash, IngestStatus Status, ActaVerdict Verdict, string Reason, DateTimeOffset ReceivedAt, int Size, string? Sender, bool Counted);

/// <summary>A mesa's acta for one contest: the counted numbers, its signatures, every version received.</summary>
internal sealed record MesaContestActa(int Contest, MesaResult? Counted, Acta? Acta, ImmutableArray<SignatureLine> Signatures, int RequiredCountersignatures, ImmutableArray<ReceivedVersion> Versions)
{
    /// <summary>The counted acta's signed bytes (what its QR carries), when central counted one.</summary>
    public byte[]? CountedBytes { get; init; }

    public bool Conflict => Versions.Any(v => v.Status == IngestStatus.Conflicting);
}

/// <summary>One mesa: its acta per contest, and where the published table points at its photo (2024).</summary>
internal sealed record MesaRecord(MesaId Mesa, bool Expected, int? RegisteredElectors, ImmutableArray<MesaContestActa> Contests, string? ActaImage = null);
