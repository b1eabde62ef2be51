using System.Collections.Concurrent;
using System.Security.Cryptography;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Results;
using Huella.Elections.Totalization;

namespace Huella.Elections.Central;

/// <summary>
/// The national totalization centre: receives signed actas in any order, any number of times,
/// checks each against the published keys, archives every version, counts the first valid acta
/// per mesa, and recomputes totals from the archive alone (what any observer can do).
/// </summary>
public sealed class CentralCount(ActaArchive archive, PublishedKeys keys, SingleSeatContest contest, TimeProvider time) : IDisposable
{
    // One ingest at a time decides "first valid acta per mesa"; verification runs in parallel outside it.
    private readonly SemaphoreSlim _decide = new(1, 1);

    public async Task<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<byte[]> transmissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transmissions);
        var checks = new (ActaCheck Check, string Hash)[transmissions.Count];
        Parallel.For(0, transmissions.Count, i =>
        {
            checks[i] = (Countable(transmissions[i]), Convert.ToHexStringLower(SHA256.HashData(transmissions[i])));
        });

        await _decide.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var counted = await archive.CountedHashByMesaAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var rows = new List<ArchivedActa>(transmissions.Count);
            var outcomes = new IngestOutcome[transmissions.Count];
            var inBatch = new HashSet<string>();
            for (var i = 0; i < transmissions.Count; i++)
            {
                var (check, hash) = checks[i];

                var mesa = check.Acta?.Mesa.ToString();
                var status = !check.IsValid ? IngestStatus.Rejected
                    : counted.TryGetValue(mesa!, out var countedHash) ? (countedHash == hash ? IngestStatus.AlreadyReceived : IngestStatus.Conflicting)
                    : IngestStatus.Accepted;
                if (status == IngestStatus.Accepted)
                {
                    counted[mesa!] = hash;
                }

                outcomes[i] = new IngestOutcome(status, check.Acta?.Mesa, check.Verdict, check.Reason, hash);
                if (status != IngestStatus.AlreadyReceived && inBatch.Add(hash))
                {
                    rows.Add(new ArchivedActa(hash, mesa, status, check.Verdict.ToString(), check.Reason, now, transmissions[i]));
                }
            }

            var existing = await archive.AppendAsync(rows, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < outcomes.Length; i++)
            {
                if (existing.Contains(outcomes[i].Hash))
                {
                    outcomes[i] = outcomes[i] with { Status = IngestStatus.AlreadyReceived };
                }
            }

            return outcomes;
        }
        finally
        {
            _decide.Release();
        }
    }

    /// <summary>Recounts from the archive: every stored acta re-verified, the first valid one per mesa counted.</summary>
    public async Task<Totalizer> RecountAsync(CancellationToken cancellationToken = default)
    {
        var all = await archive.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var valid = new ConcurrentBag<(IngestStatus Status, string Hash, Acta Acta)>();
        Parallel.ForEach(all, stored =>
        {
            var check = Countable(stored.Bytes);
            if (check.IsValid)
            {
                valid.Add((stored.Status, stored.Hash, check.Acta!));
            }
        });

        // The archive records which valid acta came first for each mesa; the later ones are conflicts.
        var totalizer = new Totalizer(contest.Candidates.Length);
        foreach (var (_, _, acta) in valid.OrderBy(v => v.Status != IngestStatus.Accepted).ThenBy(v => v.Hash, StringComparer.Ordinal))
        {
            totalizer.Add(ToResult(acta, contest));
        }

        return totalizer;
    }

    public void Dispose() => _decide.Dispose();

    /// <summary>Valid only for a closing acta: a zero report proves the box was empty at opening; it is archived, never counted.</summary>
    private ActaCheck Countable(byte[] bytes)
    {
        var check = ActaVerifier.Verify(bytes, keys);
        return check.IsValid && check.Acta!.Kind != ActaKind.Closing
            ? check with { Verdict = ActaVerdict.Inconsistent, Reason = "an opening acta (zero report) is not a count" }
            : check;
    }

    public static MesaResult ToResult(Acta acta, SingleSeatContest contest)
    {
        ArgumentNullException.ThrowIfNull(acta);
        ArgumentNullException.ThrowIfNull(contest);
        return new MesaResult(acta.Mesa, acta.RegisteredElectors, contest.CandidateVotes(acta.CardVotes.AsSpan()), acta.NullVotes, acta.BlankVotes, acta.CardVotes);
    }
}
