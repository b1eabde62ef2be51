using Huella.Identity;

namespace Huella.Server.Api;

/// <summary>One finger image in a request: base64 image bytes (PNG, TIFF, JPEG, BMP, PGM), its position when known, its resolution when the file does not say.</summary>
internal sealed record FingerImage(int? Position, string Image, double? Dpi = null);

internal sealed record EnrollRequest(
    string Cedula,
    string GivenNames,
    string FamilyNames,
    DateOnly BirthDate,
    Sex Sex,
    string Address,
    string GeographyCode,
    IReadOnlyList<FingerImage> Fingers,
    string? Device = null);

internal sealed record CandidateView(string PersonId, double Score, double Fmr);

internal sealed record EnrollResponse(string Outcome, string PersonId, Guid? CaseId, IReadOnlyList<CandidateView> Candidates);

internal sealed record FingerView(int Position, int Quality, DateTimeOffset CapturedAt, string Device, double Dpi);

internal sealed record PersonView(
    string PersonId,
    string? Cedula,
    Demographics? Demographics,
    PersonStatus Status,
    IReadOnlyList<FingerView> Fingers,
    IReadOnlyList<StatusChange> History)
{
    public static PersonView From(PersonRecord person) => new(
        person.Id.Value,
        person.Cedula?.ToString(),
        person.Demographics,
        person.Status,
        [.. person.Fingers.Select(f => new FingerView((int)f.Position, f.Quality, f.Capture.CapturedAt, f.Capture.Device, f.Capture.Dpi))],
        person.History);
}

internal sealed record StatusRequest(PersonStatus Status, string Reason);

internal sealed record VerifyRequest(string? Cedula, string? PersonId, IReadOnlyList<FingerImage> Fingers, double? Fmr = null);

internal sealed record VerifyResponse(bool Match, string PersonId, PersonStatus Status, double Score, double Threshold, double Fmr, double ScoreFmr, int Comparisons);

internal sealed record IdentifyRequest(IReadOnlyList<FingerImage> Fingers, int? MaxResults = null, double? Fmr = null, IReadOnlyList<string>? ReferenceIds = null);

internal sealed record IdentifiedView(string PersonId, string? Cedula, double Score, double ScoreFmr, bool Match);

internal sealed record IdentifyResponse(IReadOnlyList<IdentifiedView> Candidates, double Threshold, double Fmr);

internal sealed record DecisionRequest(AdjudicationDecision Decision, string? MergeInto = null);

internal sealed record StatsResponse(
    int Active,
    int PendingAdjudication,
    int Deceased,
    int Removed,
    int OpenCases,
    int StorePersonsInGallery,
    int StoreFingersInGallery,
    int IndexPersons,
    int IndexFingers,
    bool IndexMatchesStore,
    double LoadMilliseconds,
    IReadOnlyList<string> UnreadableFingers);

/// <summary>Every gallery template opened (decrypted and authenticated) now: those that did not open, by person and finger.</summary>
internal sealed record IntegrityResponse(int PersonsChecked, int FingersChecked, IReadOnlyList<string> UnreadableFingers);

internal sealed record AuditView(long Sequence, DateTimeOffset At, string Actor, string Action, string? PersonId, string Detail, string Hash);

/// <summary>The log, whether its chain links up, and whether it still reaches its latest signed checkpoint (<c>AnchorState</c>: Anchored, Empty, NotConfigured, Unanchored, Truncated, Rewritten).</summary>
internal sealed record AuditResponse(int Entries, bool ChainIntact, long? FirstBrokenSequence, string AnchorState, string Anchor, IReadOnlyList<AuditView> Log);
