using Microsoft.Extensions.Logging;

namespace Huella.Server;

/// <summary>Everything the server logs, with stable event ids. Never a template, an image, a key or a secret.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Registry loaded from {Store}: {Persons} persons, {Fingers} fingers in {Milliseconds}")]
    public static partial void RegistryLoaded(ILogger logger, Huella.Storage.StoreLocation store, int persons, int fingers, TimeSpan milliseconds);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Enrollment by {Actor}: {Outcome} {PersonId}")]
    public static partial void Enrolled(ILogger logger, string actor, Huella.Identity.Enrollment.EnrollmentOutcome outcome, string? personId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Verification by {Actor} of {PersonId}: {Match}")]
    public static partial void Verified(ILogger logger, string actor, Huella.Identity.PersonId personId, bool match);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Identification by {Actor}: {Candidates} candidates")]
    public static partial void Identified(ILogger logger, string actor, int candidates);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Case {CaseId} decided by {Actor}: {Decision}")]
    public static partial void Adjudicated(ILogger logger, Guid caseId, string actor, Huella.Identity.AdjudicationDecision decision);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Warning, Message = "Rejected an unknown API key from {Remote}")]
    public static partial void BadApiKey(ILogger logger, string remote);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Information, Message = "ABIS job {RequestId} ({Operation}) queued")]
    public static partial void AbisQueued(ILogger logger, string requestId, Abis.AbisOperation operation);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "ABIS job {RequestId} ({Operation}) finished: {ReturnValue}")]
    public static partial void AbisFinished(ILogger logger, string requestId, Abis.AbisOperation operation, string returnValue);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Error, Message = "ABIS job {RequestId} ({Operation}) failed")]
    public static partial void AbisFailed(ILogger logger, Exception exception, string requestId, Abis.AbisOperation operation);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Information, Message = "ABIS forgot {Jobs} completed jobs past their retention")]
    public static partial void AbisEvicted(ILogger logger, int jobs);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Warning, Message = "ABIS could not forget completed jobs; retrying after the next job")]
    public static partial void AbisEvictionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Warning, Message = "ABIS {Operation} refused: the queue holds {Pending} jobs")]
    public static partial void AbisQueueFull(ILogger logger, Abis.AbisOperation operation, int pending);
}
