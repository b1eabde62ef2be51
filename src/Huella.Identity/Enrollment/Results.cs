namespace Huella.Identity.Enrollment;

/// <summary>What enrollment asks for: who the person says they are and their captured fingers.</summary>
public sealed record EnrollmentRequest(Cedula Cedula, Demographics Demographics, IReadOnlyList<FingerCapture> Fingers);

public enum EnrollmentOutcome
{
    /// <summary>No similar person: the record is active.</summary>
    Enrolled,

    /// <summary>Similar to enrolled persons: the record waits in the adjudication queue.</summary>
    PendingAdjudication,

    /// <summary>Nothing was stored; <see cref="EnrollmentResult.Problems"/> says why.</summary>
    Rejected,
}

public sealed record EnrollmentResult(
    EnrollmentOutcome Outcome,
    PersonId? PersonId,
    Guid? CaseId,
    IReadOnlyList<MatchCandidate> Candidates,
    IReadOnlyList<CaptureProblem> Problems);

/// <summary>A 1:1 decision: the fused score, the threshold used and the false match rate it stands for.</summary>
public sealed record VerificationResult(bool IsMatch, PersonId PersonId, PersonStatus Status, double Score, double Threshold, double Fmr, double ScoreFmr, int Comparisons);

/// <summary>A 1:N answer: candidates best first; those at or above the threshold are matches at the stated FMR.</summary>
public sealed record IdentificationResult(IReadOnlyList<IdentifiedCandidate> Candidates, double Threshold, double Fmr);

public sealed record IdentifiedCandidate(PersonId PersonId, double Score, double ScoreFmr, bool AboveThreshold);
