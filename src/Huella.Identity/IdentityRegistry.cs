using System.Globalization;
using System.Threading.Channels;
using Huella.Biometrics;
using Huella.Identity.Enrollment;
using Huella.Identity.Gallery;
using Huella.Identity.Storage;

namespace Huella.Identity;

/// <summary>
/// The registry: enrollment with 1:N deduplication, 1:1 verification, 1:N identification and the
/// adjudication queue, over a store (the truth) and an in-memory gallery index kept in step with
/// it. Enrollment decisions are serialised in this process, so two concurrent enrollments of one
/// person cannot both miss each other in the gallery. Run one registry process per store.
/// </summary>
public sealed class IdentityRegistry : IAsyncDisposable
{
    /// <summary>Persons handed from the store reader to the index build at a time during start-up.</summary>
    private const int LoadBatch = 4096;

    private readonly SemaphoreSlim _decisions = new(1, 1);
    private readonly TimeProvider _time;

    private IdentityRegistry(SqlPersonStore store, GalleryIndex index, RegistryOptions options, TimeProvider time)
    {
        Store = store;
        Index = index;
        Options = options;
        _time = time;
    }

    public SqlPersonStore Store { get; }

    public GalleryIndex Index { get; }

    public RegistryOptions Options { get; }

    /// <summary>How long the last start-up took to load the gallery from the store.</summary>
    public TimeSpan LoadTime { get; private set; }

    /// <summary>Stored fingers the last load could not open (altered, moved, unknown key); they take no part in searches until re-enrolled.</summary>
    public IReadOnlyList<UnreadableFinger> UnreadableFingers { get; private set; } = [];

    /// <summary>The audit log against its signed checkpoint, as found when the registry was opened.</summary>
    public AuditAnchorStatus AuditAnchor { get; private set; }

    /// <summary>Initialises the store and loads every gallery finger into a new index.</summary>
    public static async Task<IdentityRegistry> OpenAsync(SqlPersonStore store, RegistryOptions? options = null, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new RegistryOptions();
        time ??= TimeProvider.System;
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var registry = new IdentityRegistry(store, new GalleryIndex(options.Gallery), options, time);
        registry.AuditAnchor = await store.CheckAuditAnchorAsync(cancellationToken).ConfigureAwait(false);
        await registry.ReloadAsync(cancellationToken).ConfigureAwait(false);
        return registry;
    }

    /// <summary>Rebuilds the index from the store.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        foreach (var stale in Index.Snapshot().Keys)
        {
            Index.Remove(stale);
        }

        // Building the index is the expensive part (spread over the cores by AddAll); the store is
        // read on another task meanwhile, a few batches ahead, so reading, decrypting and indexing overlap.
        var batches = Channel.CreateBounded<List<PersonRecord>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var unreadable = new List<UnreadableFinger>();

        // Chunks are opened on the thread pool, two at a time.
        void Collect(UnreadableFinger bad)
        {
            lock (unreadable)
            {
                unreadable.Add(bad);
            }
        }

        var reading = Task.Run(
            async () =>
            {
                try
                {
                    var pending = new List<PersonRecord>(LoadBatch);
                    await foreach (var person in Store.ReadGalleryAsync(Collect, stop.Token).ConfigureAwait(false))
                    {
                        pending.Add(person);
                        if (pending.Count >= LoadBatch)
                        {
                            await batches.Writer.WriteAsync(pending, stop.Token).ConfigureAwait(false);
                            pending = new List<PersonRecord>(LoadBatch);
                        }
                    }

                    await batches.Writer.WriteAsync(pending, stop.Token).ConfigureAwait(false);
                    batches.Writer.Complete();
                }
                catch (Exception e)
                {
                    batches.Writer.Complete(e);
                }
            },
            stop.Token);
        try
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                AddAll(batch);
            }
        }
        finally
        {
            // An index build that failed must not leave the reader blocked on a full channel.
            await stop.CancelAsync().ConfigureAwait(false);
        }

        await reading.ConfigureAwait(false);

        // One bad row is tampering, and is flagged; none opening at all is the wrong key ring.
        if (unreadable.Count > 0 && Index.FingerCount == 0)
        {
            throw new RegistryIntegrityException($"The key ring opens none of the {unreadable.Count} stored templates ({unreadable[0]}): it is not this registry's ring.");
        }

        UnreadableFingers = unreadable;
        Index.TrimExcess();
        LoadTime = _time.GetElapsedTime(started);
    }

    /// <summary>Enrolls a person: rejects unusable captures and taken cédulas, otherwise stores them active or pending adjudication.</summary>
    public async Task<EnrollmentResult> EnrollAsync(EnrollmentRequest request, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var problems = CheckRequest(request);
        if (problems.Count > 0)
        {
            return Rejected(problems);
        }

        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await Store.FindByCedulaAsync(request.Cedula, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return Rejected([new CaptureProblem(null, CaptureProblemCode.CedulaTaken, $"Cédula {request.Cedula} is already enrolled (reference {existing.Id}, {existing.Status}).")]);
            }

            return await StoreDeduplicatedAsync(PersonId.New(), request.Cedula, request.Demographics, request.Fingers, actor, "enrolled", cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryConflictException e)
        {
            return Rejected([new CaptureProblem(null, CaptureProblemCode.Conflict, e.Message)]);
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>
    /// Registers persons vetted elsewhere (a migration from an older registry, a synthetic
    /// population) without the 1:N search, in one transaction: all of them or, on any conflict or
    /// invalid record, none. A person may come without fingers (registered before biometrics);
    /// the polling station's policy then decides. Returns the new references in order.
    /// </summary>
    public async Task<IReadOnlyList<PersonId>> ImportAsync(IReadOnlyList<EnrollmentRequest> persons, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        foreach (var request in persons)
        {
            if ((request.Demographics ?? throw new ArgumentException($"Cédula {request.Cedula}: demographics are required.", nameof(persons))).Problem(today) is { } problem)
            {
                throw new ArgumentException($"Cédula {request.Cedula}: {problem}.", nameof(persons));
            }

            if (request.Fingers.Any(f => f.Position is null))
            {
                throw new ArgumentException($"Cédula {request.Cedula}: every finger needs its position.", nameof(persons));
            }
        }

        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = _time.GetUtcNow();
            var records = persons.Select(p => new PersonRecord(
                PersonId.New(),
                p.Cedula,
                p.Demographics,
                [.. p.Fingers.Select(f => f.ToRecord())],
                PersonStatus.Active,
                [new StatusChange(now, PersonStatus.Active, actor, "imported without 1:N search")])).ToList();
            await Store.InsertManyAsync(records, actor, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < records.Count; i++)
            {
                if (persons[i].Fingers.Count > 0)
                {
                    Index.Upsert(records[i].Id, persons[i].Fingers.Select(f => (f.Position!.Value, f.Template)));
                }
            }

            return [.. records.Select(r => r.Id)];
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>
    /// Stores a reference under the caller's id (the ABIS insert operation, biometrics only) by the
    /// same rules as <see cref="EnrollAsync"/>: the quality minimum and the 1:N duplicate search,
    /// so a finger already in the gallery under another reference waits for adjudication instead of
    /// becoming active. A taken id is refused with the problem code <c>reference-taken</c>.
    /// </summary>
    public async Task<EnrollmentResult> InsertReferenceAsync(PersonId id, IReadOnlyList<FingerCapture> fingers, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fingers);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var problems = new List<CaptureProblem>();
        CheckFingers(fingers, problems);
        if (problems.Count > 0)
        {
            return Rejected(problems);
        }

        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await StoreDeduplicatedAsync(id, null, null, fingers, actor, "inserted by reference", cancellationToken).ConfigureAwait(false);
        }
        catch (RegistryConflictException e)
        {
            return Rejected([new CaptureProblem(null, CaptureProblemCode.ReferenceTaken, e.Message)]);
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>1:1: do these fingers belong to the enrolled person? Null when the person is unknown.</summary>
    public async Task<VerificationResult?> VerifyAsync(PersonId id, IReadOnlyList<FingerCapture> probes, string actor, double? fmr = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var person = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (person is null)
        {
            return null;
        }

        var rate = fmr ?? Options.VerificationFmr;
        var best = 0.0;
        var comparisons = 0;
        foreach (var probe in probes)
        {
            var matcher = new FingerprintMatcher(probe.Template);
            foreach (var finger in person.Fingers.Where(f => probe.Position is null || f.Position == probe.Position))
            {
                best = Math.Max(best, matcher.Match(FingerprintTemplate.Parse(finger.Template.Span)));
                comparisons++;
            }
        }

        // The decision takes the best of several comparisons: split the FMR over them so the decision's FMR stays at the rate asked for.
        var threshold = ScoreCalibration.ThresholdFor(rate / Math.Max(1, comparisons));
        var isMatch = comparisons > 0 && best >= threshold && person.Status == PersonStatus.Active;
        await Store.AuditAsync(actor, AuditAction.Verify, id, string.Create(CultureInfo.InvariantCulture, $"match={isMatch} fmr={rate:G3} fingers={probes.Count}"), cancellationToken).ConfigureAwait(false);
        return new VerificationResult(isMatch, id, person.Status, best, threshold, rate, ScoreCalibration.FmrAt(best), comparisons);
    }

    /// <summary>
    /// The false match rate per comparison that keeps a search of <paramref name="probes"/> fingers
    /// against <paramref name="galleryFingers"/> fingers at false positive identification rate
    /// <paramref name="fpir"/> (union bound: the rate over every comparison the search makes).
    /// </summary>
    public static double ComparisonFmr(double fpir, int probes, int galleryFingers)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fpir);
        return fpir / Math.Max(1, probes) / Math.Max(1, galleryFingers);
    }

    /// <summary>1:N: the persons these fingers most resemble, best first, optionally only among <paramref name="restrictTo"/>.</summary>
    public async Task<IdentificationResult> IdentifyAsync(IReadOnlyList<FingerCapture> probes, string actor, int? maxResults = null, IReadOnlySet<PersonId>? restrictTo = null, double? fmr = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var rate = fmr ?? Options.VerificationFmr;
        var threshold = ScoreCalibration.ThresholdFor(rate / Math.Max(1, probes.Count));
        var hits = Index.Search([.. probes.Select(p => new ProbeFinger(p.Template, p.Position))], maxResults ?? Options.MaxCandidates, 0, restrictTo);
        var candidates = hits.Select(h => new IdentifiedCandidate(h.PersonId, h.Score, ScoreCalibration.FmrAt(h.Score), h.Score >= threshold)).ToList();
        await Store.AuditAsync(actor, AuditAction.Identify, null, string.Create(CultureInfo.InvariantCulture, $"fingers={probes.Count} candidates={candidates.Count} matches={candidates.Count(c => c.AboveThreshold)}"), cancellationToken).ConfigureAwait(false);
        return new IdentificationResult(candidates, threshold, rate);
    }

    /// <summary>Applies an adjudicator's decision and brings the index in step with it.</summary>
    public async Task<AdjudicationCase> AdjudicateAsync(Guid caseId, AdjudicationDecision decision, PersonId? mergeInto, string actor, CancellationToken cancellationToken = default)
    {
        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var resolved = await Store.ResolveCaseAsync(caseId, decision, mergeInto, actor, cancellationToken).ConfigureAwait(false);
            if (decision != AdjudicationDecision.Approve)
            {
                Index.Remove(resolved.PendingPerson);
            }

            if (resolved.MergedInto is { } target)
            {
                await RefreshAsync(target, cancellationToken).ConfigureAwait(false);
            }

            return resolved;
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>Changes a person's status (deceased, removed, …) and the index with it.</summary>
    public async Task<PersonRecord> SetStatusAsync(PersonId id, PersonStatus status, string actor, string reason, CancellationToken cancellationToken = default)
    {
        await _decisions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var person = await Store.SetStatusAsync(id, status, actor, reason, cancellationToken).ConfigureAwait(false);
            await RefreshAsync(id, cancellationToken).ConfigureAwait(false);
            return person;
        }
        finally
        {
            _decisions.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Index.Dispose();
        _decisions.Dispose();
        await Store.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RefreshAsync(PersonId id, CancellationToken cancellationToken)
    {
        var person = await Store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (person is null || !person.InGallery)
        {
            Index.Remove(id);
            return;
        }

        Index.Upsert(id, person.Fingers.Select(f => (f.Position, FingerprintTemplate.Parse(f.Template.Span))));
    }

    /// <summary>The 1:N duplicate search and the insert it decides; the caller holds <see cref="_decisions"/>.</summary>
    private async Task<EnrollmentResult> StoreDeduplicatedAsync(
        PersonId id, Cedula? cedula, Demographics? demographics, IReadOnlyList<FingerCapture> fingers, string actor, string how, CancellationToken cancellationToken)
    {
        var probes = fingers.Select(f => new ProbeFinger(f.Template, f.Position)).ToList();
        // Never looser than a 1:1 verification: in a small gallery the FPIR alone would flag weak likenesses.
        var rate = Math.Min(ComparisonFmr(Options.DeduplicationFpir, probes.Count, Index.FingerCount), Options.VerificationFmr / probes.Count);
        var threshold = ScoreCalibration.ThresholdFor(rate);
        var candidates = Index.Search(probes, Options.MaxCandidates, threshold)
            .Select(h => new MatchCandidate(h.PersonId, h.Score, ScoreCalibration.FmrAt(h.Score)))
            .ToList();
        var now = _time.GetUtcNow();
        var status = candidates.Count == 0 ? PersonStatus.Active : PersonStatus.PendingAdjudication;
        var reason = candidates.Count == 0 ? $"{how}: no similar person in the gallery" : $"possible duplicate of {candidates.Count} person(s)";
        var person = new PersonRecord(
            id,
            cedula,
            demographics,
            [.. fingers.Select(f => f.ToRecord())],
            status,
            [new StatusChange(now, status, actor, reason)]);
        var opened = candidates.Count == 0 ? null : new AdjudicationCase(Guid.CreateVersion7(), id, candidates, now, CaseState.Open);
        await Store.InsertAsync(person, opened, actor, cancellationToken).ConfigureAwait(false);
        Index.Upsert(id, fingers.Select(f => (f.Position!.Value, f.Template)));
        return new EnrollmentResult(candidates.Count == 0 ? EnrollmentOutcome.Enrolled : EnrollmentOutcome.PendingAdjudication, id, opened?.Id, candidates, []);
    }

    private List<CaptureProblem> CheckRequest(EnrollmentRequest request)
    {
        var problems = new List<CaptureProblem>();
        if (request.Demographics?.Problem(DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime)) is { } demographic)
        {
            problems.Add(new CaptureProblem(null, CaptureProblemCode.Demographics, demographic));
        }
        else if (request.Demographics is null)
        {
            problems.Add(new CaptureProblem(null, CaptureProblemCode.Demographics, "demographics are required"));
        }

        CheckFingers(request.Fingers, problems);
        return problems;
    }

    private void CheckFingers(IReadOnlyList<FingerCapture>? fingers, List<CaptureProblem> problems)
    {
        problems.AddRange(FingerSet.Problems(fingers is null ? [] : [.. fingers.Select(f => f.Position)]));
        if (fingers is null || problems.Count > 0)
        {
            return;
        }

        foreach (var finger in fingers.Where(f => f.Template.Quality < Options.MinEnrollQuality))
        {
            problems.Add(new CaptureProblem(
                finger.Position,
                CaptureProblemCode.LowQuality,
                $"{CaptureExtractor.Name(finger.Position)}: image quality {finger.Template.Quality} is below the minimum {Options.MinEnrollQuality}; clean the sensor and the finger, press flat and recapture"));
        }
    }

    private static EnrollmentResult Rejected(IReadOnlyList<CaptureProblem> problems) => new(EnrollmentOutcome.Rejected, null, null, [], problems);

    private void AddAll(List<PersonRecord> persons)
    {
        if (!Options.Gallery.KeepPreparedTemplates)
        {
            // A compact index reads the minutiae only; templates are prepared when a search shortlists them.
            Parallel.ForEach(persons, person => Index.UpsertSerialized(person.Id, person.Fingers.Select(f => (f.Position, f.Template.ToArray()))));
            return;
        }

        var parsed = new (PersonId Id, (FingerPosition, FingerprintTemplate)[] Fingers)[persons.Count];
        Parallel.For(0, persons.Count, i =>
        {
            parsed[i] = (persons[i].Id, [.. persons[i].Fingers.Select(f => (f.Position, FingerprintTemplate.Parse(f.Template.Span)))]);
        });
        foreach (var (id, fingers) in parsed)
        {
            Index.Upsert(id, fingers);
        }
    }
}
