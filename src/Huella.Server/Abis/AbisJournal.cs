using System.Globalization;
using System.Text.Json;
using Huella.Identity.Storage;
using Huella.Storage;

namespace Huella.Server.Abis;

/// <summary>
/// ABIS jobs on disk, in the registry's own database (table <c>abis_jobs</c>), so that a job the
/// server acknowledged (202) survives a crash or restart: it is written before the answer goes
/// out, and on start-up every job not completed is queued again in the order it was accepted. A
/// job interrupted while running runs again (an insert that had already committed then answers
/// "reference exists"). Requests carry images, so they are sealed with the registry's key ring
/// and dropped once the job completes; responses (reference ids and scores) are kept in clear
/// until <see cref="AbisJobs"/> forgets the job (its retention), when the row is deleted.
/// </summary>
internal sealed class AbisJournal : IAsyncDisposable
{
    private const string StoreName = "abis";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly StoreConnections _connections;
    private readonly KeyRing _keys;
    private long _sequence;

    private AbisJournal(StoreLocation location, KeyRing keys)
    {
        _connections = new StoreConnections(location);
        _keys = keys;
    }

    public ValueTask DisposeAsync() => _connections.DisposeAsync();

    /// <summary>Creates the table when missing and reads every job back.</summary>
    public static async Task<(AbisJournal Journal, IReadOnlyList<AbisJournalEntry> Jobs)> OpenAsync(StoreLocation location, KeyRing keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var journal = new AbisJournal(location, keys);
        var binary = location.Engine == StoreEngine.Postgres ? "BYTEA" : "BLOB";
        await using var connection = await location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(
            connection,
            StoreName,
            [
                $"CREATE TABLE abis_jobs (request_id TEXT PRIMARY KEY, seq BIGINT NOT NULL, operation TEXT NOT NULL, actor TEXT NOT NULL, accepted_at TEXT NOT NULL, completed INTEGER NOT NULL, request {binary} NULL, response TEXT NULL)",
                "ALTER TABLE abis_jobs ADD COLUMN completed_at TEXT NULL",
            ],
            cancellationToken).ConfigureAwait(false);

        var jobs = new List<AbisJournalEntry>();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, seq, operation, actor, completed, request, response, COALESCE(completed_at, accepted_at) FROM abis_jobs ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var requestId = reader.GetString(0);
            journal._sequence = Math.Max(journal._sequence, reader.GetInt64(1));
            var completed = reader.GetInt32(4) != 0;
            var request = completed || reader.IsDBNull(5)
                ? null
                : JsonSerializer.Deserialize<AbisRequest>(keys.Open((byte[])reader.GetValue(5), Context(requestId)), Json);
            var response = reader.IsDBNull(6) ? null : JsonSerializer.Deserialize<AbisResponse>(reader.GetString(6), Json);
            var completedAt = completed ? DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : (DateTimeOffset?)null;
            var operation = AbisOperations.TryParseName(reader.GetString(2), out var parsed)
                ? parsed
                : throw new InvalidDataException($"ABIS journal: job {requestId} names an unknown operation '{reader.GetString(2)}'.");
            jobs.Add(new AbisJournalEntry(requestId, operation, reader.GetString(3), request, response, completedAt));
        }

        return (journal, jobs);
    }

    /// <summary>Writes an accepted job (durably, before it is acknowledged).</summary>
    public async Task AcceptAsync(AbisRequest request, AbisOperation operation, string actor, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sealedRequest = _keys.Seal(JsonSerializer.SerializeToUtf8Bytes(request, Json), Context(request.RequestId));
        await ExecuteAsync(
            "INSERT INTO abis_jobs (request_id, seq, operation, actor, accepted_at, completed, request) VALUES (@id, @seq, @op, @actor, @at, 0, @request)",
            cancellationToken,
            ("@id", request.RequestId),
            ("@seq", Interlocked.Increment(ref _sequence)),
            ("@op", operation.Name()),
            ("@actor", actor),
            ("@at", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
            ("@request", sealedRequest)).ConfigureAwait(false);
    }

    /// <summary>Records the response and forgets the request (and the images in it).</summary>
    public Task CompleteAsync(AbisResponse response, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ExecuteAsync(
            "UPDATE abis_jobs SET completed = 1, request = NULL, response = @response, completed_at = @at WHERE request_id = @id",
            cancellationToken,
            ("@response", JsonSerializer.Serialize(response, Json)),
            ("@at", at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
            ("@id", response.RequestId));
    }

    /// <summary>Deletes completed jobs, in one transaction.</summary>
    public async Task ForgetAsync(IReadOnlyList<string> requestIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM abis_jobs WHERE request_id = @id AND completed = 1";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        command.Parameters.Add(parameter);
        foreach (var requestId in requestIds)
        {
            parameter.Value = requestId;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Context(string requestId) => "abis-job:" + requestId;

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>A job as read back at start-up: <see cref="Request"/> while it is not completed, <see cref="Response"/> and <see cref="CompletedAt"/> once it is.</summary>
internal sealed record AbisJournalEntry(string RequestId, AbisOperation Operation, string Actor, AbisRequest? Request, AbisResponse? Response, DateTimeOffset? CompletedAt = null);
