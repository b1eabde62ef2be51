using System.Data.Common;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>The registry on PostgreSQL; writers from every server process queue on one advisory lock.</summary>
public sealed class PostgresPersonStore(StoreLocation location, KeyRing keys, TimeProvider? time = null) : SqlPersonStore(location, keys, time)
{
    /// <summary>Arbitrary but fixed: the advisory lock the registry's writers share.</summary>
    private const long WriterLock = 0x4875656C6C6152;

    protected override string BinaryType => "BYTEA";

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({WriterLock})";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return transaction;
    }
}
