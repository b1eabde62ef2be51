using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Storage;

namespace Huella.Elections.Central;

/// <summary>
/// One transmission as received: its exact bytes and what central decided about it, who sent it (the
/// API key's name) and its size. A refused transmission past its sender's <see cref="RefusalLimits"/>
/// is kept as this summary alone: no bytes, its <see cref="Size"/> and hash still recorded.
/// <see cref="Mesa"/> is null when the bytes named none that could be read.
/// </summary>
public sealed record ArchivedActa(string Hash, MesaId? Mesa, IngestStatus Status, ActaVerdict Verdict, string Reason, DateTimeOffset ReceivedAt, byte[] Bytes, int Contest = 0, string? Sender = null)
{
    /// <summary>Bytes received (those kept, or the size of a body that was not kept).</summary>
    public int Size { get; init; } = Bytes.Length;

    public bool BodyKept => Bytes.Length == Size;

    /// <summary>Where the archive put it in arrival order (set when read back; -1 before it is stored).</summary>
    public long Sequence { get; init; } = -1;
}

/// <summary>A stored transmission without its bytes: what the log and the public list show of it.</summary>
public sealed record ArchiveEntry(long Sequence, string Hash, MesaId? Mesa, int Contest, IngestStatus Status, ActaVerdict Verdict, string Reason, DateTimeOffset ReceivedAt, int Size, bool BodyKept);

/// <summary>
/// Central's append-only archive of every acta version received, in SQLite or PostgreSQL (the same
/// SQL runs on both). Rows are named by the SHA-256 of the bytes (central itself stores each signed
/// body once, see <see cref="CentralCount"/>); a batch is written in one transaction, so an
/// acknowledgement is never given for an unstored acta. Nothing is ever updated or deleted. The
/// archive keeps its store's connections (one PostgreSQL data source) until disposed.
/// </summary>
public sealed class ActaArchive(StoreLocation location) : IAsyncDisposable
{
    private readonly StoreConnections _connections = new(location);

    internal static readonly string[] Schema =
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

        // Refused transmissions are kept whole only up to a cap per sender: who sent each, and its
        // size, which outlives the bytes of one that was not kept.
        "ALTER TABLE acta_received ADD COLUMN sender TEXT",
        "ALTER TABLE acta_received ADD COLUMN size INTEGER NOT NULL DEFAULT 0",
        "UPDATE acta_received SET size = length(bytes)",
        "CREATE INDEX acta_received_sender ON acta_received (sender, status)",

        // Arrival order, the order of central's transparency log (ActaLog). Rows stored before it
        // existed are put in the order of their time of arrival, then of their hash.
        "ALTER TABLE acta_received ADD COLUMN seq BIGINT",
        """
        UPDATE acta_received SET seq = (SELECT COUNT(*) FROM acta_received b
            WHERE b.received_at < acta_received.received_at OR (b.received_at = acta_received.received_at AND b.hash < acta_received.hash))
        """,
        "CREATE UNIQUE INDEX acta_received_seq ON acta_received (seq)",
    ];

    private static readonly string[] Columns = ["hash", "mesa", "status", "verdict", "reason", "received_at", "bytes", "contest", "sender", "size", "seq"];

    private const string Selected = "hash, mesa, status, verdict, reason, received_at, bytes, contest, sender, size, seq";

    private const string Summary = "seq, hash, mesa, contest, status, verdict, reason, received_at, size, length(bytes) = size";

    private const string Refused = ArchiveCodes.Rejected;

    /// <summary>Rows per INSERT: 64 × 11 parameters stays far below SQLite's and PostgreSQL's limits.</summary>
    private const int RowsPerStatement = 64;

    public StoreLocation Location { get; } = location;

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(connection, "acta_archive", Schema, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores new actas in one transaction (a hash already there is skipped), numbered in arrival
    /// order after every row already there; returns how many rows were written. Rows go in multi-row statements: one round trip per <see cref="RowsPerStatement"/>
    /// actas matters on PostgreSQL, and a reused statement skips re-parsing on both engines.
    /// </summary>
    public async Task<int> AppendAsync(IReadOnlyList<ArchivedActa> actas, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actas);
        if (actas.Count == 0)
        {
            return 0;
        }

        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long next;
        await using (var last = connection.CreateCommand())
        {
            // Central is the archive's only writer: a second one would collide on the unique seq and fail its batch.
            last.Transaction = transaction;
            last.CommandText = "SELECT COALESCE(MAX(seq), -1) FROM acta_received";
            next = Convert.ToInt64(await last.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) + 1;
        }

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
                    Bind(insert.Parameters, r * Columns.Length, actas[start + r], next + start + r);
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

    /// <summary>Every transmission stored, refused ones included, in the order of their hashes (an order anyone can reproduce).</summary>
    public Task<List<ArchivedActa>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        ReadWhereAsync("", cancellationToken);

    /// <summary>
    /// The valid actas stored (counted or conflicting), in the order of their hashes: all a recount
    /// reads. Refused transmissions are evidence, never counted, so start-up does not read them.
    /// </summary>
    public Task<List<ArchivedActa>> ReadCountableAsync(CancellationToken cancellationToken = default) =>
        ReadWhereAsync($"WHERE status <> '{Refused}' ", cancellationToken);

    /// <summary>Which of <paramref name="hashes"/> name a stored transmission.</summary>
    public async Task<HashSet<string>> StoredAsync(IReadOnlyCollection<string> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var stored = new HashSet<string>(StringComparer.Ordinal);
        if (hashes.Count == 0)
        {
            return stored;
        }

        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in hashes.Chunk(RowsPerStatement))
        {
            await using var query = connection.CreateCommand();
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                names[i] = string.Create(CultureInfo.InvariantCulture, $"@h{i}");
                AddParameter(query, names[i], chunk[i]);
            }

            query.CommandText = $"SELECT hash FROM acta_received WHERE hash IN ({string.Join(", ", names)})";
            await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored.Add(reader.GetString(0));
            }
        }

        return stored;
    }

    /// <summary>How many refused transmissions of <paramref name="sender"/> are kept whole, and their bytes.</summary>
    public async Task<RefusalUsage> RefusedUsageAsync(string sender, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT COUNT(*), COALESCE(SUM(size), 0) FROM acta_received WHERE sender = @sender AND status = '{Refused}' AND size > 0 AND length(bytes) = size";
        AddParameter(query, "@sender", sender);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new RefusalUsage(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
    }

    private async Task<List<ArchivedActa>> ReadWhereAsync(string where, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT {Selected} FROM acta_received {where}ORDER BY hash";
        var all = new List<ArchivedActa>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            all.Add(Read(reader));
        }

        return all;
    }

    /// <summary>Every version received for one mesa (every contest), oldest first.</summary>
    public async Task<List<ArchivedActa>> ReadMesaAsync(MesaId mesa, CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT {Selected} FROM acta_received WHERE mesa = @mesa ORDER BY received_at, seq";
        AddParameter(query, "@mesa", mesa.ToString());
        var versions = new List<ArchivedActa>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            versions.Add(Read(reader));
        }

        return versions;
    }

    /// <summary>Up to <paramref name="count"/> stored transmissions after position <paramref name="after"/> in arrival order, without their bytes.</summary>
    public async Task<List<ArchiveEntry>> ReadEntriesAsync(long after = -1, int count = int.MaxValue, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT {Summary} FROM acta_received WHERE seq > @after ORDER BY seq LIMIT @count";
        AddParameter(query, "@after", after);
        AddParameter(query, "@count", (long)count);
        var entries = new List<ArchiveEntry>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
        }

        return entries;
    }

    /// <summary>The bytes kept of the transmission named <paramref name="hash"/>: null when none is stored, empty when only its summary was kept.</summary>
    public async Task<byte[]?> ReadBytesAsync(string hash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hash);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT bytes FROM acta_received WHERE hash = @hash";
        AddParameter(query, "@hash", hash);
        return await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    /// <summary>Every stored transmission with the bytes kept of it (none for a summary), in arrival order, read row by row (the archive is never held in memory at once).</summary>
    public async IAsyncEnumerable<(ArchiveEntry Entry, byte[] Bytes)> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = $"SELECT {Summary}, bytes FROM acta_received ORDER BY seq";
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return (ReadEntry(reader), (byte[])reader.GetValue(10));
        }
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

    private static void Bind(DbParameterCollection parameters, int first, ArchivedActa acta, long sequence)
    {
        parameters[first].Value = acta.Hash;
        parameters[first + 1].Value = (object?)acta.Mesa?.ToString() ?? DBNull.Value;
        parameters[first + 2].Value = ArchiveCodes.Of(acta.Status);
        parameters[first + 3].Value = ArchiveCodes.Of(acta.Verdict);
        parameters[first + 4].Value = acta.Reason;
        parameters[first + 5].Value = acta.ReceivedAt.ToUnixTimeMilliseconds();
        parameters[first + 6].Value = acta.Bytes;
        parameters[first + 7].Value = acta.Contest;
        parameters[first + 8].Value = (object?)acta.Sender ?? DBNull.Value;
        parameters[first + 9].Value = acta.Size;
        parameters[first + 10].Value = sequence;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static ArchivedActa Read(DbDataReader reader) => new(
        reader.GetString(0),
        MesaOf(reader, 1),
        ArchiveCodes.StatusOf(reader.GetString(2)),
        ArchiveCodes.VerdictOf(reader.GetString(3)),
        reader.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        (byte[])reader.GetValue(6),
        reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetString(8))
    {
        Size = reader.GetInt32(9),
        Sequence = reader.GetInt64(10),
    };

    private static ArchiveEntry ReadEntry(DbDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        MesaOf(reader, 2),
        reader.GetInt32(3),
        ArchiveCodes.StatusOf(reader.GetString(4)),
        ArchiveCodes.VerdictOf(reader.GetString(5)),
        reader.GetString(6),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
        reader.GetInt32(8),
        Convert.ToBoolean(reader.GetValue(9), CultureInfo.InvariantCulture));

    private static MesaId? MesaOf(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null
        : MesaId.TryParse(reader.GetString(column), out var mesa) ? mesa
        : throw new ElectionDataException($"The acta archive holds '{reader.GetString(column)}' where a mesa belongs.");
}
