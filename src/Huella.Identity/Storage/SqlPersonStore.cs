using System.Data.Common;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>
/// Where the registry keeps persons, adjudication cases and its audit log, on a SQL database. Every
/// write is one transaction that also appends its audit entries, so a crash leaves either all of it
/// or none; templates go in sealed with the store's key ring and come out opened.
/// This class owns the connections and the write transaction; the work is done by the tables'
/// collaborators (<see cref="EnrollmentRows"/>, <see cref="PersonReads"/>, <see cref="PersonWrites"/>,
/// <see cref="AdjudicationCases"/>, <see cref="GalleryReader"/>, <see cref="AuditLog"/>,
/// <see cref="KeyRotation"/>), writes serialised by <see cref="RegistryWrites"/>. The engine-specific
/// parts (binary type, writer lock, how a batch travels) are in <see cref="SqlitePersonStore"/> and
/// <see cref="PostgresPersonStore"/>.
/// </summary>
public abstract class SqlPersonStore : IAsyncDisposable
{
    private readonly StoreConnections _connections;
    private readonly RegistryWrites _writes;
    private readonly TimeProvider _time;
    private KeyRing _keys;

    protected SqlPersonStore(StoreLocation location, KeyRing keys, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _connections = new StoreConnections(location);
        _writes = new RegistryWrites(_connections, BeginWriteAsync, time ?? TimeProvider.System);
        _keys = keys;
        _time = time ?? TimeProvider.System;
    }

    public StoreLocation Location => _connections.Location;

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

    /// <summary>Creates or upgrades the schema.</summary>
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

        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(connection, RegistrySchema.StoreName, RegistrySchema.For(BinaryType), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds a new person (and the adjudication case opened for them, if any). Throws
    /// <see cref="RegistryConflictException"/> when the id exists or the cédula belongs to a record
    /// that is not removed: nothing enrolled is ever overwritten.
    /// </summary>
    public Task InsertAsync(PersonRecord person, AdjudicationCase? openedCase, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        EnrollmentRows.CheckBatch([person]);
        return WriteChainedAsync(
            async (connection, transaction, chain) =>
            {
                await WriteRowsAsync(connection, transaction, EnrollmentRows.BuildRows([person], actor, chain, _keys, _time), cancellationToken).ConfigureAwait(false);
                if (openedCase is not null)
                {
                    await AdjudicationCases.InsertAsync(connection, transaction, openedCase, person.Id, cancellationToken).ConfigureAwait(false);
                    var opened = chain.Next(AuditAction.CaseOpen, person.Id, $"case={openedCase.Id} candidates={openedCase.Candidates.Count}");
                    await AuditLog.InsertAsync(connection, transaction, opened, cancellationToken).ConfigureAwait(false);
                }

                return 0;
            },
            actor,
            cancellationToken);
    }

    /// <summary>
    /// Adds persons vetted elsewhere (a migration from an older registry, a synthetic population) in
    /// one transaction, each with its audit entry; a conflict on any of them stores none of them.
    /// </summary>
    public Task InsertManyAsync(IReadOnlyList<PersonRecord> persons, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        EnrollmentRows.CheckBatch(persons);
        return WriteChainedAsync(
            async (connection, transaction, chain) =>
            {
                await WriteRowsAsync(connection, transaction, EnrollmentRows.BuildRows(persons, actor, chain, _keys, _time), cancellationToken).ConfigureAwait(false);
                return 0;
            },
            actor,
            cancellationToken);
    }

    /// <summary>Writes a batch's rows in the open write transaction: a statement per row; an engine with a bulk path overrides it.</summary>
    private protected virtual Task WriteRowsAsync(DbConnection connection, DbTransaction transaction, RowBatch rows, CancellationToken cancellationToken) =>
        EnrollmentRows.WriteRowsAsync(connection, transaction, rows, cancellationToken);

    public Task<PersonRecord?> GetAsync(PersonId id, CancellationToken cancellationToken = default) => ReadAsync(
        connection => PersonReads.LoadAsync(connection, null, _keys, PersonReads.ById, id.Value, cancellationToken),
        cancellationToken);

    /// <summary>The cédula of each of these persons (those that exist), read without opening any template.</summary>
    public Task<Dictionary<PersonId, Cedula?>> CedulasAsync(IReadOnlyCollection<PersonId> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ReadAsync(connection => PersonKeys.CedulasAsync(connection, ids, cancellationToken), cancellationToken);
    }

    /// <summary>Every gallery person's finger positions, ascending, read without opening any template.</summary>
    public Task<Dictionary<PersonId, FingerPosition[]>> GalleryPositionsAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => PersonKeys.GalleryPositionsAsync(connection, cancellationToken), cancellationToken);

    /// <summary>The record holding this cédula that is not removed, if any.</summary>
    public Task<PersonRecord?> FindByCedulaAsync(Cedula cedula, CancellationToken cancellationToken = default) => ReadAsync(
        connection => PersonReads.LoadAsync(connection, null, _keys, PersonReads.LiveByCedula, cedula.ToString(), cancellationToken),
        cancellationToken);

    /// <summary>
    /// Every person whose fingers take part in searches, fingers opened, for loading the gallery
    /// index. Throws <see cref="RegistryIntegrityException"/> at the first finger that does not open.
    /// </summary>
    public IAsyncEnumerable<PersonRecord> ReadGalleryAsync(CancellationToken cancellationToken = default) =>
        ReadGalleryAsync(bad => throw new RegistryIntegrityException($"The registry's {bad}."), cancellationToken);

    /// <summary>As above, but a finger that does not open is reported to <paramref name="unreadable"/> and left out; the rest loads.</summary>
    public IAsyncEnumerable<PersonRecord> ReadGalleryAsync(Action<UnreadableFinger> unreadable, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unreadable);
        return GalleryReader.ReadAsync(_connections, _keys, unreadable, cancellationToken);
    }

    /// <summary>
    /// Every active person with a cédula and an address, demographics and fingers opened (possibly
    /// none), ordered by geography code then cédula: what an electoral roll is cut from.
    /// </summary>
    public IAsyncEnumerable<PersonRecord> ReadActiveAsync(CancellationToken cancellationToken = default) =>
        PersonReads.ActiveAsync(_connections, _keys, cancellationToken);

    /// <summary>Changes a person's status, appending to their history. Throws <see cref="RegistryNotFoundException"/> for an unknown id.</summary>
    public Task<PersonRecord> SetStatusAsync(PersonId id, PersonStatus status, string actor, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentNullException.ThrowIfNull(reason);
        return WriteAsync(
            async (connection, transaction, audit) =>
            {
                var person = await PersonReads.LoadAsync(connection, transaction, _keys, PersonReads.ById, id.Value, cancellationToken).ConfigureAwait(false)
                    ?? throw new RegistryNotFoundException($"No person with reference {id}.");
                await PersonWrites.ChangeStatusAsync(connection, transaction, person, new StatusChange(_time.GetUtcNow(), status, actor, reason), cancellationToken).ConfigureAwait(false);
                await audit(AuditAction.PersonStatus, id, $"{person.Status}->{status}").ConfigureAwait(false);
                return (await PersonReads.LoadAsync(connection, transaction, _keys, PersonReads.ById, id.Value, cancellationToken).ConfigureAwait(false))!;
            },
            actor,
            cancellationToken);
    }

    public Task<IReadOnlyList<AdjudicationCase>> OpenCasesAsync(CancellationToken cancellationToken = default) => ReadAsync(
        connection => AdjudicationCases.LoadAsync(connection, null, StoredCodes.CaseIsOpen, null, cancellationToken),
        cancellationToken);

    public async Task<AdjudicationCase?> GetCaseAsync(Guid id, CancellationToken cancellationToken = default) => (await ReadAsync(
        connection => AdjudicationCases.LoadAsync(connection, null, AdjudicationCases.ById, id.ToString(), cancellationToken),
        cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    /// <summary>
    /// Applies an adjudicator's decision in one transaction (see <see cref="AdjudicationDecision"/>).
    /// A merge target must be one of the case's candidates. Throws <see cref="RegistryConflictException"/>
    /// when the case is already resolved.
    /// </summary>
    public Task<AdjudicationCase> ResolveCaseAsync(Guid id, AdjudicationDecision decision, PersonId? mergeInto, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return WriteAsync(
            (connection, transaction, audit) => AdjudicationCases.ResolveAsync(connection, transaction, audit, _keys, _time, id, decision, mergeInto, actor, cancellationToken),
            actor,
            cancellationToken);
    }

    public Task<RegistryCounts> CountAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => PersonReads.CountAsync(connection, cancellationToken), cancellationToken);

    /// <summary>Appends an audit entry for an operation that changes nothing (a verification, a search).</summary>
    public Task AuditAsync(string actor, AuditAction action, PersonId? person, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return WriteAsync(
            async (_, _, audit) =>
            {
                await audit(action, person, detail ?? "").ConfigureAwait(false);
                return 0;
            },
            actor,
            cancellationToken);
    }

    /// <summary>Checks the audit log's end against the latest signed checkpoint kept outside the database (see <see cref="AuditAnchor"/>).</summary>
    public Task<AuditAnchorStatus> CheckAuditAnchorAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => AuditLog.CheckAnchorAsync(connection, Anchor, _keys, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(connection => AuditLog.ReadAsync(connection, cancellationToken), cancellationToken);

    /// <summary>Re-seals every template with <paramref name="ring"/>'s current key, in one transaction; returns how many.</summary>
    public Task<int> RotateKeyAsync(KeyRing ring, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        return WriteAsync(
            async (connection, transaction, audit) =>
            {
                var count = await KeyRotation.ResealAsync(connection, transaction, ring, cancellationToken).ConfigureAwait(false);
                await audit(AuditAction.KeysRotate, null, $"key={ring.CurrentId} templates={count}").ConfigureAwait(false);
                _keys = ring;
                return count;
            },
            actor,
            cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Dispose();
        await _connections.DisposeAsync().ConfigureAwait(false);
        _ownedKeys?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        await using var connection = await _connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await read(connection).ConfigureAwait(false);
    }

    private Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, AuditWriter, Task<T>> body, string actor, CancellationToken cancellationToken) =>
        _writes.AuditedAsync(body, actor, AnchorCheckpoint, cancellationToken);

    private Task<T> WriteChainedAsync<T>(Func<DbConnection, DbTransaction, AuditChain, Task<T>> body, string actor, CancellationToken cancellationToken) =>
        _writes.ChainedAsync(body, actor, AnchorCheckpoint, cancellationToken);

    /// <summary>
    /// Signs the committed chain's end into the anchor. A crash before this leaves the database
    /// ahead of its anchor, which the check accepts.
    /// </summary>
    private void AnchorCheckpoint(AuditChain chain) =>
        Anchor?.Append(AuditCheckpoint.Sign(chain.Sequence, chain.Head, _time.GetUtcNow(), _keys));
}
