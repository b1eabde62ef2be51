using System.Collections.Immutable;
using System.Globalization;
using Huella.Elections.Geography;
using Huella.Identity;
using Microsoft.Data.Sqlite;

namespace Huella.Elections.Station;

/// <summary>One change of the desk's state, committed as one transaction with its log entry.</summary>
internal sealed record DeskChange(byte[] Entry, byte[] Hash)
{
    /// <summary>The elector this change is about (admission, failed attempts).</summary>
    public Cedula? Cedula { get; init; }

    public bool Admit { get; init; }

    /// <summary>The failed attempts now counted for <see cref="Cedula"/>: null unchanged, 0 forgotten.</summary>
    public int? FailedAttempts { get; init; }

    public int? Incident { get; init; }

    public string? State { get; init; }

    public int? VoidedTokens { get; init; }

    /// <summary>Signed actas (opening or closing) stored with the state change that produced them.</summary>
    public (string Kind, ImmutableArray<byte[]> Actas)? Actas { get; init; }
}

/// <summary>
/// The identity side of the station's store: SQLite in WAL mode with synchronous=FULL, so a commit
/// is on disk (the WAL fsync'd) before the desk answers, and a crash at any instant leaves either
/// the whole change or none of it. The order of events here is not secret: the log is ordered by
/// design and names electors, never a ballot.
/// </summary>
internal sealed class DeskJournal : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS mesa (id INTEGER PRIMARY KEY CHECK (id = 1), election TEXT NOT NULL, mesa TEXT NOT NULL, state TEXT NOT NULL, voided INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS admitted (cedula TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS attempts (cedula TEXT PRIMARY KEY, failed INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS incidents (kind INTEGER PRIMARY KEY, count INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS log (seq INTEGER PRIMARY KEY, entry BLOB NOT NULL, hash BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS actas (kind TEXT NOT NULL, contest INTEGER NOT NULL, acta BLOB NOT NULL, PRIMARY KEY (kind, contest));
        """;

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private DeskJournal(SqliteConnection connection) => _connection = connection;

    public static DeskJournal Open(string path, string electionId, MesaId mesa)
    {
        // Cédulas and attempts: readable by the station's own account alone.
        Huella.Storage.OwnerOnlyFile.CreateIfMissing(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
            Execute(connection, Schema);
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT OR IGNORE INTO mesa (id, election, mesa, state, voided) VALUES (1, $election, $mesa, 'ready', 0)";
                insert.Parameters.AddWithValue("$election", electionId);
                insert.Parameters.AddWithValue("$mesa", mesa.ToString());
                insert.ExecuteNonQuery();
            }

            using var read = connection.CreateCommand();
            read.CommandText = "SELECT election, mesa FROM mesa WHERE id = 1";
            using var reader = read.ExecuteReader();
            reader.Read();
            if (reader.GetString(0) != electionId || reader.GetString(1) != mesa.ToString())
            {
                throw new StationStoreException($"The station store in {Path.GetDirectoryName(path)} is {reader.GetString(0)} mesa {reader.GetString(1)}'s, not {electionId} mesa {mesa}'s.");
            }

            return new DeskJournal(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new StationStoreException($"The station's desk store {path} cannot be used: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public DeskSnapshot Load()
    {
        string state;
        int voided;
        using (var command = Command("SELECT state, voided FROM mesa WHERE id = 1"))
        using (var reader = command.ExecuteReader())
        {
            reader.Read();
            (state, voided) = (reader.GetString(0), reader.GetInt32(1));
        }

        var admitted = Rows("SELECT cedula FROM admitted", r => StoredCedula(r.GetString(0)));
        var attempts = Rows("SELECT cedula, failed FROM attempts", r => (StoredCedula(r.GetString(0)), r.GetInt32(1))).ToDictionary(a => a.Item1, a => a.Item2);
        var incidents = Rows("SELECT kind, count FROM incidents", r => (r.GetInt32(0), r.GetInt32(1))).ToDictionary(i => i.Item1, i => i.Item2);
        var log = Rows("SELECT entry, hash FROM log ORDER BY seq", r => ((byte[])r[0], (byte[])r[1]));
        var actas = Rows("SELECT kind, acta FROM actas ORDER BY kind, contest", r => (r.GetString(0), (byte[])r[1]))
            .GroupBy(a => a.Item1, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(a => a.Item2).ToImmutableArray(), StringComparer.Ordinal);
        return new DeskSnapshot(state, admitted, attempts, incidents, log, voided, actas);
    }

    private static Cedula StoredCedula(string text) =>
        Cedula.TryParse(text, out var cedula) ? cedula : throw new StationStoreException($"The desk store holds '{text}', which is not a cédula.");

    /// <summary>Commits the change and its log entry as one durable transaction.</summary>
    public void Commit(DeskChange change)
    {
        try
        {
            using var transaction = _connection.BeginTransaction();
            _transaction = transaction;
            Apply(change);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            throw new StationStoreException($"The desk store could not record the change: {e.Message}", e);
        }
        finally
        {
            _transaction = null;
        }
    }

    private void Apply(DeskChange change)
    {
        Run("INSERT INTO log (entry, hash) VALUES ($a, $b)", change.Entry, change.Hash);
        if (change.Admit)
        {
            Run("INSERT INTO admitted (cedula) VALUES ($a)", change.Cedula?.ToString());
        }

        switch (change.FailedAttempts)
        {
            case 0:
                Run("DELETE FROM attempts WHERE cedula = $a", change.Cedula?.ToString());
                break;
            case { } failed:
                Run("INSERT INTO attempts (cedula, failed) VALUES ($a, $b) ON CONFLICT (cedula) DO UPDATE SET failed = excluded.failed", change.Cedula?.ToString(), failed);
                break;
        }

        if (change.Incident is { } incident)
        {
            Run("INSERT INTO incidents (kind, count) VALUES ($a, 1) ON CONFLICT (kind) DO UPDATE SET count = count + 1", incident);
        }

        if (change.State is { } state)
        {
            Run("UPDATE mesa SET state = $a WHERE id = 1", state);
        }

        if (change.VoidedTokens is { } voided)
        {
            Run("UPDATE mesa SET voided = $a WHERE id = 1", voided);
        }

        if (change.Actas is var (kind, actas))
        {
            for (var contest = 0; contest < actas.Length; contest++)
            {
                Run("INSERT INTO actas (kind, contest, acta) VALUES ($a, $b, $c)", kind, contest, actas[contest]);
            }
        }
    }

    public void Dispose() => _connection.Dispose();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        return command;
    }

    private void Run(string sql, params object?[] values)
    {
        using var command = Command(sql);
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue(string.Create(CultureInfo.InvariantCulture, $"${(char)('a' + i)}"), values[i]);
        }

        command.ExecuteNonQuery();
    }

    private List<T> Rows<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = Command(sql);
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
