using Huella.Elections.Actas;
using Huella.Elections.Geography;

namespace Huella.Elections.Central;

public enum IngestStatus
{
    /// <summary>A valid acta, stored and counted.</summary>
    Accepted,

    /// <summary>This acta (the same signed body) was received before: acknowledged again, stored once.</summary>
    AlreadyReceived,

    /// <summary>A valid acta for a mesa that already has a different valid acta: stored, flagged, not counted.</summary>
    Conflicting,

    /// <summary>Forged, altered, unknown machine, wrong mesa, malformed: kept as evidence (whole, or its summary past the sender's cap), never counted.</summary>
    Rejected,
}

/// <summary>
/// What central answers a station for one transmitted acta (the mesa and contest it names, when it
/// could be read): <paramref name="Hash"/> names the bytes received, <paramref name="ActaHash"/> the
/// signed body they carry (null when they do not decode).
/// </summary>
public readonly record struct IngestOutcome(IngestStatus Status, MesaId? Mesa, ActaVerdict Verdict, string Reason, string Hash, int Contest = 0, string? ActaHash = null);
