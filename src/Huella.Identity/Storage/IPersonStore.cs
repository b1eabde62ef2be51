namespace Huella.Identity.Storage;

/// <summary>
/// Where the registry keeps persons, adjudication cases and its audit log. Every write is one
/// transaction that also appends its audit entry, so a crash leaves either all of it or none.
/// Templates go in sealed with the store's key ring and come out opened.
/// </summary>
public interface IPersonStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a new person (and the adjudication case opened for them, if any). Throws
    /// <see cref="RegistryConflictException"/> when the id exists or the cédula belongs to a record
    /// that is not removed: nothing enrolled is ever overwritten.
    /// </summary>
    Task InsertAsync(PersonRecord person, AdjudicationCase? openedCase, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds persons vetted elsewhere (a migration from an older registry, a synthetic population) in
    /// one transaction, each with its audit entry; a conflict on any of them stores none of them.
    /// </summary>
    Task InsertManyAsync(IReadOnlyList<PersonRecord> persons, string actor, CancellationToken cancellationToken = default);

    Task<PersonRecord?> GetAsync(PersonId id, CancellationToken cancellationToken = default);

    /// <summary>The record holding this cédula that is not removed, if any.</summary>
    Task<PersonRecord?> FindByCedulaAsync(Cedula cedula, CancellationToken cancellationToken = default);

    /// <summary>Every person whose fingers take part in searches, fingers opened, for loading the gallery index.</summary>
    /// <summary>Throws <see cref="RegistryIntegrityException"/> at the first finger that does not open.</summary>
    IAsyncEnumerable<PersonRecord> ReadGalleryAsync(CancellationToken cancellationToken = default);

    /// <summary>As above, but a finger that does not open is reported to <paramref name="unreadable"/> and left out; the rest loads.</summary>
    IAsyncEnumerable<PersonRecord> ReadGalleryAsync(Action<UnreadableFinger> unreadable, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every active person with a cédula and an address, demographics and fingers opened (possibly
    /// none), ordered by geography code then cédula: what an electoral roll is cut from.
    /// </summary>
    IAsyncEnumerable<PersonRecord> ReadActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes a person's status, appending to their history. Throws <see cref="RegistryNotFoundException"/> for an unknown id.</summary>
    Task<PersonRecord> SetStatusAsync(PersonId id, PersonStatus status, string actor, string reason, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AdjudicationCase>> OpenCasesAsync(CancellationToken cancellationToken = default);

    Task<AdjudicationCase?> GetCaseAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies an adjudicator's decision in one transaction (see <see cref="AdjudicationDecision"/>).
    /// A merge target must be one of the case's candidates. Throws <see cref="RegistryConflictException"/>
    /// when the case is already resolved.
    /// </summary>
    Task<AdjudicationCase> ResolveCaseAsync(Guid id, AdjudicationDecision decision, PersonId? mergeInto, string actor, CancellationToken cancellationToken = default);

    Task<RegistryCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>Appends an audit entry for an operation that changes nothing (a verification, a search).</summary>
    Task AuditAsync(string actor, string action, PersonId? person, string detail, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(CancellationToken cancellationToken = default);

    /// <summary>Checks the audit log's end against the latest signed checkpoint kept outside the database (see <see cref="AuditAnchor"/>).</summary>
    Task<AuditAnchorStatus> CheckAuditAnchorAsync(CancellationToken cancellationToken = default);

    /// <summary>Re-seals every template with <paramref name="ring"/>'s current key, in one transaction; returns how many.</summary>
    Task<int> RotateKeyAsync(KeyRing ring, string actor, CancellationToken cancellationToken = default);
}

/// <summary>How many records the store holds, by status, and how many fingers are in the gallery.</summary>
public sealed record RegistryCounts(int Active, int PendingAdjudication, int Deceased, int Removed, int GalleryFingers, int OpenCases)
{
    public int InGallery => Active + PendingAdjudication + Deceased;
}

public sealed class RegistryConflictException(string message) : Exception(message);

public sealed class RegistryNotFoundException(string message) : Exception(message);
