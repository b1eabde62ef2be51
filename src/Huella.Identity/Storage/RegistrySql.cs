using System.Data.Common;
using System.Globalization;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>The registry's few ways of talking SQL, the same on both engines, and how its tables write times.</summary>
internal static class RegistrySql
{
    /// <summary>Times are text in one fixed UTC format, so they sort and compare the same on both engines.</summary>
    private const string TimeFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string sql, (string Name, object? Value) parameter, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        SchemaMigrator.AddParameter(command, parameter.Name, parameter.Value);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null and not DBNull;
    }

    public static async Task<int> ScalarIntAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
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

    /// <summary>One prepared INSERT, its parameters rebound per row.</summary>
    public static async Task InsertRowsAsync<TRow>(DbConnection connection, DbTransaction transaction, string target, List<TRow> rows, Func<TRow, object?[]> values, CancellationToken cancellationToken)
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
}
