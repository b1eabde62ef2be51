using System.Text.Json.Serialization;
using Huella.Server.Api;

namespace Huella.Server.Abis;

/// <summary>
/// A MOSIP ABIS request (<c>mosip.abis.insert|identify|delete|ping|pendingJobs|referenceCount</c>).
/// MOSIP hands biometrics over as a <c>referenceURL</c> to a CBEFF packet; this server does not
/// fetch URLs and takes the images inline in <see cref="Biometrics"/> instead (an extension).
/// </summary>
internal sealed record AbisRequest(
    string Id,
    string? Version,
    string RequestId,
    string? Requesttime,
    string? ReferenceId,
    string? ReferenceUrl,
    AbisGallery? Gallery,
    AbisFlags? Flags,
    IReadOnlyList<FingerImage>? Biometrics);

internal sealed record AbisGallery(IReadOnlyList<AbisReference> ReferenceIds);

internal sealed record AbisReference(string ReferenceId);

/// <summary><c>targetFPIR</c> is written as in MOSIP, −10·log10(FPIR): 30 means 1e-3.</summary>
internal sealed record AbisFlags(string? MaxResults, string? TargetFpir);

internal sealed record AbisAnalytics(double Score, double Fmr);

internal sealed record AbisCandidate(string ReferenceId, AbisAnalytics Analytics);

internal sealed record AbisCandidateList(string Count, IReadOnlyList<AbisCandidate> Candidates);

/// <summary>The MOSIP-shaped response: <c>returnValue</c> "1" success, "2" failure with <c>failureReason</c>.</summary>
internal sealed record AbisResponse(
    string Id,
    string RequestId,
    string Responsetime,
    string ReturnValue,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FailureReason = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] AbisCandidateList? CandidateList = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonPropertyName("jobscount")] string? JobsCount = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Count = null);

internal enum AbisJobStatus
{
    Queued,
    Running,
    Completed,
}

internal sealed record AbisJobView(string RequestId, AbisOperation Operation, AbisJobStatus Status, AbisResponse? Response);

/// <summary>Failure reasons, numbered as in MOSIP's ABIS specification where they overlap.</summary>
internal static class AbisFailure
{
    public const string InternalError = "1";
    public const string InvalidRequest = "4";
    public const string BiometricsUnavailable = "5";
    public const string ReferenceNotFound = "6";
    public const string ReferenceExists = "10";

    /// <summary>
    /// Not in MOSIP: the inserted fingers resemble a reference already in the gallery, so the new
    /// reference was stored pending adjudication (not active); <c>candidateList</c> names the likenesses.
    /// </summary>
    public const string HeldForAdjudication = "100";
}
