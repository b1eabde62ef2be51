using System.Globalization;
using System.Text;
using Huella.Crypto;

namespace Huella.Identity.Storage;

/// <summary>
/// One line of the registry's audit log: who did what, when, to whom. Details are short
/// descriptions built by the registry (statuses, counts, case ids), never biometric data or keys.
/// <see cref="Hash"/> chains it to the entry before (<see cref="HashChain"/>).
/// </summary>
public sealed record AuditEntry(long Sequence, DateTimeOffset At, string Actor, string Action, string? PersonId, string Detail, byte[] Hash)
{
    /// <summary>The bytes the chain hash covers: every field, newline-separated, UTF-8.</summary>
    public byte[] CanonicalBytes() => Canonical(Sequence, At, Actor, Action, PersonId, Detail);

    internal static byte[] Canonical(long sequence, DateTimeOffset at, string actor, string action, string? personId, string detail) =>
        Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{sequence}\n{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}\n{actor}\n{action}\n{personId}\n{detail}"));

    /// <summary>Index of the first entry whose hash does not follow from the entries before it, or -1 when the log is intact.</summary>
    public static int FirstBrokenLink(IReadOnlyList<AuditEntry> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return HashChain.FirstBrokenLink([.. log.Select(e => (e.CanonicalBytes(), e.Hash))]);
    }
}
