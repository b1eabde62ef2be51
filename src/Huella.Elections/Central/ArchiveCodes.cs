using Huella.Elections.Actas;

namespace Huella.Elections.Central;

/// <summary>
/// The text the acta archive holds for its enums. Stored rows outlive the enums' declarations, so
/// the codes are pinned here rather than taken from <c>ToString()</c>: renaming a member then fails
/// to compile against this map or fails its test, instead of making old rows unreadable. The codes
/// are the names central has always written.
/// </summary>
internal static class ArchiveCodes
{
    public const string Rejected = "Rejected";

    public static string Of(IngestStatus status) => status switch
    {
        IngestStatus.Accepted => "Accepted",
        IngestStatus.AlreadyReceived => "AlreadyReceived",
        IngestStatus.Conflicting => "Conflicting",
        IngestStatus.Rejected => Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown ingest status."),
    };

    public static IngestStatus StatusOf(string code) => code switch
    {
        "Accepted" => IngestStatus.Accepted,
        "AlreadyReceived" => IngestStatus.AlreadyReceived,
        "Conflicting" => IngestStatus.Conflicting,
        Rejected => IngestStatus.Rejected,
        _ => throw new ElectionDataException($"The acta archive holds unknown status '{code}'."),
    };

    public static string Of(ActaVerdict verdict) => verdict switch
    {
        ActaVerdict.Valid => "Valid",
        ActaVerdict.Malformed => "Malformed",
        ActaVerdict.WrongElection => "WrongElection",
        ActaVerdict.UnknownMachine => "UnknownMachine",
        ActaVerdict.WrongMesa => "WrongMesa",
        ActaVerdict.BadSignature => "BadSignature",
        ActaVerdict.MissingCountersignatures => "MissingCountersignatures",
        ActaVerdict.Inconsistent => "Inconsistent",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };

    public static ActaVerdict VerdictOf(string code) => code switch
    {
        "Valid" => ActaVerdict.Valid,
        "Malformed" => ActaVerdict.Malformed,
        "WrongElection" => ActaVerdict.WrongElection,
        "UnknownMachine" => ActaVerdict.UnknownMachine,
        "WrongMesa" => ActaVerdict.WrongMesa,
        "BadSignature" => ActaVerdict.BadSignature,
        "MissingCountersignatures" => ActaVerdict.MissingCountersignatures,
        "Inconsistent" => ActaVerdict.Inconsistent,
        _ => throw new ElectionDataException($"The acta archive holds unknown verdict '{code}'."),
    };
}
