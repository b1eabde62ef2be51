using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Huella.Server.Central;
using Microsoft.Extensions.Options;

namespace Huella.Server.Portal;

/// <summary>
/// The portal over central's own count: totals from the live totalizers, every version of a mesa's
/// acta from the archive. Totals are recounted at most once per <see cref="PortalOptions.RefreshSeconds"/>;
/// while one reader recounts, the others are served the previous snapshot rather than kept waiting.
/// </summary>
internal sealed class LiveElection(CentralCount central, CentralElection election, IOptions<PortalOptions> options, TimeProvider time) : IPortalElection, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly ImmutableArray<ContestDefinition> _contests = election.Contests is { } defined
        ? [.. defined]
        : [SnapshotBuilder.SingleSeat("contest", central.Contests[0])];

    // Closing time of each counted acta already decoded, by the hash of its bytes: an acta never changes.
    private readonly Dictionary<string, long> _closedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<MesaId, int> _electors = election.Definition?.Mesas.ToDictionary(m => m.Mesa, m => m.RegisteredElectors) ?? [];
    private PortalSnapshot? _snapshot;
    private string? _signature;

    public string BasePath => "";

    public bool SignedActas => true;

    public PublishedKeys Keys => central.Keys;

    public ImmutableArray<ContestDefinition> Contests => _contests;

    public async ValueTask<PortalSnapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && time.GetUtcNow() - current.TakenAt < TimeSpan.FromSeconds(options.Value.RefreshSeconds))
        {
            return current;
        }

        if (current is not null && !await _refresh.WaitAsync(0, cancellationToken).ConfigureAwait(false))
        {
            return current;
        }

        if (current is null)
        {
            await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var fresh = Volatile.Read(ref _snapshot);
            if (fresh is not null && !ReferenceEquals(fresh, current))
            {
                return fresh;
            }

            var totals = new List<(ContestDefinition, Elections.Totalization.Totalizer)>();
            for (var c = 0; c < _contests.Length; c++)
            {
                totals.Add((_contests[c], await central.TotalsAsync(c, cancellationToken).ConfigureAwait(false)));
            }

            // Nothing counted or flagged since the last snapshot: the same figures, checked now.
            var signature = string.Join(',', totals.Select(t => $"{t.Item2.Counted.Count}/{t.Item2.Anomalies.Count}"));
            fresh = fresh is not null && signature == _signature
                ? fresh with { TakenAt = time.GetUtcNow() }
                : await BuildAsync(totals, cancellationToken).ConfigureAwait(false);
            _signature = signature;
            Volatile.Write(ref _snapshot, fresh);
            return fresh;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public async Task<MesaRecord?> MesaAsync(MesaId mesa, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var rows = await central.Archive.ReadMesaAsync(mesa, cancellationToken).ConfigureAwait(false);
        var expected = snapshot.ExpectedMesas.Contains(mesa);
        if (rows.Count == 0 && !expected)
        {
            return null;
        }

        var contests = new List<MesaContestActa>();
        for (var c = 0; c < _contests.Length; c++)
        {
            var versions = rows.Where(r => r.Contest == c).OrderBy(r => r.ReceivedAt).ThenBy(r => r.Hash, StringComparer.Ordinal).ToList();
            var counted = versions.FirstOrDefault(v => v.Status == IngestStatus.Accepted);
            SignedActa? signed = null;
            if (counted is not null && !SignedActa.TryDecode(counted.Bytes, out signed, out _))
            {
                signed = null;
            }

            contests.Add(new MesaContestActa(
                c,
                snapshot.Contests[c].Counted.GetValueOrDefault(mesa) ?? (signed is null ? null : CentralCount.ToResult(signed.Acta, central.Contests[c])),
                signed?.Acta,
                signed is null ? [] : Signatures(signed),
                central.Keys.RequiredCountersignatures,
                [.. versions.Select(v => new ReceivedVersion(v.Hash, ActaHashOf(v.Bytes), v.Status, v.Verdict, v.Reason, v.ReceivedAt, v.Size, v.Sender, v == counted))])
            {
                CountedBytes = counted?.Bytes,
            });
        }

        var electors = _electors.TryGetValue(mesa, out var onRoll) ? onRoll : contests.FirstOrDefault(c => c.Counted is not null)?.Counted?.RegisteredElectors;
        return new MesaRecord(mesa, expected, electors, [.. contests]);
    }

    public void Dispose() => _refresh.Dispose();

    private async Task<PortalSnapshot> BuildAsync(List<(ContestDefinition, Elections.Totalization.Totalizer)> totals, CancellationToken cancellationToken)
    {
        foreach (var (_, contest) in totals)
        {
            contest.FlagMissing(election.Mesas);
        }

        var definition = election.Definition;
        IReadOnlyList<ExpectedMesa> expected = definition is not null
            ? [.. definition.Mesas.Select(m => new ExpectedMesa(m.Mesa, m.RegisteredElectors))]
            : [.. election.Mesas.Select(m => new ExpectedMesa(m, null))];
        var late = await LateAsync(cancellationToken).ConfigureAwait(false);
        return SnapshotBuilder.Build(election.Name, election.Date, time.GetUtcNow(), totals, expected, Name, late);
    }

    private string? Name(GeoLevel level, int prefix) =>
        election.Definition?.AreaNames.GetValueOrDefault(ElectionDefinition.AreaKey(level, prefix))
        ?? (level == GeoLevel.State ? election.StateNames.GetValueOrDefault(prefix) : null);

    /// <summary>Counted actas that reached central more than <see cref="PortalOptions.LateAfterMinutes"/> after their mesa closed.</summary>
    private async Task<ImmutableArray<LateMesa>> LateAsync(CancellationToken cancellationToken)
    {
        var rows = await central.Archive.ReadCountableAsync(cancellationToken).ConfigureAwait(false);
        var limit = TimeSpan.FromMinutes(options.Value.LateAfterMinutes);
        var late = new List<LateMesa>();
        foreach (var row in rows.Where(r => r.Status == IngestStatus.Accepted && r.Mesa is not null))
        {
            if (!_closedAt.TryGetValue(row.Hash, out var closed))
            {
                closed = _closedAt[row.Hash] = SignedActa.TryDecode(row.Bytes, out var signed, out _) ? signed!.Acta.ClosedAt : long.MinValue;
            }

            if (closed == long.MinValue || row.Mesa is not { } mesa)
            {
                continue;
            }

            var entry = new LateMesa(mesa, row.Contest, DateTimeOffset.FromUnixTimeSeconds(closed), row.ReceivedAt);
            if (entry.Delay > limit)
            {
                late.Add(entry);
            }
        }

        return [.. late.OrderByDescending(l => l.Delay)];
    }

    private ImmutableArray<SignatureLine> Signatures(SignedActa signed) =>
    [
        .. signed.Signatures.OrderBy(s => s.Role).Select(s =>
        {
            var key = central.Keys.Find(s.KeyId);
            var verifies = key is not null && key.Role == s.Role && key.Mesa == signed.Acta.Mesa && key.Key.Verify(signed.Body.AsSpan(), s.Signature.AsSpan());
            return new SignatureLine(s.Role, key?.Holder ?? "", Convert.ToHexStringLower(s.KeyId.AsSpan()), verifies);
        }),
    ];

    private static string? ActaHashOf(byte[] bytes) =>
        bytes.Length > 0 && SignedActa.TryDecode(bytes, out var signed, out _) ? Convert.ToHexStringLower(SHA256.HashData(signed!.Body.AsSpan())) : null;
}
