namespace Huella.Server;

/// <summary>Central's log events (1100–1199). Never an acta's bytes or a key.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Central loaded from {Store}: {Counted} of {Expected} mesas counted, rebuilt in {Elapsed}")]
    public static partial void CentralLoaded(ILogger logger, Huella.Storage.StoreLocation store, int counted, int expected, TimeSpan elapsed);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Acta from {Actor} for mesa {Mesa}: {Status} ({Verdict})")]
    public static partial void ActaReceived(ILogger logger, string actor, string? mesa, Huella.Elections.Central.IngestStatus status, Huella.Elections.Actas.ActaVerdict verdict);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Storing a batch of {Count} actas failed; none was acknowledged")]
    public static partial void IngestFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Warning, Message = "Acta from {Actor} for mesa {Mesa} refused: the key is not bound to that mesa")]
    public static partial void MesaNotAllowed(ILogger logger, string actor, string mesa);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Transmission from {Actor} answered 429: too many refusals, next in {Wait}")]
    public static partial void RefusalsLimited(ILogger logger, string actor, TimeSpan wait);
}
