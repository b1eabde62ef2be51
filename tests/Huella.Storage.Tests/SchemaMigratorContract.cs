using System.Data.Common;
using Huella.Storage;
using Huella.Testing;

namespace Huella.Storage.Tests;

/// <summary>The same contract, run against SQLite and against a real PostgreSQL server.</summary>
public abstract class SchemaMigratorContract
{
    private static readonly string[] Steps =
    [
        "CREATE TABLE elector (cedula TEXT PRIMARY KEY, name TEXT NOT NULL)",
        "ALTER TABLE elector ADD COLUMN mesa TEXT",
    ];

    protected abstract StoreLocation Location { get; }

    [Fact]
    public async Task Migrates_then_writes_and_reads_back_a_row()
    {
        await using var connection = await Location.OpenAsync();
        var version = await SchemaMigrator.MigrateAsync(connection, "elector", Steps);
        Assert.Equal(2, version);

        await Sql.ExecuteAsync(connection, "INSERT INTO elector (cedula, name, mesa) VALUES (@c, @n, @m)", ("@c", "V-12345678"), ("@n", "Ana Pérez"), ("@m", "010101001.01"));

        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT name, mesa FROM elector WHERE cedula = @c";
        SchemaMigrator.AddParameter(query, "@c", "V-12345678");
        await using var reader = await query.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Ana Pérez", reader.GetString(0));
        Assert.Equal("010101001.01", reader.GetString(1));
        Assert.False(await reader.ReadAsync());
    }

    [Fact]
    public async Task Migrating_twice_applies_each_step_once()
    {
        await using var connection = await Location.OpenAsync();
        Assert.Equal(1, await SchemaMigrator.MigrateAsync(connection, "once", [Steps[0].Replace("elector", "once_t", StringComparison.Ordinal)]));
        var twice = await SchemaMigrator.MigrateAsync(connection, "once", [Steps[0].Replace("elector", "once_t", StringComparison.Ordinal)]);
        Assert.Equal(1, twice);
        Assert.Equal(1, await SchemaMigrator.CurrentVersionAsync(connection, "once"));
    }

    [Fact]
    public async Task A_failing_step_leaves_the_previous_version_intact()
    {
        await using var connection = await Location.OpenAsync();
        string[] steps = ["CREATE TABLE acta (id TEXT PRIMARY KEY)", "THIS IS NOT SQL"];
        await Assert.ThrowsAnyAsync<DbException>(() => SchemaMigrator.MigrateAsync(connection, "acta", steps));
        Assert.Equal(1, await SchemaMigrator.CurrentVersionAsync(connection, "acta"));
        await Sql.ExecuteAsync(connection, "INSERT INTO acta (id) VALUES (@id)", ("@id", "x"));
    }
}

public sealed class SqliteSchemaMigratorTests : SchemaMigratorContract, IDisposable
{
    private readonly TempFolder _folder = new("huella-sqlite-");

    protected override StoreLocation Location => _folder.Sqlite();

    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresSchemaMigratorTests(PostgresDatabase database) : SchemaMigratorContract, IClassFixture<PostgresDatabase>
{
    protected override StoreLocation Location => StoreLocation.Postgres(database.ConnectionString);
}
