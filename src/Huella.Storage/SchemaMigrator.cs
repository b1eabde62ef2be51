using System.Data.Common;

namespace Huella.Storage;

/// <summary>
/// Brings a store's schema to its newest version, one numbered step at a time, each step in
/// its own transaction and recorded in <c>schema_version</c>, so a crash mid-upgrade leaves
/// either the old schema or the new one and re-running is safe.
/// </summary>
public static class SchemaMigrator
{
    /// <summary>Applies the steps of <paramref name="store"/> not applied yet; returns the version reached.</summary>
    /// <param name="connection">An open connection.</param>
    /// <param name="store">Name of the store (its steps are versioned independently of other stores).</param>
    /// <param name="steps">SQL for version 1, 2, … in order; valid on both SQLite and PostgreSQL.</param>
    public static async Task<int> MigrateAsync(DbConnection connection, string store, IReadOnlyList<string> steps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentException.ThrowIfNullOrEmpty(store);
        ArgumentNullException.ThrowIfNull(steps);

        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_version (store TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (store, version))";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var current = await CurrentVersionAsync(connection, store, cancellationToken).ConfigureAwait(false);
        for (var version = current + 1; version <= steps.Count; version++)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var step = connection.CreateCommand())
            {
                step.Transaction = transaction;
                step.CommandText = steps[version - 1];
                await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_version (store, version) VALUES (@store, @version)";
                AddParameter(record, "@store", store);
                AddParameter(record, "@version", version);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return Math.Max(current, steps.Count);
    }

    public static async Task<int> CurrentVersionAsync(DbConnection connection, string store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version WHERE store = @store";
        AddParameter(query, "@store", store);
        var result = await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Adds a named parameter in the way both providers accept.</summary>
    public static void AddParameter(DbCommand command, string name, object? value)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
    }
}
