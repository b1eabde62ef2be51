using System.Globalization;
using Npgsql;
using Xunit;

namespace Huella.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database for one test class, on the throw-away server that
/// <c>./test.sh</c> starts (its admin connection string is in <c>HUELLA_TEST_POSTGRES</c>).
/// Dropped again when the class is done. Without a server the test fails, it is never skipped.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string EnvironmentVariable = "HUELLA_TEST_POSTGRES";

    private string? _adminConnectionString;

    public string Name { get; } = "huella_test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Connection string of the fresh database.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _adminConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(_adminConnectionString))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with ./test.sh, which starts a throw-away PostgreSQL server.");
        }

        await using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = string.Create(CultureInfo.InvariantCulture, $"CREATE DATABASE {Name}");
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = Name }.ToString();
    }

    public async Task DisposeAsync()
    {
        if (string.IsNullOrEmpty(_adminConnectionString) || ConnectionString.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_adminConnectionString);
        await admin.OpenAsync();
        await using var drop = admin.CreateCommand();
        drop.CommandText = string.Create(CultureInfo.InvariantCulture, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await drop.ExecuteNonQueryAsync();
    }
}
