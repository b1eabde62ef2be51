using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Huella.Crypto;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>
/// The store on a SQL database; the engine-specific parts (binary type, how writers are
/// serialised) are in <see cref="SqlitePersonStore"/> and <see cref="PostgresPersonStore"/>.
/// Writers are serialised (in process by a gate, across processes by the engine's lock) because
/// each one extends the audit chain from the hash of the entry before it.
/// </summary>
public abstract class SqlPersonStore : IPersonStore
{
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    /// <summary>Gallery rows opened per task at start-up: big enough to spread over the cores, small enough to stream.</summary>
    private const int GalleryChunkRows = 8192;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly TimeProvider _time;
    private KeyRing _keys;

    protected SqlPersonStore(StoreLocation location, KeyRing keys, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Location = location;
        _keys = keys;
        _time = time ?? TimeProvider.System;
    }

    public StoreLocation Location { get; }

    /// <summary>Where each committed write's signed audit checkpoint goes (outside the database); null keeps none.</summary>
    public AuditAnchor? Anchor { get; init; }

    /// <summary>
    /// The ring this store disposes with itself, for callers whose ring lives exactly as long as the
    /// store (the command line); null when the caller disposes its ring after the store.
    /// </summary>
    private KeyRing? _ownedKeys;

    /// <summary>The SQL type for byte strings.</summary>
    protected abstract string BinaryType { get; }

    /// <summary>Starts a write transaction that holds the engine's writer lock.</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the store at <paramref name="location"/> with the implementation for its engine. A SQLite
    /// store keeps its audit anchor beside its file unless told otherwise; a PostgreSQL store keeps
    /// one only when given (a path on the application server, off the database server).
    /// </summary>
    public static SqlPersonStore Open(StoreLocation location, KeyRing keys, TimeProvider? time = null, AuditAnchor? anchor = null) => location.Engine switch
    {
        StoreEngine.Sqlite => new SqlitePersonStore(location, keys, time) { Anchor = anchor ?? AuditAnchor.Beside(location.Target) },
        StoreEngine.Postgres => new PostgresPersonStore(location, keys, time) { Anchor = anchor },
        _ => throw new ArgumentOutOfRangeException(nameof(location), location.Engine, "Unknown store engine."),
    };

    /// <summary>
    /// As <see cref="Open(StoreLocation, KeyRing, TimeProvider?, AuditAnchor?)"/>, the store then owning
    /// <paramref name="keys"/>: disposing the store zeroes the ring, for a caller that keeps the store alone.
    /// </summary>
    public static SqlPersonStore OpenOwningKeys(StoreLocation location, KeyRing keys, TimeProvider? time = null, AuditAnchor? anchor = null)
    {
        var store = Open(location, keys, time, anchor);
        store._ownedKeys = keys;
        return store;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (Location.Engine == StoreEngine.Sqlite)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(Location.Target));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            // SQLite gives its -wal and -shm files the database file's mode, so they are owner-only too.
            OwnerOnlyFile.CreateIfMissing(Path.GetFullPath(Location.Target));
        }

        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(connection, RegistrySchema.StoreName, RegistrySchema.For(BinaryType), cancellationToken).ConfigureAwait(false);
    }

    public Task InsertAsync(PersonRecord person, AdjudicationCase? openedCase, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        CheckBatch([person]);
        return WriteChainedAsync(
            async (connection, transaction, chain) =>
            {
                await WriteRowsAsync(connection, transaction, BuildRows([person], actor, chain), cancellationToken).ConfigureAwait(false);
                if (openedCase is not null)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "INSERT INTO adjudication_cases (id, person_id, candidates, opened_at, state) VALUES (@id, @p, @c, @at, 0)",
                        cancellationToken,
                        ("@id", openedCase.Id.ToString()),
                        ("@p", person.Id.Value),
                        ("@c", WriteCandidates(openedCase.Candidates)),
                        ("@at", Format(openedCase.OpenedAt))).ConfigureAwait(false);
                    var opened = chain.Next("case.open", person.Id, $"case={openedCase.Id} candidates={openedCase.Candidates.Count}");
                    await InsertAuditAsync(connection, transaction, opened, cancellationToken).ConfigureAwait(false);
                }

                return 0;
            },
            actor,
            cancellationToken);
    }

    public Task InsertManyAsync(IReadOnlyList<PersonRecord> persons, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        CheckBatch(persons);
        return WriteChainedAsync(
            async (connection, transaction, chain) =>
            {
                await WriteRowsAsync(connection, transaction, BuildRows(persons, actor, chain), cancellationToken).ConfigureAwait(false);
                return 0;
            },
            actor,
            cancellationToken);
    }

    /// <summary>
    /// The batch as table rows: templates sealed with the current key (in parallel: at a million
    /// persons sealing is most of the client's work), history defaulted, one chained audit entry each.
    /// </summary>
    private RowBatch BuildRows(IReadOnlyList<PersonRecord> persons, string actor, AuditChain chain)
    {
        var keys = _keys;
        var createdAt = Format(_time.GetUtcNow());
        var rows = new RowBatch();
        var owners = new List<(PersonId Owner, FingerRecord Finger)>();
        foreach (var person in persons)
        {
            var d = person.Demographics;
            rows.Persons.Add(new PersonRow(
                person.Id.Value,
                person.Cedula?.ToString(),
                (int)person.Status,
                d?.GivenNames,
                d?.FamilyNames,
                d?.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                d is null ? null : (int)d.Sex,
                d?.Address.Line,
                d?.Address.GeographyCode,
                createdAt));
            owners.AddRange(person.Fingers.Select(f => (person.Id, f)));
            var history = person.History.Count > 0 ? person.History : [new StatusChange(_time.GetUtcNow(), person.Status, actor, "enrolled")];
            for (var i = 0; i < history.Count; i++)
            {
                rows.History.Add(new HistoryRow(person.Id.Value, i, Format(history[i].At), (int)history[i].Status, history[i].Actor, history[i].Reason));
            }

            rows.Audit.Add(chain.Next("person.insert", person.Id, $"status={person.Status} fingers={person.Fingers.Count}"));
        }

        var fingers = new FingerRow[owners.Count];
        Parallel.For(
            0,
            owners.Count,
            () => TemplateCipher.Cipher(keys.Current),
            (i, _, aes) =>
            {
                var (owner, finger) = owners[i];
                fingers[i] = new FingerRow(
                    owner.Value,
                    (int)finger.Position,
                    keys.CurrentId,
                    TemplateCipher.Seal(aes, owner, finger.Position, finger.Template.Span),
                    finger.Quality,
                    Format(finger.Capture.CapturedAt),
                    finger.Capture.Device,
                    finger.Capture.Dpi);
                return aes;
            },
            aes => aes.Dispose());
        rows.Fingers.AddRange(fingers);
        return rows;
    }

    /// <summary>
    /// Writes a batch's rows in the open write transaction, refusing with
    /// <see cref="RegistryConflictException"/> an id already stored or a cédula held by a record that
    /// is not removed (duplicates inside the batch were refused before). This one runs a statement
    /// per row; an engine with a bulk path overrides it.
    /// </summary>
    private protected virtual async Task WriteRowsAsync(DbConnection connection, DbTransaction transaction, RowBatch rows, CancellationToken cancellationToken)
    {
        foreach (var person in rows.Persons)
        {
            if (await ExistsAsync(connection, transaction, "SELECT 1 FROM persons WHERE id = @id", ("@id", person.Id), cancellationToken).ConfigureAwait(false))
            {
                throw new RegistryConflictException($"Reference {person.Id} is already in the registry.");
            }

            if (person.Cedula is not null
                && await ExistsAsync(connection, transaction, "SELECT 1 FROM persons WHERE cedula = @c AND status <> 3", ("@c", person.Cedula), cancellationToken).ConfigureAwait(false))
            {
                throw new RegistryConflictException($"Cédula {person.Cedula} is already enrolled.");
            }
        }

        await InsertRowsAsync(
            connection,
            transaction,
            "persons (id, cedula, status, given_names, family_names, birth_date, sex, address_line, geography_code, created_at)",
            rows.Persons,
            p => [p.Id, p.Cedula, p.Status, p.GivenNames, p.FamilyNames, p.BirthDate, p.Sex, p.AddressLine, p.GeographyCode, p.CreatedAt],
            cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(
            connection,
            transaction,
            "fingers (person_id, position, key_id, template, quality, captured_at, device, dpi)",
            rows.Fingers,
            f => [f.PersonId, f.Position, f.KeyId, f.Template, f.Quality, f.CapturedAt, f.Device, f.Dpi],
            cancellationToken).ConfigureAwait(false);
        await InsertRowsAsync(
            connection,
            transaction,
            "person_history (person_id, seq, at, status, actor, reason)",
            rows.History,
            h => [h.PersonId, h.Seq, h.At, h.Status, h.Actor, h.Reason],
            cancellationToken).ConfigureAwait(false);
        foreach (var entry in rows.Audit)
        {
            await InsertAuditAsync(connection, transaction, entry, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One prepared INSERT, its parameters rebound per row.</summary>
    private static async Task InsertRowsAsync<TRow>(DbConnection connection, DbTransaction transaction, string target, List<TRow> rows, Func<TRow, object?[]> values, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var width = values(rows[0]).Length;
        var names = Enumerable.Range(0, width).Select(i => "@v" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        command.CommandText = $"INSERT INTO {target} VALUES ({string.Join(", ", names)})";
        foreach (var name in names)
        {
            SchemaMigrator.AddParameter(command, name, null);
        }

        foreach (var row in rows)
        {
            var cells = values(row);
            for (var i = 0; i < width; i++)
            {
                command.Parameters[i].Value = cells[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses, before anything is written, fingers that cannot be stored and ids or cédulas twice in the batch.</summary>
    private static void CheckBatch(IReadOnlyList<PersonRecord> persons)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var cedulas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            CheckFingers(person);
            if (person.Fingers.FirstOrDefault(f => !FingerPositions.IsValid(f.Position)) is { } bad)
            {
                throw new ArgumentException($"Finger position {(int)bad.Position} is not 1–10.", nameof(persons));
            }

            if (!ids.Add(person.Id.Value))
            {
                throw new RegistryConflictException($"Reference {person.Id} is twice in the batch.");
            }

            if (person.Cedula is { } cedula && !cedulas.Add(cedula.ToString()))
            {
                throw new RegistryConflictException($"Cédula {cedula} is twice in the batch.");
            }
        }
    }

    private static void CheckFingers(PersonRecord person)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Fingers.Count > PersonRecord.MaxFingers || person.Fingers.Select(f => f.Position).Distinct().Count() != person.Fingers.Count)
        {
            throw new ArgumentException("A person has at most ten fingers, each position once.", nameof(person));
        }
    }

    public async Task<PersonRecord?> GetAsync(PersonId id, CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadPersonAsync(connection, null, "p.id = @k", id.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PersonRecord?> FindByCedulaAsync(Cedula cedula, CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadPersonAsync(connection, null, "p.cedula = @k AND p.status <> 3", cedula.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One streaming read in person order. Rows are taken in chunks of whole persons; a chunk is
    /// opened (decrypted, parsed) on the thread pool while the next one is read, so the connection
    /// keeps streaming and the caller's index build overlaps both.
    /// </summary>
    public IAsyncEnumerable<PersonRecord> ReadGalleryAsync(CancellationToken cancellationToken = default) =>
        ReadGalleryAsync(bad => throw new RegistryIntegrityException($"The registry's {bad}."), cancellationToken);

    public async IAsyncEnumerable<PersonRecord> ReadGalleryAsync(Action<UnreadableFinger> unreadable, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unreadable);
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT p.id, p.status, f.position, f.key_id, f.template, f.quality, f.captured_at, f.device, f.dpi " +
            "FROM persons p JOIN fingers f ON f.person_id = p.id WHERE p.status <> 3 ORDER BY p.id, f.position";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = _keys;
        var chunk = new List<SealedGalleryRow>(GalleryChunkRows);
        Task<List<PersonRecord>>? opening = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new SealedGalleryRow(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt32(2),
                reader.GetString(3),
                (byte[])reader.GetValue(4),
                reader.GetInt32(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetDouble(8));

            // A chunk ends only between persons, so a person's fingers are opened together.
            if (chunk.Count >= GalleryChunkRows && !string.Equals(chunk[^1].PersonId, row.PersonId, StringComparison.Ordinal))
            {
                var full = chunk;
                var next = Task.Run(() => OpenGalleryChunk(keys, full, unreadable), cancellationToken);
                if (opening is not null)
                {
                    foreach (var person in await opening.ConfigureAwait(false))
                    {
                        yield return person;
                    }
                }

                opening = next;
                chunk = new List<SealedGalleryRow>(GalleryChunkRows);
            }

            chunk.Add(row);
        }

        if (opening is not null)
        {
            foreach (var person in await opening.ConfigureAwait(false))
            {
                yield return person;
            }
        }

        foreach (var person in OpenGalleryChunk(keys, chunk, unreadable))
        {
            yield return person;
        }
    }

    private static List<PersonRecord> OpenGalleryChunk(KeyRing keys, List<SealedGalleryRow> rows, Action<UnreadableFinger> unreadable)
    {
        var ids = new PersonId[rows.Count];
        var fingers = new FingerRecord[rows.Count];
        var problems = new UnreadableFinger?[rows.Count];
        // One cipher per worker and key id: the key schedule is set up once, not per finger.
        Parallel.For(
            0,
            rows.Count,
            () => new Dictionary<string, AesGcm>(StringComparer.Ordinal),
            (i, _, ciphers) =>
            {
                var row = rows[i];
                var owner = PersonId.Parse(row.PersonId);
                ids[i] = owner;
                if (!ciphers.TryGetValue(row.KeyId, out var aes))
                {
                    if (!keys.TryGet(row.KeyId, out var key))
                    {
                        problems[i] = new UnreadableFinger(owner, (FingerPosition)row.Position, $"sealed with key '{row.KeyId}', which is not in the key ring");
                        return ciphers;
                    }

                    aes = TemplateCipher.Cipher(key);
                    ciphers.Add(row.KeyId, aes);
                }

                var position = (FingerPosition)row.Position;
                try
                {
                    var template = TemplateCipher.Open(aes, owner, position, row.Template);
                    fingers[i] = new FingerRecord(position, template, row.Quality, new CaptureMetadata(ParseTime(row.CapturedAt), row.Device, row.Dpi));
                }
                catch (CryptographicException e)
                {
                    problems[i] = new UnreadableFinger(owner, position, e.Message);
                }

                return ciphers;
            },
            ciphers =>
            {
                foreach (var aes in ciphers.Values)
                {
                    aes.Dispose();
                }
            });

        var persons = new List<PersonRecord>();
        for (var start = 0; start < rows.Count;)
        {
            var end = start + 1;
            while (end < rows.Count && string.Equals(rows[end].PersonId, rows[start].PersonId, StringComparison.Ordinal))
            {
                end++;
            }

            // Reported in row order on the reading thread; the person keeps the fingers that opened.
            var opened = new List<FingerRecord>(end - start);
            for (var i = start; i < end; i++)
            {
                if (problems[i] is { } problem)
                {
                    unreadable(problem);
                }
                else
                {
                    opened.Add(fingers[i]);
                }
            }

            persons.Add(GalleryRecord(ids[start], (PersonStatus)rows[start].Status, opened));
            start = end;
        }

        return persons;
    }

    public async IAsyncEnumerable<PersonRecord> ReadActiveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT p.id, p.cedula, p.given_names, p.family_names, p.birth_date, p.sex, p.address_line, p.geography_code, " +
            "f.position, f.key_id, f.template, f.quality, f.captured_at, f.device, f.dpi " +
            "FROM persons p LEFT JOIN fingers f ON f.person_id = p.id " +
            "WHERE p.status = 0 AND p.cedula IS NOT NULL AND p.geography_code IS NOT NULL ORDER BY p.geography_code, p.cedula, f.position";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        PersonRecord? current = null;
        var fingers = new List<FingerRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = PersonId.Parse(reader.GetString(0));
            if (current is not null && current.Id != id)
            {
                yield return current with { Fingers = fingers };
                fingers = [];
            }

            if (current is null || current.Id != id)
            {
                var demographics = new Demographics(
                    reader.GetString(2),
                    reader.GetString(3),
                    DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    (Sex)reader.GetInt32(5),
                    new Address(reader.GetString(6), reader.GetString(7)));
                current = new PersonRecord(id, Cedula.Parse(reader.GetString(1)), demographics, [], PersonStatus.Active, []);
            }

            if (!reader.IsDBNull(8))
            {
                fingers.Add(ReadFinger(reader, 8, id));
            }
        }

        if (current is not null)
        {
            yield return current with { Fingers = fingers };
        }
    }

    public Task<PersonRecord> SetStatusAsync(PersonId id, PersonStatus status, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentNullException.ThrowIfNull(reason);
        return WriteAsync(
            async (connection, transaction, audit) =>
            {
                var person = await LoadPersonAsync(connection, transaction, "p.id = @k", id.Value, cancellationToken).ConfigureAwait(false)
                    ?? throw new RegistryNotFoundException($"No person with reference {id}.");
                await ChangeStatusAsync(connection, transaction, person, status, actor, reason, cancellationToken).ConfigureAwait(false);
                await audit("person.status", id, $"{person.Status}->{status}").ConfigureAwait(false);
                return (await LoadPersonAsync(connection, transaction, "p.id = @k", id.Value, cancellationToken).ConfigureAwait(false))!;
            },
            actor,
            cancellationToken);
    }

    public async Task<IReadOnlyList<AdjudicationCase>> OpenCasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await LoadCasesAsync(connection, null, "state = 0", null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AdjudicationCase?> GetCaseAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        return (await LoadCasesAsync(connection, null, "id = @id", id.ToString(), cancellationToken).ConfigureAwait(false)).SingleOrDefault();
    }

    public Task<AdjudicationCase> ResolveCaseAsync(Guid id, AdjudicationDecision decision, PersonId? mergeInto, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return WriteAsync(
            async (connection, transaction, audit) =>
            {
                var found = (await LoadCasesAsync(connection, transaction, "id = @id", id.ToString(), cancellationToken).ConfigureAwait(false)).SingleOrDefault()
                    ?? throw new RegistryNotFoundException($"No adjudication case {id}.");
                if (found.State != CaseState.Open)
                {
                    throw new RegistryConflictException($"Case {id} was already resolved ({found.Decision}).");
                }

                var pending = (await LoadPersonAsync(connection, transaction, "p.id = @k", found.PendingPerson.Value, cancellationToken).ConfigureAwait(false))!;
                switch (decision)
                {
                    case AdjudicationDecision.Approve:
                        await ChangeStatusAsync(connection, transaction, pending, PersonStatus.Active, actor, $"case {id}: approved, not a duplicate", cancellationToken).ConfigureAwait(false);
                        break;
                    case AdjudicationDecision.Reject:
                        await ChangeStatusAsync(connection, transaction, pending, PersonStatus.Removed, actor, $"case {id}: rejected", cancellationToken).ConfigureAwait(false);
                        break;
                    case AdjudicationDecision.Merge:
                        await MergeAsync(connection, transaction, found, pending, mergeInto, actor, audit, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision.");
                }

                var resolvedAt = _time.GetUtcNow();
                var merged = decision == AdjudicationDecision.Merge ? mergeInto : null;
                await ExecuteAsync(
                    connection,
                    transaction,
                    "UPDATE adjudication_cases SET state = 1, decision = @d, merged_into = @m, resolved_by = @by, resolved_at = @at WHERE id = @id",
                    cancellationToken,
                    ("@d", (int)decision),
                    ("@m", merged?.Value),
                    ("@by", actor),
                    ("@at", Format(resolvedAt)),
                    ("@id", id.ToString())).ConfigureAwait(false);
                await audit("case.resolve", pending.Id, $"case={id} decision={decision}{(merged is { } m ? " into=" + m.Value : "")}").ConfigureAwait(false);
                return found with { State = CaseState.Resolved, Decision = decision, MergedInto = merged, ResolvedBy = actor, ResolvedAt = resolvedAt };
            },
            actor,
            cancellationToken);
    }

    public async Task<RegistryCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        var byStatus = new int[4];
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT status, COUNT(*) FROM persons GROUP BY status";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                byStatus[reader.GetInt32(0)] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        var fingers = await ScalarIntAsync(connection, "SELECT COUNT(*) FROM fingers f JOIN persons p ON p.id = f.person_id WHERE p.status <> 3", cancellationToken).ConfigureAwait(false);
        var cases = await ScalarIntAsync(connection, "SELECT COUNT(*) FROM adjudication_cases WHERE state = 0", cancellationToken).ConfigureAwait(false);
        return new RegistryCounts(byStatus[0], byStatus[1], byStatus[2], byStatus[3], fingers, cases);
    }

    public Task AuditAsync(string actor, string action, PersonId? person, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentException.ThrowIfNullOrEmpty(action);
        return WriteAsync(
            async (_, _, audit) =>
            {
                await audit(action, person, detail ?? "").ConfigureAwait(false);
                return 0;
            },
            actor,
            cancellationToken);
    }

    public async Task<AuditAnchorStatus> CheckAuditAnchorAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        var last = await ScalarIntAsync(connection, "SELECT COALESCE(MAX(seq), 0) FROM audit_log", cancellationToken).ConfigureAwait(false);
        if (Anchor is null)
        {
            return new AuditAnchorStatus(AuditAnchorState.NotConfigured, last, 0, 0);
        }

        var (checkpoint, rejected) = Anchor.ReadLatest(AuditCheckpoint.TrustedSigners(_keys));
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

    public async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, at, actor, action, person_id, detail, hash FROM audit_log ORDER BY seq";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(
                reader.GetInt64(0),
                ParseTime(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                (byte[])reader.GetValue(6)));
        }

        return entries;
    }

    public Task<int> RotateKeyAsync(KeyRing ring, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return WriteAsync(
            async (connection, transaction, audit) =>
            {
                var rows = new List<(string Person, int Position, string KeyId, byte[] Sealed)>();
                await using (var command = connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = "SELECT person_id, position, key_id, template FROM fingers";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2), (byte[])reader.GetValue(3)));
                    }
                }

                foreach (var (person, position, keyId, sealedBytes) in rows)
                {
                    var owner = PersonId.Parse(person);
                    var plain = TemplateCipher.Open(KeyFor(ring, keyId), owner, (FingerPosition)position, sealedBytes);
                    await ExecuteAsync(
                        connection,
                        transaction,
                        "UPDATE fingers SET key_id = @k, template = @t WHERE person_id = @p AND position = @pos",
                        cancellationToken,
                        ("@k", ring.CurrentId),
                        ("@t", TemplateCipher.Seal(ring.Current, owner, (FingerPosition)position, plain)),
                        ("@p", person),
                        ("@pos", position)).ConfigureAwait(false);
                }

                await audit("keys.rotate", null, $"key={ring.CurrentId} templates={rows.Count}").ConfigureAwait(false);
                _keys = ring;
                return rows.Count;
            },
            actor,
            cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        _ownedKeys?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    // ---- Writes ----------------------------------------------------------------------------

    private delegate Task AuditWriter(string action, PersonId? person, string detail);

    /// <summary>Runs <paramref name="body"/> in a serialised write transaction; its audit entries are chained in the same transaction.</summary>
    private Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, AuditWriter, Task<T>> body, string actor, CancellationToken cancellationToken) =>
        WriteChainedAsync(
            (connection, transaction, chain) => body(
                connection,
                transaction,
                (action, person, detail) => InsertAuditAsync(connection, transaction, chain.Next(action, person, detail), cancellationToken)),
            actor,
            cancellationToken);

    /// <summary>
    /// The serialised write transaction itself: the body extends the audit chain from the stored
    /// head and writes the entries it takes from it; nothing is committed unless it returns.
    /// </summary>
    private async Task<T> WriteChainedAsync<T>(Func<DbConnection, DbTransaction, AuditChain, Task<T>> body, string actor, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await Location.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
            var (sequence, head) = await AuditHeadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            var chain = new AuditChain(sequence, head, actor, _time);
            var result = await body(connection, transaction, chain).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

            // Inside the gate, so checkpoints are appended in chain order; a crash before this line
            // leaves the database ahead of its anchor, which the check accepts.
            if (Anchor is not null && chain.Sequence > sequence)
            {
                Anchor.Append(AuditCheckpoint.Sign(chain.Sequence, chain.Head, _time.GetUtcNow(), _keys));
            }

            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static Task InsertAuditAsync(DbConnection connection, DbTransaction transaction, AuditRow entry, CancellationToken cancellationToken) =>
        ExecuteAsync(
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

    private static async Task<(long Sequence, byte[] Head)> AuditHeadAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), (byte[])reader.GetValue(1))
            : (0, HashChain.Genesis.ToArray());
    }

    private async Task InsertFingerAsync(DbConnection connection, DbTransaction transaction, PersonId owner, FingerRecord finger, CancellationToken cancellationToken)
    {
        if (!FingerPositions.IsValid(finger.Position))
        {
            throw new ArgumentException($"Finger position {(int)finger.Position} is not 1–10.", nameof(finger));
        }

        var keys = _keys;
        await ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO fingers (person_id, position, key_id, template, quality, captured_at, device, dpi) VALUES (@p, @pos, @k, @t, @q, @at, @dev, @dpi)",
            cancellationToken,
            ("@p", owner.Value),
            ("@pos", (int)finger.Position),
            ("@k", keys.CurrentId),
            ("@t", TemplateCipher.Seal(keys.Current, owner, finger.Position, finger.Template.Span)),
            ("@q", finger.Quality),
            ("@at", Format(finger.Capture.CapturedAt)),
            ("@dev", finger.Capture.Device),
            ("@dpi", finger.Capture.Dpi)).ConfigureAwait(false);
    }

    private static Task InsertHistoryAsync(DbConnection connection, DbTransaction transaction, PersonId person, int seq, StatusChange change, CancellationToken cancellationToken) =>
        ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO person_history (person_id, seq, at, status, actor, reason) VALUES (@p, @s, @at, @st, @by, @r)",
            cancellationToken,
            ("@p", person.Value),
            ("@s", seq),
            ("@at", Format(change.At)),
            ("@st", (int)change.Status),
            ("@by", change.Actor),
            ("@r", change.Reason));

    private async Task ChangeStatusAsync(DbConnection connection, DbTransaction transaction, PersonRecord person, PersonStatus status, string actor, string reason, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown status.");
        }

        // Restoring a removed record must not give its cédula two live holders.
        if (person.Status == PersonStatus.Removed && status != PersonStatus.Removed && person.Cedula is { } cedula
            && await ExistsAsync(connection, transaction, "SELECT 1 FROM persons WHERE cedula = @c AND status <> 3", ("@c", cedula.ToString()), cancellationToken).ConfigureAwait(false))
        {
            throw new RegistryConflictException($"Cédula {cedula} now belongs to another record.");
        }

        await ExecuteAsync(connection, transaction, "UPDATE persons SET status = @s WHERE id = @id", cancellationToken, ("@s", (int)status), ("@id", person.Id.Value)).ConfigureAwait(false);
        await InsertHistoryAsync(connection, transaction, person.Id, person.History.Count, new StatusChange(_time.GetUtcNow(), status, actor, reason), cancellationToken).ConfigureAwait(false);
    }

    private async Task MergeAsync(DbConnection connection, DbTransaction transaction, AdjudicationCase found, PersonRecord pending, PersonId? mergeInto, string actor, AuditWriter audit, CancellationToken cancellationToken)
    {
        if (mergeInto is not { } targetId || found.Candidates.All(c => c.PersonId != targetId))
        {
            throw new RegistryConflictException("A merge names one of the case's candidates as the record to keep.");
        }

        var target = await LoadPersonAsync(connection, transaction, "p.id = @k", targetId.Value, cancellationToken).ConfigureAwait(false);
        if (target is null || target.Status == PersonStatus.Removed)
        {
            throw new RegistryConflictException($"Candidate {targetId} is no longer in the registry.");
        }

        // Only fingers the kept record lacks are added: nothing enrolled is overwritten.
        var added = 0;
        foreach (var finger in pending.Fingers.Where(f => target.Finger(f.Position) is null))
        {
            await InsertFingerAsync(connection, transaction, targetId, finger, cancellationToken).ConfigureAwait(false);
            added++;
        }

        await ChangeStatusAsync(connection, transaction, pending, PersonStatus.Removed, actor, $"case {found.Id}: merged into {targetId}", cancellationToken).ConfigureAwait(false);
        await audit("person.merge", targetId, $"case={found.Id} from={pending.Id} fingers_added={added}").ConfigureAwait(false);
    }

    // ---- Reads -----------------------------------------------------------------------------

    private async Task<PersonRecord?> LoadPersonAsync(DbConnection connection, DbTransaction? transaction, string where, string key, CancellationToken cancellationToken)
    {
        PersonId id;
        Cedula? cedula;
        Demographics? demographics;
        PersonStatus status;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT p.id, p.cedula, p.status, p.given_names, p.family_names, p.birth_date, p.sex, p.address_line, p.geography_code FROM persons p WHERE {where}";
            SchemaMigrator.AddParameter(command, "@k", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            id = PersonId.Parse(reader.GetString(0));
            cedula = reader.IsDBNull(1) ? null : Cedula.Parse(reader.GetString(1));
            status = (PersonStatus)reader.GetInt32(2);
            demographics = reader.IsDBNull(3)
                ? null
                : new Demographics(
                    reader.GetString(3),
                    reader.GetString(4),
                    DateOnly.ParseExact(reader.GetString(5), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    (Sex)reader.GetInt32(6),
                    new Address(reader.GetString(7), reader.GetString(8)));
        }

        var fingers = new List<FingerRecord>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT position, key_id, template, quality, captured_at, device, dpi FROM fingers WHERE person_id = @p ORDER BY position";
            SchemaMigrator.AddParameter(command, "@p", id.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                fingers.Add(ReadFinger(reader, 0, id));
            }
        }

        var history = new List<StatusChange>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT at, status, actor, reason FROM person_history WHERE person_id = @p ORDER BY seq";
            SchemaMigrator.AddParameter(command, "@p", id.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                history.Add(new StatusChange(ParseTime(reader.GetString(0)), (PersonStatus)reader.GetInt32(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        return new PersonRecord(id, cedula, demographics, fingers, status, history);
    }

    private FingerRecord ReadFinger(DbDataReader reader, int first, PersonId owner)
    {
        var position = (FingerPosition)reader.GetInt32(first);
        var keyId = reader.GetString(first + 1);
        var sealedBytes = (byte[])reader.GetValue(first + 2);
        byte[] template;
        try
        {
            template = TemplateCipher.Open(KeyFor(_keys, keyId), owner, position, sealedBytes);
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException)
        {
            throw new RegistryIntegrityException($"The registry's {new UnreadableFinger(owner, position, e.Message)}.", e);
        }

        var capture = new CaptureMetadata(ParseTime(reader.GetString(first + 4)), reader.GetString(first + 5), reader.GetDouble(first + 6));
        return new FingerRecord(position, template, reader.GetInt32(first + 3), capture);
    }

    private static PersonRecord GalleryRecord(PersonId id, PersonStatus status, List<FingerRecord> fingers) => new(id, null, null, fingers, status, []);

    private static async Task<IReadOnlyList<AdjudicationCase>> LoadCasesAsync(DbConnection connection, DbTransaction? transaction, string where, string? id, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT id, person_id, candidates, opened_at, state, decision, merged_into, resolved_by, resolved_at FROM adjudication_cases WHERE {where} ORDER BY opened_at, id";
        if (id is not null)
        {
            SchemaMigrator.AddParameter(command, "@id", id);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var cases = new List<AdjudicationCase>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            cases.Add(new AdjudicationCase(
                Guid.Parse(reader.GetString(0)),
                PersonId.Parse(reader.GetString(1)),
                ReadCandidates(reader.GetString(2)),
                ParseTime(reader.GetString(3)),
                (CaseState)reader.GetInt32(4),
                reader.IsDBNull(5) ? null : (AdjudicationDecision)reader.GetInt32(5),
                reader.IsDBNull(6) ? null : PersonId.Parse(reader.GetString(6)),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.IsDBNull(8) ? null : ParseTime(reader.GetString(8))));
        }

        return cases;
    }

    private static byte[] KeyFor(KeyRing ring, string keyId) =>
        ring.TryGet(keyId, out var key) ? key : throw new InvalidOperationException($"Template sealed with key '{keyId}', which is not in the key ring.");

    private static string WriteCandidates(IReadOnlyList<Candidate> candidates) =>
        JsonSerializer.Serialize(candidates.Select(c => new CandidateRow(c.PersonId.Value, c.Score, c.Fmr)).ToArray(), StoreJson.Default.CandidateRowArray);

    private static List<Candidate> ReadCandidates(string json) =>
        [.. (JsonSerializer.Deserialize(json, StoreJson.Default.CandidateRowArray) ?? []).Select(r => new Candidate(PersonId.Parse(r.Id), r.Score, r.Fmr))];

    // ---- Helpers ---------------------------------------------------------------------------

    internal static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string sql, (string Name, object? Value) parameter, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        SchemaMigrator.AddParameter(command, parameter.Name, parameter.Value);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null and not DBNull;
    }

    private static async Task<int> ScalarIntAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            SchemaMigrator.AddParameter(command, name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}

internal sealed record CandidateRow(string Id, double Score, double Fmr);

[System.Text.Json.Serialization.JsonSerializable(typeof(CandidateRow[]))]
internal sealed partial class StoreJson : System.Text.Json.Serialization.JsonSerializerContext;
