namespace Huella.Identity;

/// <summary>An enrolled person a search found similar: fused score and the FMR that score stands for.</summary>
public sealed record MatchCandidate(PersonId PersonId, double Score, double Fmr);

public enum CaseState
{
    Open = 0,
    Resolved = 1,
}

/// <summary>What an adjudicator decided about a possible duplicate.</summary>
public enum AdjudicationDecision
{
    /// <summary>Not the same person: the pending record becomes active.</summary>
    Approve = 0,

    /// <summary>A fraudulent or mistaken enrollment: the pending record is removed.</summary>
    Reject = 1,

    /// <summary>The same person: fingers the existing record lacks are added to it, the pending record is removed.</summary>
    Merge = 2,
}

/// <summary>A possible duplicate waiting for (or decided by) a human adjudicator.</summary>
public sealed record AdjudicationCase(
    Guid Id,
    PersonId PendingPerson,
    IReadOnlyList<MatchCandidate> Candidates,
    DateTimeOffset OpenedAt,
    CaseState State,
    AdjudicationDecision? Decision = null,
    PersonId? MergedInto = null,
    string? ResolvedBy = null,
    DateTimeOffset? ResolvedAt = null);
