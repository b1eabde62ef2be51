using Huella.Elections.Actas;
using Huella.Elections.Geography;

namespace Huella.Elections.Central;

public enum IngestStatus
{
    /// <summary>A valid acta, stored and counted.</summary>
    Accepted,

    /// <summary>These exact bytes were received before: acknowledged again, stored once.</summary>
    AlreadyReceived,

    /// <summary>A valid acta for a mesa that already has a different valid acta: stored, flagged, not counted.</summary>
    Conflicting,

    /// <summary>Forged, altered, unknown machine, wrong mesa, malformed: stored as received (evidence), never counted.</summary>
    Rejected,
}

/// <summary>What central answers a station for one transmitted acta (the mesa and contest it names, when it could be read).</summary>
public readonly record struct IngestOutcome(IngestStatus Status, MesaId? Mesa, ActaVerdict Verdict, string Reason, string Hash, int Contest = 0);
