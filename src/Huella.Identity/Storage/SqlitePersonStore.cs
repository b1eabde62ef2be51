using System.Data.Common;
using Huella.Storage;
using Microsoft.Data.Sqlite;

namespace Huella.Identity.Storage;

/// <summary>The registry in one SQLite file (WAL, synchronous FULL: an acknowledged write survives a crash).</summary>
internal sealed class SqlitePersonStore(StoreLocation location, KeyRing keys, TimeProvider? time = null) : SqlPersonStore(location, keys, time)
{
    protected override string BinaryType => "BLOB";

    /// <summary>BEGIN IMMEDIATE takes the database's single writer lock up front, so two processes cannot fork the audit chain.</summary>
    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sqlite = (SqliteConnection)connection;
        return await Task.Run(() => (DbTransaction)sqlite.BeginTransaction(deferred: false), cancellationToken).ConfigureAwait(false);
    }
}
