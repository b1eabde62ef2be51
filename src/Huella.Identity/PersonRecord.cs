namespace Huella.Identity;

public enum PersonStatus
{
    Active = 0,
    PendingAdjudication = 1,
    Deceased = 2,
    Removed = 3,
}

/// <summary>One change of a person's status: who, when, why.</summary>
public sealed record StatusChange(DateTimeOffset At, PersonStatus Status, string Actor, string Reason);

/// <summary>
/// A person in the registry. <see cref="Cedula"/> and <see cref="Demographics"/> are null for
/// references inserted through the ABIS interface, which carries biometrics only.
/// </summary>
public sealed record PersonRecord(
    PersonId Id,
    Cedula? Cedula,
    Demographics? Demographics,
    IReadOnlyList<FingerRecord> Fingers,
    PersonStatus Status,
    IReadOnlyList<StatusChange> History)
{
    /// <summary>Whether the person's fingers take part in 1:N searches (everything but removed records).</summary>
    public bool InGallery => Status != PersonStatus.Removed;

    public FingerRecord? Finger(FingerPosition position) => Fingers.FirstOrDefault(f => f.Position == position);
}
