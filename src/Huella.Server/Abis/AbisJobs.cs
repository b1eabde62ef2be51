using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Huella.Biometrics;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Storage;
using Huella.Server.Api;
using Microsoft.Extensions.Options;

namespace Huella.Server.Abis;

/// <summary>
/// The ABIS job queue: requests are accepted at once and run one after another by
/// <see cref="AbisWorker"/>, as MOSIP's queue-based ABIS does. With a <see cref="AbisJournal"/>
/// (the server always has one) a job is on disk before it is acknowledged and completed jobs keep
/// their responses across restarts; without one, jobs live in memory only.
/// </summary>
public sealed class AbisJobs
{
    public const string Prefix = "mosip.abis.";
    public static readonly string[] Operations = ["insert", "identify", "delete", "ping", "pendingJobs", "referenceCount"];

    private readonly Channel<(AbisRequest Request, string Actor)> _queue = Channel.CreateUnbounded<(AbisRequest, string)>();
    private readonly ConcurrentDictionary<string, AbisJobView> _jobs = new(StringComparer.Ordinal);
    private readonly AbisJournal? _journal;
    private readonly TimeProvider _time;
    private int _pending;

    public AbisJobs(AbisJournal? journal = null, IEnumerable<AbisJournalEntry>? recovered = null, TimeProvider? time = null)
    {
        _journal = journal;
        _time = time ?? TimeProvider.System;
        foreach (var job in recovered ?? [])
        {
            if (job.Response is not null)
            {
                _jobs[job.RequestId] = new AbisJobView(job.RequestId, job.Operation, AbisJobStatus.Completed, job.Response);
            }
            else if (job.Request is not null)
            {
                _jobs[job.RequestId] = new AbisJobView(job.RequestId, job.Operation, AbisJobStatus.Queued, null);
                _pending++;
                _queue.Writer.TryWrite((job.Request, job.Actor));
            }
        }
    }

    public int Pending => Volatile.Read(ref _pending);

    internal ChannelReader<(AbisRequest Request, string Actor)> Reader => _queue.Reader;

    /// <summary>Queues a request (on disk first, when journalled); false when its request id was seen before.</summary>
    public async Task<bool> TryEnqueueAsync(AbisRequest request, string operation, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_jobs.TryAdd(request.RequestId, new AbisJobView(request.RequestId, operation, AbisJobStatus.Queued, null)))
        {
            return false;
        }

        if (_journal is not null)
        {
            try
            {
                await _journal.AcceptAsync(request, operation, actor, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _jobs.TryRemove(request.RequestId, out _);
                throw;
            }
        }

        Interlocked.Increment(ref _pending);
        return _queue.Writer.TryWrite((request, actor));
    }

    public AbisJobView? Find(string requestId) => _jobs.TryGetValue(requestId, out var job) ? job : null;

    internal async Task UpdateAsync(AbisJobView job, CancellationToken cancellationToken)
    {
        if (job.Status == AbisJobStatus.Completed && _journal is not null)
        {
            await _journal.CompleteAsync(job.Response!, cancellationToken).ConfigureAwait(false);
        }

        _jobs[job.RequestId] = job;
        if (job.Status == AbisJobStatus.Completed)
        {
            Interlocked.Decrement(ref _pending);
        }
    }
}

/// <summary>Runs queued ABIS jobs against the registry.</summary>
internal sealed class AbisWorker(AbisJobs jobs, IdentityRegistry registry, IOptions<ServerOptions> options, TimeProvider time, ILogger<AbisWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (request, actor) in jobs.Reader.ReadAllAsync(stoppingToken))
        {
            var operation = request.Id[AbisJobs.Prefix.Length..];
            await jobs.UpdateAsync(new AbisJobView(request.RequestId, operation, AbisJobStatus.Running, null), stoppingToken);
            AbisResponse response;
            try
            {
                response = await RunAsync(request, operation, actor, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.AbisFailed(logger, e, request.RequestId, operation);
                response = Failure(request, AbisFailure.InternalError);
            }

            await jobs.UpdateAsync(new AbisJobView(request.RequestId, operation, AbisJobStatus.Completed, response), stoppingToken);
            Log.AbisFinished(logger, request.RequestId, operation, response.ReturnValue);
        }
    }

    private async Task<AbisResponse> RunAsync(AbisRequest request, string operation, string actor, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case "ping":
                return Success(request);
            case "pendingJobs":
                return Success(request) with { JobsCount = Math.Max(0, jobs.Pending - 1).ToString(CultureInfo.InvariantCulture) };
            case "referenceCount":
                return Success(request) with { Count = (await registry.Store.CountAsync(cancellationToken)).InGallery.ToString(CultureInfo.InvariantCulture) };
            case "delete":
                {
                    if (!PersonId.TryParse(request.ReferenceId, out var id))
                    {
                        return Failure(request, AbisFailure.InvalidRequest);
                    }

                    try
                    {
                        await registry.SetStatusAsync(id, PersonStatus.Removed, actor, "ABIS delete", cancellationToken);
                        return Success(request);
                    }
                    catch (RegistryNotFoundException)
                    {
                        return Failure(request, AbisFailure.ReferenceNotFound);
                    }
                }

            case "insert":
                {
                    if (!PersonId.TryParse(request.ReferenceId, out var id))
                    {
                        return Failure(request, AbisFailure.InvalidRequest);
                    }

                    var (captures, problems) = Uploads.Extract(request.Biometrics, options.Value, "abis", time, positionRequired: true);
                    if (problems.Count > 0)
                    {
                        return Failure(request, AbisFailure.BiometricsUnavailable);
                    }

                    try
                    {
                        await registry.InsertReferenceAsync(id, captures, actor, cancellationToken);
                        return Success(request);
                    }
                    catch (RegistryConflictException)
                    {
                        return Failure(request, AbisFailure.ReferenceExists);
                    }
                }

            case "identify":
                return await IdentifyAsync(request, actor, cancellationToken);
            default:
                return Failure(request, AbisFailure.InvalidRequest);
        }
    }

    private async Task<AbisResponse> IdentifyAsync(AbisRequest request, string actor, CancellationToken cancellationToken)
    {
        PersonId? self = PersonId.TryParse(request.ReferenceId, out var reference) ? reference : null;
        List<FingerCapture> probes;
        if (request.Biometrics is { Count: > 0 })
        {
            var (captures, problems) = Uploads.Extract(request.Biometrics, options.Value, "abis", time, positionRequired: false);
            if (problems.Count > 0)
            {
                return Failure(request, AbisFailure.BiometricsUnavailable);
            }

            probes = captures;
        }
        else if (self is { } probeId && await registry.Store.GetAsync(probeId, cancellationToken) is { } stored)
        {
            // MOSIP's usual identify: search with the biometrics of a reference inserted before.
            probes = [.. stored.Fingers.Select(f => new FingerCapture(f.Position, FingerprintTemplate.Parse(f.Template.Span), f.Capture))];
        }
        else
        {
            return Failure(request, self is null ? AbisFailure.InvalidRequest : AbisFailure.ReferenceNotFound);
        }

        var maxResults = int.TryParse(request.Flags?.MaxResults, NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 1, 100) : 10;
        var fpir = double.TryParse(request.Flags?.TargetFpir, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t > 0 ? Math.Pow(10, -t / 10) : registry.Options.DeduplicationFpir;
        HashSet<PersonId>? gallery = null;
        if (request.Gallery?.ReferenceIds is { } ids)
        {
            gallery = [.. ids.Select(r => PersonId.TryParse(r.ReferenceId, out var g) ? g : default).Where(g => g != default)];
        }

        // The identify decision is taken per probe finger; spread the FPIR over the gallery searched
        // (a restricted gallery holds about as many fingers per person as the whole index).
        var fingersPerPerson = (double)registry.Index.FingerCount / Math.Max(1, registry.Index.PersonCount);
        var galleryFingers = gallery is null ? registry.Index.FingerCount : (int)Math.Ceiling(gallery.Count * fingersPerPerson);
        var perProbe = IdentityRegistry.ComparisonFmr(Math.Min(fpir, 0.5), 1, galleryFingers);
        var result = await registry.IdentifyAsync(probes, actor, maxResults + 1, gallery, perProbe, cancellationToken);
        var matches = result.Candidates
            .Where(c => c.AboveThreshold && c.PersonId != self)
            .Take(maxResults)
            .Select(c => new AbisCandidate(c.PersonId.Value, new AbisAnalytics(c.Score, c.ScoreFmr)))
            .ToList();
        return Success(request) with { CandidateList = new AbisCandidateList(matches.Count.ToString(CultureInfo.InvariantCulture), matches) };
    }

    private AbisResponse Success(AbisRequest request) => new(request.Id, request.RequestId, Now(), "1");

    private AbisResponse Failure(AbisRequest request, string reason) => new(request.Id, request.RequestId, Now(), "2", reason);

    private string Now() => time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
