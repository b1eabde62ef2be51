using Huella.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Huella.Server.Abis;

/// <summary>MOSIP ABIS operations as asynchronous jobs: POST a request, poll its status by request id.</summary>
internal static class AbisEndpoints
{
    public static void MapAbis(this IEndpointRouteBuilder app)
    {
        var abis = app.MapGroup("/abis/v1").WithTags("abis").RequireAuthorization(Roles.Enroller);
        abis.MapPost("/requests", Submit).WithName("AbisSubmit").WithSummary("Queue a mosip.abis.* request; 202 with the job's location.");
        abis.MapGet("/requests/{requestId}", Status).WithName("AbisStatus").WithSummary("A job's status and, once completed, its MOSIP response.");
    }

    private static async Task<Results<Accepted<AbisJobView>, ProblemHttpResult>> Submit(AbisRequest request, AbisJobs jobs, System.Security.Claims.ClaimsPrincipal user, ILogger<AbisJobs> logger, CancellationToken cancellationToken)
    {
        var operation = request.Id is { } id && id.StartsWith(AbisJobs.Prefix, StringComparison.Ordinal) ? id[AbisJobs.Prefix.Length..] : null;
        if (operation is null || !AbisJobs.Operations.Contains(operation, StringComparer.Ordinal))
        {
            return TypedResults.Problem($"id must be one of {string.Join(", ", AbisJobs.Operations.Select(o => AbisJobs.Prefix + o))}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrWhiteSpace(request.RequestId) || request.RequestId.Length > 128)
        {
            return TypedResults.Problem("requestId is required (at most 128 characters).", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!await jobs.TryEnqueueAsync(request, operation, "api:" + (user.Identity?.Name ?? "?"), cancellationToken))
        {
            return TypedResults.Problem($"requestId {request.RequestId} was already submitted.", statusCode: StatusCodes.Status409Conflict);
        }

        Log.AbisQueued(logger, request.RequestId, operation);
        return TypedResults.Accepted($"/abis/v1/requests/{Uri.EscapeDataString(request.RequestId)}", jobs.Find(request.RequestId));
    }

    private static Results<Ok<AbisJobView>, NotFound> Status(string requestId, AbisJobs jobs) =>
        jobs.Find(requestId) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound();
}
