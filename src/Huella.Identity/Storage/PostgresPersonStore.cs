using System.Data.Common;
using Huella.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Huella.Identity.Storage;

/// <summary>The registry on PostgreSQL; writers from every server process queue on one advisory lock.</summary>
internal sealed class PostgresPersonStore(StoreLocation location, KeyRing keys, TimeProvider? time = null) : SqlPersonStore(location, keys, time)
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

    /// <summary>
    /// A batch in one round trip per table: binary COPY into each table inside the write transaction
    /// (a statement per row costs a round trip each). Conflicts with stored records are looked up
    /// first, for all the batch's ids and cédulas at once, so the refusal names the record; the
    /// unique indexes stay the backstop, and any failure rolls the whole transaction back.
    /// </summary>
    private protected override async Task WriteRowsAsync(DbConnection connection, DbTransaction transaction, RowBatch rows, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        if (await FirstTakenAsync(npgsql, "SELECT id FROM persons WHERE id = ANY(@k) LIMIT 1", [.. rows.Persons.Select(p => p.Id)], cancellationToken).ConfigureAwait(false) is { } id)
        {
            throw new RegistryConflictException($"Reference {id} is already in the registry.");
        }

        string[] cedulas = [.. rows.Persons.Where(p => p.Cedula is not null).Select(p => p.Cedula!)];
        if (cedulas.Length > 0
            && await FirstTakenAsync(npgsql, $"SELECT cedula FROM persons WHERE cedula = ANY(@k) AND {StoredCodes.NotRemoved} LIMIT 1", cedulas, cancellationToken).ConfigureAwait(false) is { } cedula)
        {
            throw new RegistryConflictException($"Cédula {cedula} is already enrolled.");
        }

        try
        {
            await CopyAsync(npgsql, "persons (id, cedula, status, given_names, family_names, birth_date, sex, address_line, geography_code, created_at)", rows.Persons, WritePersonAsync, cancellationToken).ConfigureAwait(false);
            await CopyAsync(npgsql, "fingers (person_id, position, key_id, template, quality, captured_at, device, dpi)", rows.Fingers, WriteFingerAsync, cancellationToken).ConfigureAwait(false);
            await CopyAsync(npgsql, "person_history (person_id, seq, at, status, actor, reason)", rows.History, WriteHistoryAsync, cancellationToken).ConfigureAwait(false);
            await CopyAsync(npgsql, "audit_log (seq, at, actor, action, person_id, detail, hash)", rows.Audit, WriteAuditAsync, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new RegistryConflictException($"A person in the batch conflicts with a stored record ({e.ConstraintName}).");
        }
    }

    private static async Task<string?> FirstTakenAsync(NpgsqlConnection connection, string sql, string[] keys, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter("k", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static async Task CopyAsync<TRow>(NpgsqlConnection connection, string target, List<TRow> rows, Func<NpgsqlBinaryImporter, TRow, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        // Disposed without CompleteAsync (an exception on the way), the COPY is cancelled.
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {target} FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await write(importer, row, cancellationToken).ConfigureAwait(false);
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task WritePersonAsync(NpgsqlBinaryImporter w, PersonRow p, CancellationToken ct)
    {
        await w.WriteAsync(p.Id, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await WriteTextAsync(w, p.Cedula, ct).ConfigureAwait(false);
        await w.WriteAsync(p.Status, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await WriteTextAsync(w, p.GivenNames, ct).ConfigureAwait(false);
        await WriteTextAsync(w, p.FamilyNames, ct).ConfigureAwait(false);
        await WriteTextAsync(w, p.BirthDate, ct).ConfigureAwait(false);
        if (p.Sex is { } sex)
        {
            await w.WriteAsync(sex, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        }
        else
        {
            await w.WriteNullAsync(ct).ConfigureAwait(false);
        }

        await WriteTextAsync(w, p.AddressLine, ct).ConfigureAwait(false);
        await WriteTextAsync(w, p.GeographyCode, ct).ConfigureAwait(false);
        await w.WriteAsync(p.CreatedAt, NpgsqlDbType.Text, ct).ConfigureAwait(false);
    }

    private static async Task WriteFingerAsync(NpgsqlBinaryImporter w, FingerRow f, CancellationToken ct)
    {
        await w.WriteAsync(f.PersonId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(f.Position, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await w.WriteAsync(f.KeyId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(f.Template, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
        await w.WriteAsync(f.Quality, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await w.WriteAsync(f.CapturedAt, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(f.Device, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(f.Dpi, NpgsqlDbType.Double, ct).ConfigureAwait(false);
    }

    private static async Task WriteHistoryAsync(NpgsqlBinaryImporter w, HistoryRow h, CancellationToken ct)
    {
        await w.WriteAsync(h.PersonId, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(h.Seq, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await w.WriteAsync(h.At, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(h.Status, NpgsqlDbType.Integer, ct).ConfigureAwait(false);
        await w.WriteAsync(h.Actor, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(h.Reason, NpgsqlDbType.Text, ct).ConfigureAwait(false);
    }

    private static async Task WriteAuditAsync(NpgsqlBinaryImporter w, AuditRow a, CancellationToken ct)
    {
        await w.WriteAsync(a.Seq, NpgsqlDbType.Bigint, ct).ConfigureAwait(false);
        await w.WriteAsync(a.At, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(a.Actor, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(a.Action, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await WriteTextAsync(w, a.PersonId, ct).ConfigureAwait(false);
        await w.WriteAsync(a.Detail, NpgsqlDbType.Text, ct).ConfigureAwait(false);
        await w.WriteAsync(a.Hash, NpgsqlDbType.Bytea, ct).ConfigureAwait(false);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);
}
