namespace Huella.Identity.Storage;

/// <summary>What an audit entry records.</summary>
public enum AuditAction
{
    PersonInsert,
    PersonStatus,
    PersonMerge,
    CaseOpen,
    CaseResolve,
    KeysRotate,
    Verify,
    Identify,
}

/// <summary>
/// The action names written into the audit log (and covered by its hash chain): pinned here, once,
/// because a stored entry's hash depends on the exact text; the enum can be reordered or renamed freely.
/// </summary>
public static class AuditActions
{
    private static readonly Dictionary<AuditAction, string> Stored = new()
    {
        [AuditAction.PersonInsert] = "person.insert",
        [AuditAction.PersonStatus] = "person.status",
        [AuditAction.PersonMerge] = "person.merge",
        [AuditAction.CaseOpen] = "case.open",
        [AuditAction.CaseResolve] = "case.resolve",
        [AuditAction.KeysRotate] = "keys.rotate",
        [AuditAction.Verify] = "verify",
        [AuditAction.Identify] = "identify",
    };

    private static readonly Dictionary<string, AuditAction> Parsed = Stored.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToStored(this AuditAction action) =>
        Stored.TryGetValue(action, out var text) ? text : throw new ArgumentOutOfRangeException(nameof(action), action, "no stored name");

    public static bool TryParse(string stored, out AuditAction action) => Parsed.TryGetValue(stored, out action);
}
