using System.Globalization;

namespace Huella.Identity.Storage;

/// <summary>
/// The integers the registry's tables hold for its enums, and every SQL fragment that names one.
/// Stored rows outlive the enums' declarations, so the codes are pinned here rather than cast: a
/// renumbered enum then fails to compile against this map or fails its test, instead of silently
/// un-removing people or reopening resolved cases.
/// </summary>
internal static class StoredCodes
{
    /// <summary>Persons whose fingers take part in searches and whose cédula is taken.</summary>
    public static readonly string NotRemoved = $"status <> {Code(Of(PersonStatus.Removed))}";

    public static readonly string IsActive = $"status = {Code(Of(PersonStatus.Active))}";

    public static readonly string CaseIsOpen = $"state = {Code(Of(CaseState.Open))}";

    public static int Of(PersonStatus status) => status switch
    {
        PersonStatus.Active => 0,
        PersonStatus.PendingAdjudication => 1,
        PersonStatus.Deceased => 2,
        PersonStatus.Removed => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status."),
    };

    public static PersonStatus PersonStatusOf(int code) => code switch
    {
        0 => PersonStatus.Active,
        1 => PersonStatus.PendingAdjudication,
        2 => PersonStatus.Deceased,
        3 => PersonStatus.Removed,
        _ => throw new RegistryIntegrityException($"The registry holds unknown person status {code}."),
    };

    public static int Of(CaseState state) => state switch
    {
        CaseState.Open => 0,
        CaseState.Resolved => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown case state."),
    };

    public static CaseState CaseStateOf(int code) => code switch
    {
        0 => CaseState.Open,
        1 => CaseState.Resolved,
        _ => throw new RegistryIntegrityException($"The registry holds unknown case state {code}."),
    };

    public static int Of(AdjudicationDecision decision) => decision switch
    {
        AdjudicationDecision.Approve => 0,
        AdjudicationDecision.Reject => 1,
        AdjudicationDecision.Merge => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision."),
    };

    public static AdjudicationDecision DecisionOf(int code) => code switch
    {
        0 => AdjudicationDecision.Approve,
        1 => AdjudicationDecision.Reject,
        2 => AdjudicationDecision.Merge,
        _ => throw new RegistryIntegrityException($"The registry holds unknown decision {code}."),
    };

    public static int Of(Sex sex) => sex switch
    {
        Sex.Unknown => 0,
        Sex.Female => 1,
        Sex.Male => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(sex), sex, "Unknown sex."),
    };

    public static Sex SexOf(int code) => code switch
    {
        0 => Sex.Unknown,
        1 => Sex.Female,
        2 => Sex.Male,
        _ => throw new RegistryIntegrityException($"The registry holds unknown sex {code}."),
    };

    private static string Code(int code) => code.ToString(CultureInfo.InvariantCulture);
}
