using System.Data.Common;
using System.Globalization;
using System.Text;
using Huella.Storage;

namespace Huella.Elections.Central;

/// <summary>One acta as received: its exact bytes and what central decided about it.</summary>
public sealed record ArchivedActa(string Hash, string? Mesa, IngestStatus Status, string Verdict, string Reason, long ReceivedAt, byte[] Bytes, int Contest = 0);

/// <summary>
/// Central's append-only archive of every acta version received, in SQLite or PostgreSQL (the same
/// SQL runs on both). Keyed by the SHA-256 of the bytes, so a retransmission is stored once; a
/// batch is written in one transaction, so an acknowledgement is never given for an unstored acta.
/// Nothing is ever updated or deleted.
/// </summary>
public sealed class ActaArchive(StoreLocation location)
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE acta_received (
            hash TEXT PRIMARY KEY,
            mesa TEXT,
            status TEXT NOT NULL,
            verdict TEXT NOT NULL,
            reason TEXT NOT NULL,
            received_at BIGINT NOT NULL,
            bytes BYTEA NOT NULL)
        """,
        "CREATE INDEX acta_received_mesa ON acta_received (mesa, status)",

        // One acta per mesa and contest since elections with several contests.
        "ALTER TABLE acta_received ADD COLUMN contest INTEGER NOT NULL DEFAULT 0",
    ];

    private static readonly string[] Columns = ["hash", "mesa", "status", "verdict", "reason", "received_at", "bytes", "contest"];

    private const string Selected = "hash, mesa, status, verdict, reason, received_at, bytes, contest";

    /// <summary>Rows per INSERT: 64 × 8 parameters stays far below SQLite's and PostgreSQL's limits.</summary>
    private const int RowsPerStatement = 64;

    public StoreLocation Location { get; } = location;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(connection, "acta_archive", Schema, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores new actas in one transaction (a hash already there is skipped); returns how many rows
    /// were written. Rows go in multi-row statements: one round trip per <see cref="RowsPerStatement"/>
    /// actas matters on PostgreSQL, and a reused statement skips re-parsing on both engines.
    /// </summary>
    public async Task<int> AppendAsync(IReadOnlyList<ArchivedActa> actas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actas);
        if (actas.Count == 0)
        {
            return 0;
        }

        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        DbCommand? full = null;
        var inserted = 0;
        try
        {
            for (var start = 0; start < actas.Count; start += RowsPerStatement)
            {
                var rows = Math.Min(RowsPerStatement, actas.Count - start);
                var insert = rows == RowsPerStatement ? full ??= InsertCommand(connection, transaction, rows) : InsertCommand(connection, transaction, rows);
                for (var r = 0; r < rows; r++)
                {
                    Bind(insert.Parameters, r * Columns.Length, actas[start + r]);
                }

                inserted += await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (insert != full)
                {
                    await insert.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (full is not null)
            {
                await full.DisposeAsync().ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    /// <summary>Every acta received, in the order of their hashes (an order anyone can reproduce).</summary>
    public async Task<List<ArchivedActa>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT {Selected} FROM acta_received ORDER BY hash";
        var all = new List<ArchivedActa>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(Read(reader));
        }

        return all;
    }

    /// <summary>Every version received for one mesa (every contest), oldest first.</summary>
    public async Task<List<ArchivedActa>> ReadMesaAsync(string mesa, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mesa);
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT {Selected} FROM acta_received WHERE mesa = @mesa ORDER BY received_at, hash";
        var parameter = query.CreateParameter();
        parameter.ParameterName = "@mesa";
        parameter.Value = mesa;
        query.Parameters.Add(parameter);
        var versions = new List<ArchivedActa>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(Read(reader));
        }

        return versions;
    }

    private static DbCommand InsertCommand(DbConnection connection, DbTransaction transaction, int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder($"INSERT INTO acta_received ({Selected}) VALUES ");
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < Columns.Length; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@{Columns[c]}{r}");
                sql.Append(c == 0 ? "" : ", ").Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(" ON CONFLICT (hash) DO NOTHING").ToString();
        return command;
    }

    private static void Bind(DbParameterCollection parameters, int first, ArchivedActa acta)
    {
        parameters[first].Value = acta.Hash;
        parameters[first + 1].Value = (object?)acta.Mesa ?? DBNull.Value;
        parameters[first + 2].Value = acta.Status.ToString();
        parameters[first + 3].Value = acta.Verdict;
        parameters[first + 4].Value = acta.Reason;
        parameters[first + 5].Value = acta.ReceivedAt;
        parameters[first + 6].Value = acta.Bytes;
        parameters[first + 7].Value = acta.Contest;
    }

    private static ArchivedActa Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        Enum.Parse<IngestStatus>(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt64(5),
        (byte[])reader.GetValue(6),
        reader.GetInt32(7));
}
