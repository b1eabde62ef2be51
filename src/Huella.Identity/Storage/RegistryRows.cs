using Huella.Crypto;

namespace Huella.Identity.Storage;

/// <summary>
/// One batch of persons as the rows the tables receive: templates already sealed, times already
/// formatted, audit entries already chained. Built once by <see cref="EnrollmentRows"/> inside the
/// write transaction; each engine only decides how the rows travel (statements or COPY).
/// </summary>
internal sealed class RowBatch
{
    public List<PersonRow> Persons { get; } = [];

    public List<FingerRow> Fingers { get; } = [];

    public List<HistoryRow> History { get; } = [];

    public List<AuditRow> Audit { get; } = [];
}

internal readonly record struct PersonRow(
    string Id, string? Cedula, int Status, string? GivenNames, string? FamilyNames, string? BirthDate, int? Sex, string? AddressLine, string? GeographyCode, string CreatedAt);

internal readonly record struct FingerRow(string PersonId, int Position, string KeyId, byte[] Template, int Quality, string CapturedAt, string Device, double Dpi);

internal readonly record struct HistoryRow(string PersonId, int Seq, string At, int Status, string Actor, string Reason);

internal readonly record struct AuditRow(long Seq, string At, string Actor, string Action, string? PersonId, string Detail, byte[] Hash);

/// <summary>The audit chain's head inside one write transaction: each entry hashes the one before.</summary>
internal sealed class AuditChain(long sequence, byte[] head, string actor, TimeProvider time)
{
    private long _sequence = sequence;
    private byte[] _head = head;

    public long Sequence => _sequence;

    public byte[] Head => _head;

    public AuditRow Next(AuditAction action, PersonId? person, string detail)
    {
        _sequence++;
        var at = time.GetUtcNow();
        _head = HashChain.Link(_head, AuditEntry.Canonical(_sequence, at, actor, action.ToStored(), person?.Value, detail));
        return new AuditRow(_sequence, RegistrySql.Format(at), actor, action.ToStored(), person?.Value, detail, _head);
    }
}

/// <summary>A gallery finger as read, still sealed: opened (in parallel) before it becomes a <see cref="FingerRecord"/>.</summary>
internal readonly record struct SealedGalleryRow(string PersonId, int Status, int Position, string KeyId, byte[] Template, int Quality, string CapturedAt, string Device, double Dpi);
