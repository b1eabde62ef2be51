using System.Data.Common;
using Huella.Storage;

namespace Huella.Elections.Central;

/// <summary>One acta as received: its exact bytes and what central decided about it.</summary>
public sealed record ArchivedActa(string Hash, string? Mesa, IngestStatus Status, string Verdict, string Reason, long ReceivedAt, byte[] Bytes);

/// <summary>
/// Central's append-only archive of every acta version received, in SQLite or PostgreSQL (the same
/// SQL runs on both). Keyed by the SHA-256 of the bytes, so a retransmission is stored once; a
/// batch is written in one transaction, so an acknowledgement is never given for an unstored acta.
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
    ];

    private static readonly string[] Columns = ["@hash", "@mesa", "@status", "@verdict", "@reason", "@received_at", "@bytes"];

    public StoreLocation Location { get; } = location;

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(connection, "acta_archive", Schema, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores new actas in one transaction; returns the hashes that were already there.</summary>
    public async Task<HashSet<string>> AppendAsync(IReadOnlyList<ArchivedActa> actas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actas);
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var existing = new HashSet<string>();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO acta_received (hash, mesa, status, verdict, reason, received_at, bytes)
            VALUES (@hash, @mesa, @status, @verdict, @reason, @received_at, @bytes)
            ON CONFLICT (hash) DO NOTHING
            """;
        var parameters = Columns.Select(name => { var p = insert.CreateParameter(); p.ParameterName = name; insert.Parameters.Add(p); return p; }).ToArray();
        foreach (var acta in actas)
        {
            parameters[0].Value = acta.Hash;
            parameters[1].Value = (object?)acta.Mesa ?? DBNull.Value;
            parameters[2].Value = acta.Status.ToString();
            parameters[3].Value = acta.Verdict;
            parameters[4].Value = acta.Reason;
            parameters[5].Value = acta.ReceivedAt;
            parameters[6].Value = acta.Bytes;
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                existing.Add(acta.Hash);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return existing;
    }

    /// <summary>Every acta received, in the order of their hashes (an order anyone can reproduce).</summary>
    public async Task<List<ArchivedActa>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT hash, mesa, status, verdict, reason, received_at, bytes FROM acta_received ORDER BY hash";
        var all = new List<ArchivedActa>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(Read(reader));
        }

        return all;
    }

    /// <summary>The status already recorded for each mesa with a counted acta (to spot conflicts).</summary>
    public async Task<Dictionary<string, string>> CountedHashByMesaAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT mesa, hash FROM acta_received WHERE status = 'Accepted'";
        var map = new Dictionary<string, string>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            map[reader.GetString(0)] = reader.GetString(1);
        }

        return map;
    }

    private static ArchivedActa Read(DbDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetString(1),
        Enum.Parse<IngestStatus>(reader.GetString(2)),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt64(5),
        (byte[])reader.GetValue(6));
}
