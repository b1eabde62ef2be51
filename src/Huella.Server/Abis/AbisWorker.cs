using System.Globalization;
using Huella.Biometrics;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Storage;
using Huella.Server.Api;

namespace Huella.Server.Abis;

/// <summary>
/// Runs queued ABIS jobs against the registry, one at a time. Who may run what was decided when
/// the job was submitted (<see cref="AbisRules.RolesFor"/>); here each operation takes the same
/// path as its REST twin: insert is an enrollment with the 1:N duplicate search, delete a status change.
/// </summary>
internal sealed class AbisWorker(AbisJobs jobs, IdentityRegistry registry, Uploads uploads, TimeProvider time, ILogger<AbisWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await EvictAsync(stoppingToken);
        await foreach (var (request, actor) in jobs.Reader.ReadAllAsync(stoppingToken))
        {
            // Submission accepted only parseable ids (and the journal only stores those).
            var operation = AbisOperations.TryParseId(request.Id, out var parsed) ? parsed : throw new InvalidOperationException($"job {request.RequestId} has no ABIS operation");
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
            await EvictAsync(stoppingToken);
        }
    }

    private async Task EvictAsync(CancellationToken cancellationToken)
    {
        try
        {
            var evicted = await jobs.EvictAsync(cancellationToken);
            if (evicted > 0)
            {
                Log.AbisEvicted(logger, evicted);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The jobs stay listed and are tried again after the next job; running jobs matters more.
            Log.AbisEvictionFailed(logger, e);
        }
    }

    private async Task<AbisResponse> RunAsync(AbisRequest request, AbisOperation operation, string actor, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case AbisOperation.Ping:
                return Success(request);
            case AbisOperation.PendingJobs:
                return Success(request) with { JobsCount = Math.Max(0, jobs.Pending - 1).ToString(CultureInfo.InvariantCulture) };
            case AbisOperation.ReferenceCount:
                return Success(request) with { Count = (await registry.Store.CountAsync(cancellationToken)).InGallery.ToString(CultureInfo.InvariantCulture) };
            case AbisOperation.Delete:
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

            case AbisOperation.Insert:
                return await InsertAsync(request, actor, cancellationToken);
            case AbisOperation.Identify:
                return await IdentifyAsync(request, actor, cancellationToken);
            default:
                return Failure(request, AbisFailure.InvalidRequest);
        }
    }

    private async Task<AbisResponse> InsertAsync(AbisRequest request, string actor, CancellationToken cancellationToken)
    {
        if (!PersonId.TryParse(request.ReferenceId, out var id))
        {
            return Failure(request, AbisFailure.InvalidRequest);
        }

        var (captures, problems) = await uploads.ExtractAsync(request.Biometrics, "abis", positionRequired: true, cancellationToken);
        if (problems.Count > 0)
        {
            return Failure(request, AbisFailure.BiometricsUnavailable);
        }

        var result = await registry.InsertReferenceAsync(id, captures, actor, cancellationToken);
        return result.Outcome switch
        {
            EnrollmentOutcome.Enrolled => Success(request),
            EnrollmentOutcome.PendingAdjudication => Failure(request, AbisFailure.HeldForAdjudication) with
            {
                CandidateList = new AbisCandidateList(
                    result.Candidates.Count.ToString(CultureInfo.InvariantCulture),
                    [.. result.Candidates.Select(c => new AbisCandidate(c.PersonId.Value, new AbisAnalytics(c.Score, c.Fmr)))]),
            },
            _ when result.Problems.Any(p => p.Code == CaptureProblemCode.ReferenceTaken) => Failure(request, AbisFailure.ReferenceExists),
            _ => Failure(request, AbisFailure.BiometricsUnavailable),
        };
    }

    private async Task<AbisResponse> IdentifyAsync(AbisRequest request, string actor, CancellationToken cancellationToken)
    {
        // Checked at submit; a job journalled before that check existed is checked again here.
        if (!AbisRules.TryTargetFpir(request.Flags?.TargetFpir, out var targetFpir) || !AbisRules.TryMaxResults(request.Flags?.MaxResults, out var maxResultsAsked))
        {
            return Failure(request, AbisFailure.InvalidRequest);
        }

        PersonId? self = PersonId.TryParse(request.ReferenceId, out var reference) ? reference : null;
        List<FingerCapture> probes;
        if (request.Biometrics is { Count: > 0 })
        {
            var (captures, problems) = await uploads.ExtractAsync(request.Biometrics, "abis", positionRequired: false, cancellationToken);
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

        var maxResults = maxResultsAsked ?? 10;
        var fpir = targetFpir ?? registry.Options.DeduplicationFpir;
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
