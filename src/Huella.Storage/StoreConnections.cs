using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Huella.Storage;

/// <summary>
/// The connections of one store, for the store's life: on PostgreSQL one <see cref="NpgsqlDataSource"/>
/// (its pool and parsed settings are shared by every call, and closed when the store is disposed); on
/// SQLite the connection string, built once (Microsoft.Data.Sqlite pools by connection string).
/// </summary>
public sealed class StoreConnections : IAsyncDisposable
{
    // WAL keeps readers off the writer's back; FULL sync so an acknowledged write survives a crash.
    private const string SqlitePragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private bool _disposed;

    public StoreConnections(StoreLocation location)
    {
        Location = location;
        switch (location.Engine)
        {
            case StoreEngine.Sqlite:
                _sqlite = SqliteConnectionString(location.Target);
                break;
            case StoreEngine.Postgres:
                _postgres = NpgsqlDataSource.Create(location.Target);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(location), location.Engine, "Unknown store engine.");
        }
    }

    public StoreLocation Location { get; }

    /// <summary>Opens a connection; the caller disposes it.</summary>
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _postgres is not null
            ? await _postgres.OpenConnectionAsync(cancellationToken).ConfigureAwait(false)
            : await OpenAsync(new SqliteConnection(_sqlite), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One connection outside any store's pool, for <see cref="StoreLocation.OpenAsync"/>.</summary>
    internal static Task<DbConnection> OpenOnceAsync(StoreLocation location, CancellationToken cancellationToken) => location.Engine switch
    {
        StoreEngine.Sqlite => OpenAsync(new SqliteConnection(SqliteConnectionString(location.Target)), cancellationToken),
        StoreEngine.Postgres => OpenAsync(new NpgsqlConnection(location.Target), cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(location), location.Engine, "Unknown store engine."),
    };

    private static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();

    private static async Task<DbConnection> OpenAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (connection is SqliteConnection)
            {
                await using var pragma = connection.CreateCommand();
                pragma.CommandText = SqlitePragmas;
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return _postgres?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
