using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Elections.Actas;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Results;
using Huella.Elections.Totalization;

namespace Huella.Elections.Central;

/// <summary>
/// The national totalization centre: receives signed actas in any order, any number of times,
/// checks each against the published keys, archives every version, counts the first valid acta
/// per mesa and contest, and keeps live totals (one <see cref="Totalizer"/> per contest) that always
/// equal a recount from the archive alone (what any observer can do). One <see cref="CentralCount"/>
/// owns its archive: it alone writes to it.
/// </summary>
/// <remarks>
/// A valid acta is identified by the SHA-256 of its signed body, not of the bytes that carried it:
/// signatures cover only the body, so the same acta with other valid signatures attached is the
/// same acta (already received), never a conflict that would push the mesa's genuine acta aside.
/// </remarks>
public sealed class CentralCount : IDisposable
{
    // One ingest at a time decides "first valid acta per mesa"; checks run in parallel outside it.
    private readonly SemaphoreSlim _decide = new(1, 1);

    // Built from the archive on first use (after a restart: a full recount), then kept in step with
    // every committed batch; dropped whenever a write fails, so it is rebuilt from what was stored.
    private LiveState? _live;
    private readonly TimeProvider _time;

    // Refused bodies kept per sender, read from the archive on a sender's first refusal, kept in
    // step with every committed batch, dropped with the live state when a write fails.
    private readonly Dictionary<string, RefusalUsage> _refused = new(StringComparer.Ordinal);

    /// <summary>Central for an election's contests, in the order of its definition (an acta names its contest by this index).</summary>
    public CentralCount(ActaArchive archive, PublishedKeys keys, IReadOnlyList<BallotContest> contests, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(contests);
        ArgumentNullException.ThrowIfNull(time);
        if (contests.Count == 0)
        {
            throw new ArgumentException("Central counts at least one contest.", nameof(contests));
        }

        Archive = archive;
        Keys = keys;
        Contests = [.. contests];
        _time = time;
    }

    public ActaArchive Archive { get; }

    public PublishedKeys Keys { get; }

    public ImmutableArray<BallotContest> Contests { get; }

    /// <summary>How much of what each sender sends that is refused is kept whole.</summary>
    public RefusalLimits RefusalLimits { get; init; } = new();

    /// <summary>Decodes, hashes and verifies one transmission from <paramref name="sender"/> (an API key's name); thread-safe and lock-free.</summary>
    public CheckedActa Check(byte[] transmission, string? sender = null)
    {
        ArgumentNullException.ThrowIfNull(transmission);
        var (check, actaHash) = Countable(transmission);
        return new CheckedActa(transmission, Convert.ToHexStringLower(SHA256.HashData(transmission)), check, actaHash, sender);
    }

    /// <summary>Checks the transmissions on all cores, then stores and counts them in one transaction.</summary>
    public Task<IReadOnlyList<IngestOutcome>> IngestAsync(IReadOnlyList<byte[]> transmissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transmissions);
        var checks = new CheckedActa[transmissions.Count];
        Parallel.For(0, transmissions.Count, i => checks[i] = Check(transmissions[i]));
        return IngestCheckedAsync(checks, cancellationToken);
    }

    /// <summary>
    /// Ingests a long list in batches (one transaction each), checking the next batch's signatures
    /// on all cores while the previous batch is being written and synced: the disk's wait hides
    /// behind the CPU's work instead of adding to it. Outcomes are in the order of the input.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestAllAsync(IReadOnlyList<byte[]> transmissions, int batchSize = 1_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transmissions);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var outcomes = new List<IngestOutcome>(transmissions.Count);
        Task<CheckedActa[]> CheckAsync(int start) => Task.Run(
            () =>
            {
                var checks = new CheckedActa[Math.Min(batchSize, transmissions.Count - start)];
                Parallel.For(0, checks.Length, i => checks[i] = Check(transmissions[start + i]));
                return checks;
            },
            cancellationToken);

        var next = transmissions.Count > 0 ? CheckAsync(0) : null;
        for (var start = 0; next is not null; start += batchSize)
        {
            var checks = await next.ConfigureAwait(false);
            next = start + batchSize < transmissions.Count ? CheckAsync(start + batchSize) : null;
            try
            {
                outcomes.AddRange(await IngestCheckedAsync(checks, cancellationToken).ConfigureAwait(false));
            }
            catch
            {
                if (next is not null)
                {
                    await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                throw;
            }
        }

        return outcomes;
    }

    /// <summary>
    /// Decides each checked acta (accepted, already received, conflicting, rejected), stores the new
    /// ones in one transaction and only then counts them: an outcome returned is an acta stored.
    /// </summary>
    public async Task<IReadOnlyList<IngestOutcome>> IngestCheckedAsync(IReadOnlyList<CheckedActa> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        await _decide.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var live = _live ??= await RebuildAsync(cancellationToken).ConfigureAwait(false);
            var now = DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());
            var outcomes = new IngestOutcome[checks.Count];
            var rows = new List<ArchivedActa>(checks.Count);
            var newlyCounted = new Dictionary<MesaContest, string>();
            var newActas = new HashSet<string>(StringComparer.Ordinal);
            var additions = new List<(int Contest, MesaResult Result)>();
            var refusals = await RefusalsToStoreAsync(checks, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < checks.Count; i++)
            {
                var (bytes, hash, check, actaHash, sender) = checks[i];
                var acta = check.Acta;
                IngestStatus status;
                if (!check.IsValid)
                {
                    status = IngestStatus.Rejected;
                }
                else if (live.CountedHash.TryGetValue(new(acta!.Mesa, acta.Contest), out var counted) || newlyCounted.TryGetValue(new(acta.Mesa, acta.Contest), out counted))
                {
                    status = counted == actaHash ? IngestStatus.AlreadyReceived : IngestStatus.Conflicting;
                }
                else
                {
                    status = IngestStatus.Accepted;
                    newlyCounted.Add(new(acta.Mesa, acta.Contest), actaHash!);
                }

                outcomes[i] = new IngestOutcome(status, acta?.Mesa, check.Verdict, check.Reason, hash, acta?.Contest ?? 0, actaHash);
                if (status == IngestStatus.Rejected)
                {
                    if (refusals.TryGetValue(i, out var keep))
                    {
                        rows.Add(new ArchivedActa(hash, acta?.Mesa, status, check.Verdict, check.Reason, now, keep ? bytes : [], acta?.Contest ?? 0, sender ?? "") { Size = bytes.Length });
                    }
                }
                else if (status != IngestStatus.AlreadyReceived && !live.StoredActas.Contains(actaHash!) && newActas.Add(actaHash!))
                {
                    rows.Add(new ArchivedActa(hash, acta!.Mesa, status, check.Verdict, check.Reason, now, bytes, acta.Contest, sender ?? ""));

                    // A conflicting acta goes to the totalizer too: it flags it, and counts only the first.
                    additions.Add((acta.Contest, ToResult(acta, Contests[acta.Contest])));
                }
            }

            var inserted = await Archive.AppendAsync(rows, cancellationToken).ConfigureAwait(false);
            if (inserted != rows.Count)
            {
                // Someone else wrote to the archive: what is stored is the truth, rebuild from it next time.
                _live = null;
                _refused.Clear();
            }
            else
            {
                live.Apply(newlyCounted, newActas, additions);
                foreach (var row in rows.Where(r => r.Status == IngestStatus.Rejected && r.BodyKept && r.Size > 0))
                {
                    _refused[row.Sender!] = _refused[row.Sender!].Plus(row.Size);
                }
            }

            return outcomes;
        }
        catch
        {
            _live = null;
            _refused.Clear();
            throw;
        }
        finally
        {
            _decide.Release();
        }
    }

    /// <summary>Rebuilds the live totals from the archive (every stored acta re-verified), as at start-up after a crash.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _decide.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _live = await RebuildAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _decide.Release();
        }
    }

    /// <summary>The live totals of one contest: every acta stored so far, counted once, conflicts flagged. The caller owns it.</summary>
    public async Task<Totalizer> TotalsAsync(int contest, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)contest, (uint)Contests.Length, nameof(contest));
        await _decide.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var live = _live ??= await RebuildAsync(cancellationToken).ConfigureAwait(false);
            return live.Snapshot(contest, Contests[contest].Candidates.Length);
        }
        finally
        {
            _decide.Release();
        }
    }

    /// <summary>Recounts one contest from the archive alone (see <see cref="RecountAllAsync"/>).</summary>
    public async Task<Totalizer> RecountAsync(int contest, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)contest, (uint)Contests.Length, nameof(contest));
        return (await RebuildAsync(cancellationToken).ConfigureAwait(false)).Snapshot(contest, Contests[contest].Candidates.Length);
    }

    /// <summary>Recounts every contest from the archive alone, ignoring the live totals: every stored acta re-verified, the first valid one per mesa and contest counted.</summary>
    public async Task<ImmutableArray<Totalizer>> RecountAllAsync(CancellationToken cancellationToken = default)
    {
        var state = await RebuildAsync(cancellationToken).ConfigureAwait(false);
        return [.. Contests.Select((c, i) => state.Snapshot(i, c.Candidates.Length))];
    }

    public void Dispose() => _decide.Dispose();

    /// <summary>
    /// Which refused transmissions of the batch get a row (index → whether the body is kept whole):
    /// one not stored yet, its body kept while its sender is within <see cref="RefusalLimits"/>, its
    /// summary alone past them. A refusal already stored is not stored again.
    /// </summary>
    private async Task<Dictionary<int, bool>> RefusalsToStoreAsync(IReadOnlyList<CheckedActa> checks, CancellationToken cancellationToken)
    {
        var refused = Enumerable.Range(0, checks.Count).Where(i => !checks[i].Check.IsValid).ToList();
        var rows = new Dictionary<int, bool>();
        if (refused.Count == 0)
        {
            return rows;
        }

        var stored = await Archive.StoredAsync([.. refused.Select(i => checks[i].Hash).Distinct(StringComparer.Ordinal)], cancellationToken).ConfigureAwait(false);
        var usage = new Dictionary<string, RefusalUsage>(StringComparer.Ordinal);
        foreach (var i in refused)
        {
            var (bytes, hash, _, _, sender) = checks[i];
            if (!stored.Add(hash))
            {
                continue;
            }

            sender ??= "";
            if (!usage.TryGetValue(sender, out var kept))
            {
                if (!_refused.TryGetValue(sender, out kept))
                {
                    kept = _refused[sender] = await Archive.RefusedUsageAsync(sender, cancellationToken).ConfigureAwait(false);
                }
            }

            var keep = RefusalLimits.Fits(kept, bytes.Length);
            usage[sender] = keep && bytes.Length > 0 ? kept.Plus(bytes.Length) : kept;
            rows.Add(i, keep);
        }

        return rows;
    }

    public static MesaResult ToResult(Acta acta, BallotContest contest)
    {
        ArgumentNullException.ThrowIfNull(acta);
        ArgumentNullException.ThrowIfNull(contest);
        return new MesaResult(acta.Mesa, acta.RegisteredElectors, contest.CandidateVotes(acta.CardVotes.AsSpan()), acta.NullVotes, acta.BlankVotes, acta.CardVotes, acta.MarksPerBallot > 1 ? acta.BallotsCast : null);
    }

    private async Task<LiveState> RebuildAsync(CancellationToken cancellationToken)
    {
        var all = await Archive.ReadCountableAsync(cancellationToken).ConfigureAwait(false);
        var valid = new Acta?[all.Count];
        var actaHashes = new string?[all.Count];
        Parallel.For(0, all.Count, i =>
        {
            var (check, actaHash) = Countable(all[i].Bytes);
            valid[i] = check.IsValid ? check.Acta : null;
            actaHashes[i] = actaHash;
        });

        // The archive records which valid acta came first for each mesa; the later ones are conflicts.
        var order = Enumerable.Range(0, all.Count).Where(i => valid[i] is not null)
            .OrderBy(i => all[i].Status != IngestStatus.Accepted).ThenBy(i => all[i].Hash, StringComparer.Ordinal);
        var state = new LiveState(Contests.Length);
        foreach (var i in order)
        {
            // One signed body stored twice (other signatures, in an archive written before actas
            // were identified by their body) is one acta.
            if (!state.StoredActas.Add(actaHashes[i]!))
            {
                continue;
            }

            var acta = valid[i]!;
            var result = ToResult(acta, Contests[acta.Contest]);
            state.Added[acta.Contest].Add(result);
            state.CountedHash.TryAdd(new(result.Mesa, acta.Contest), actaHashes[i]!);
        }

        return state;
    }

    /// <summary>
    /// Valid only for a closing acta of one of this election's contests, shaped as that contest is:
    /// a zero report proves the box was empty at opening (archived, never counted), and counts for a
    /// contest that does not exist or has other cards cannot be summed with anything.
    /// </summary>
    private (ActaCheck Check, string? ActaHash) Countable(byte[] bytes)
    {
        if (!SignedActa.TryDecode(bytes, out var signed, out var error))
        {
            return (new ActaCheck(ActaVerdict.Malformed, error!, null), null);
        }

        var actaHash = Convert.ToHexStringLower(SHA256.HashData(signed!.Body.AsSpan()));
        var check = ActaVerifier.Verify(signed, Keys);
        if (!check.IsValid)
        {
            return (check, actaHash);
        }

        var acta = check.Acta!;
        var problem = acta.Kind != ActaKind.Closing ? "an opening acta (zero report) is not a count"
            : acta.Contest >= Contests.Length ? $"the acta counts contest {acta.Contest}; this election has {Contests.Length}"
            : acta.CardVotes.Length != Contests[acta.Contest].Cards.Length ? $"the acta has {acta.CardVotes.Length} cards; {Contests[acta.Contest].Name} has {Contests[acta.Contest].Cards.Length}"
            : acta.MarksPerBallot != Contests[acta.Contest].MarksPerBallot ? $"the acta allows {acta.MarksPerBallot} mark(s) per ballot; {Contests[acta.Contest].Name} allows {Contests[acta.Contest].MarksPerBallot}"
            : null;
        return (problem is null ? check : check with { Verdict = ActaVerdict.Inconsistent, Reason = problem }, actaHash);
    }

    /// <summary>Central counts one acta per mesa and contest.</summary>
    private readonly record struct MesaContest(MesaId Mesa, int Contest);

    /// <summary>
    /// What central has counted: every valid acta of each contest in the order it was decided (totals
    /// are summed from these on demand, so a conflict is flagged exactly as a recount would), the
    /// counted acta per mesa and contest, and every valid acta stored, all by the hash of the signed body.
    /// </summary>
    private sealed class LiveState(int contests)
    {
        public List<MesaResult>[] Added { get; } = [.. Enumerable.Range(0, contests).Select(_ => new List<MesaResult>())];

        public Dictionary<MesaContest, string> CountedHash { get; } = [];

        public HashSet<string> StoredActas { get; } = new(StringComparer.Ordinal);

        public void Apply(Dictionary<MesaContest, string> counted, HashSet<string> stored, List<(int Contest, MesaResult Result)> additions)
        {
            foreach (var (key, hash) in counted)
            {
                CountedHash.Add(key, hash);
            }

            StoredActas.UnionWith(stored);
            foreach (var (contest, result) in additions)
            {
                Added[contest].Add(result);
            }
        }

        public Totalizer Snapshot(int contest, int candidates)
        {
            var copy = new Totalizer(candidates);
            foreach (var result in Added[contest])
            {
                copy.Add(result);
            }

            return copy;
        }
    }
}
