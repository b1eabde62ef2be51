using System.Security.Claims;
using Huella.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huella.Server.Abis;

/// <summary>
/// MOSIP ABIS operations as asynchronous jobs: POST a request, poll its status by request id. The
/// endpoints let in any key that could submit some operation; each operation then needs the role
/// of its REST twin (<see cref="AbisRules.RolesFor"/>), checked with the submitting key before the
/// job is queued, and reading a job needs the role of its operation.
/// </summary>
internal static class AbisEndpoints
{
    /// <summary>Any role that can submit at least one ABIS operation.</summary>
    public const string Policy = "abis";

    /// <summary>Seconds a client is asked to wait when the queue is full.</summary>
    private const int RetryAfterSeconds = 5;

    public static void MapAbis(this IEndpointRouteBuilder app)
    {
        var abis = app.MapGroup("/abis/v1").WithTags("abis").RequireAuthorization(Policy);
        abis.MapPost("/requests", Submit).WithName("AbisSubmit").WithSummary("Queue a mosip.abis.* request; 202 with the job's location.");
        abis.MapGet("/requests/{requestId}", Status).WithName("AbisStatus").WithSummary("A job's status and, once completed, its MOSIP response.");
    }

    private static async Task<Results<Accepted<AbisJobView>, ProblemHttpResult>> Submit(
        AbisRequest request, AbisJobs jobs, ClaimsPrincipal user, HttpResponse response, ILogger<AbisJobs> logger, CancellationToken cancellationToken)
    {
        if (!AbisOperations.TryParseId(request.Id, out var operation))
        {
            return TypedResults.Problem($"id must be one of {string.Join(", ", AbisOperations.Ids)}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!AbisRules.MayRun(user, operation))
        {
            return TypedResults.Problem($"{operation.Id()} needs the role {string.Join(" or ", AbisRules.RolesFor(operation))}.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (!AbisRules.IsAddressable(request.RequestId))
        {
            return TypedResults.Problem(
                "requestId is required: 1 to 128 letters, digits, '-', '_', '.' or ':', starting with a letter or digit (it is a segment of the job's URL).",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (!AbisRules.TryTargetFpir(request.Flags?.TargetFpir, out _))
        {
            return TypedResults.Problem(
                $"flags.targetFPIR is -10·log10(FPIR): a number from 0 (FPIR 1) to {AbisRules.MaxTargetFpir} (FPIR 1e-12).",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (!AbisRules.TryMaxResults(request.Flags?.MaxResults, out _))
        {
            return TypedResults.Problem("flags.maxResults is a whole number of at least 1.", statusCode: StatusCodes.Status400BadRequest);
        }

        switch (await jobs.TryEnqueueAsync(request, operation, "api:" + (user.Identity?.Name ?? "?"), cancellationToken))
        {
            case AbisSubmission.DuplicateRequestId:
                return TypedResults.Problem($"requestId {request.RequestId} was already submitted.", statusCode: StatusCodes.Status409Conflict);
            case AbisSubmission.QueueFull:
                Log.AbisQueueFull(logger, operation, jobs.Pending);
                response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem($"The ABIS queue holds its limit of {jobs.Limits.MaxPending} jobs; submit again later.", statusCode: StatusCodes.Status503ServiceUnavailable);
            default:
                Log.AbisQueued(logger, request.RequestId, operation);
                return TypedResults.Accepted($"/abis/v1/requests/{request.RequestId}", jobs.Find(request.RequestId));
        }
    }

    private static Results<Ok<AbisJobView>, NotFound, ProblemHttpResult> Status(string requestId, AbisJobs jobs, ClaimsPrincipal user)
    {
        if (jobs.Find(requestId) is not { } job)
        {
            return TypedResults.NotFound();
        }

        // An identify job's answer names persons: it is for the roles that may identify, not every enroller.
        return AbisRules.MayRun(user, job.Operation)
            ? TypedResults.Ok(job)
            : TypedResults.Problem($"Reading a {job.Operation.Id()} job needs the role {string.Join(" or ", AbisRules.RolesFor(job.Operation))}.", statusCode: StatusCodes.Status403Forbidden);
    }
}
