using System.Data.Common;
using Huella.Crypto;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>Appends an entry to the audit chain of the write transaction it was handed.</summary>
internal delegate Task AuditWriter(AuditAction action, PersonId? person, string detail);

/// <summary>The audit log's table: its chain head, its entries, and its end checked against the signed anchor.</summary>
internal static class AuditLog
{
    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, AuditRow entry, CancellationToken cancellationToken) =>
        RegistrySql.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO audit_log (seq, at, actor, action, person_id, detail, hash) VALUES (@s, @at, @by, @what, @p, @d, @h)",
            cancellationToken,
            ("@s", entry.Seq),
            ("@at", entry.At),
            ("@by", entry.Actor),
            ("@what", entry.Action),
            ("@p", entry.PersonId),
            ("@d", entry.Detail),
            ("@h", entry.Hash));

    public static async Task<(long Sequence, byte[] Head)> HeadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), (byte[])reader.GetValue(1))
            : (0, HashChain.Genesis.ToArray());
    }

    public static async Task<IReadOnlyList<AuditEntry>> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, actor, action, person_id, detail, hash FROM audit_log ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                RegistrySql.ParseTime(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                (byte[])reader.GetValue(6)));
        }

        return entries;
    }

    public static async Task<AuditAnchorStatus> CheckAnchorAsync(DbConnection connection, AuditAnchor? anchor, KeyRing keys, CancellationToken cancellationToken)
    {
        var last = await RegistrySql.ScalarIntAsync(connection, "SELECT COALESCE(MAX(seq), 0) FROM audit_log", cancellationToken).ConfigureAwait(false);
        if (anchor is null)
        {
            return new AuditAnchorStatus(AuditAnchorState.NotConfigured, last, 0, 0);
        }

        var (checkpoint, rejected) = anchor.ReadLatest(AuditCheckpoint.TrustedSigners(keys));
        byte[]? stored = null;
        if (checkpoint is not null)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT hash FROM audit_log WHERE seq = @s";
            SchemaMigrator.AddParameter(command, "@s", checkpoint.Sequence);
            stored = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        }

        return AuditAnchorStatus.Evaluate(last, checkpoint, stored, rejected);
    }
}
