using System.Data.Common;
using Huella.Crypto;
using Huella.Storage;

namespace Huella.Elections.Central;

/// <summary>Every tree head central's log signed, in the acta store beside the archive: published once, never changed.</summary>
internal sealed class ActaLogHeads(StoreLocation location)
{
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE acta_log_heads (
            size BIGINT PRIMARY KEY,
            root BYTEA NOT NULL,
            signed_at BIGINT NOT NULL,
            signature BYTEA NOT NULL)
        """,
    ];

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await SchemaMigrator.MigrateAsync(connection, "acta_log", Schema, cancellationToken).ConfigureAwait(false);
    }

    public async Task<List<SignedTreeHead>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT size, root, signed_at, signature FROM acta_log_heads ORDER BY size";
        var heads = new List<SignedTreeHead>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            heads.Add(new SignedTreeHead(reader.GetInt64(0), [.. (byte[])reader.GetValue(1)], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), [.. (byte[])reader.GetValue(3)]));
        }

        return heads;
    }

    public async Task AddAsync(SignedTreeHead head, CancellationToken cancellationToken)
    {
        await using var connection = await location.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO acta_log_heads (size, root, signed_at, signature) VALUES (@size, @root, @at, @signature)";
        Add(insert, "@size", head.Size);
        Add(insert, "@root", head.Root.ToArray());
        Add(insert, "@at", head.Timestamp.ToUnixTimeMilliseconds());
        Add(insert, "@signature", head.Signature.ToArray());
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
