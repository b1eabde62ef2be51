using Huella.Storage;
using Huella.Testing;

namespace Huella.Storage.Tests;

/// <summary>A store's connections, on SQLite and on a real PostgreSQL server.</summary>
public abstract class StoreConnectionsContract
{
    protected abstract StoreLocation Location { get; }

    [Fact]
    public async Task Every_connection_reaches_the_same_database_until_the_store_closes_them()
    {
        var connections = new StoreConnections(Location);
        Assert.Equal(Location, connections.Location);
        await using (var first = await connections.OpenAsync())
        {
            await SchemaMigrator.MigrateAsync(first, "shared", ["CREATE TABLE shared_t (id TEXT PRIMARY KEY)"]);
            await Sql.ExecuteAsync(first, "INSERT INTO shared_t (id) VALUES (@id)", ("@id", "a"));
        }

        // Two at once: a store's readers and its writer hold connections side by side.
        await using (var second = await connections.OpenAsync())
        await using (var third = await connections.OpenAsync())
        {
            Assert.Equal("a", await Sql.ScalarAsync(second, "SELECT id FROM shared_t"));
            Assert.Equal(1, await SchemaMigrator.CurrentVersionAsync(third, "shared"));
        }

        await connections.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => connections.OpenAsync());
    }
}

public sealed class SqliteStoreConnectionsTests : StoreConnectionsContract, IDisposable
{
    private readonly TempFolder _folder = new("huella-sqlite-");

    protected override StoreLocation Location => _folder.Sqlite();

    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresStoreConnectionsTests(PostgresDatabase database) : StoreConnectionsContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Location => StoreLocation.Postgres(database.ConnectionString);
}
