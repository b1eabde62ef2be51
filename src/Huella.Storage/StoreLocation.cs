using System.Data.Common;
using Npgsql;

namespace Huella.Storage;

/// <summary>Which database engine a store lives in.</summary>
public enum StoreEngine
{
    /// <summary>The embedded default: one file, no server.</summary>
    Sqlite,

    /// <summary>Production: a PostgreSQL server reached by connection string.</summary>
    Postgres,
}

/// <summary>
/// Where a store lives, written as <c>sqlite:PATH</c> or <c>postgres:CONNECTION-STRING</c>
/// (a bare path means SQLite). Every aggregate's store opens its connections through this.
/// </summary>
public readonly record struct StoreLocation(StoreEngine Engine, string Target)
{
    private const string SqlitePrefix = "sqlite:";
    private const string PostgresPrefix = "postgres:";

    public static StoreLocation Sqlite(string path) => new(StoreEngine.Sqlite, path);

    public static StoreLocation Postgres(string connectionString) => new(StoreEngine.Postgres, connectionString);

    /// <summary>Reads a location as written in configuration or on the command line.</summary>
    public static bool TryParse(string? text, out StoreLocation location)
    {
        location = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.StartsWith(PostgresPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var connection = text[PostgresPrefix.Length..];
            if (connection.Length == 0)
            {
                return false;
            }

            location = Postgres(connection);
            return true;
        }

        var path = text.StartsWith(SqlitePrefix, StringComparison.OrdinalIgnoreCase) ? text[SqlitePrefix.Length..] : text;
        if (path.Length == 0)
        {
            return false;
        }

        location = Sqlite(path);
        return true;
    }

    /// <summary>
    /// For SQLite, the folder the database file belongs in when that folder does not exist (a
    /// mistyped path, which callers refuse rather than create); null otherwise.
    /// </summary>
    public string? MissingFolder =>
        Engine == StoreEngine.Sqlite && Path.GetDirectoryName(Path.GetFullPath(Target)) is { Length: > 0 } folder && !Directory.Exists(folder)
            ? folder
            : null;

    /// <summary>
    /// Opens one connection for a one-off use (a schema check, a tool). A store opens its
    /// connections through the <see cref="StoreConnections"/> it owns instead.
    /// </summary>
    public Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        StoreConnections.OpenOnceAsync(this, cancellationToken);

    /// <summary>The location without secrets, safe to log or print.</summary>
    public override string ToString() => Engine switch
    {
        StoreEngine.Sqlite => SqlitePrefix + Target,
        _ => PostgresPrefix + RedactedPostgres(Target),
    };

    private static string RedactedPostgres(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return $"Host={builder.Host};Port={builder.Port};Database={builder.Database};Username={builder.Username}";
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }
}
