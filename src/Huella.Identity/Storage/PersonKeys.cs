using System.Data.Common;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>
/// What can be read about persons without opening a single template: who holds which cédula, which
/// finger positions the gallery holds. Answers that need no biometrics never decrypt any.
/// </summary>
internal static class PersonKeys
{
    /// <summary>Rows per IN list: far below SQLite's and PostgreSQL's parameter limits.</summary>
    private const int Batch = 256;

    public static async Task<Dictionary<PersonId, Cedula?>> CedulasAsync(DbConnection connection, IReadOnlyCollection<PersonId> ids, CancellationToken cancellationToken)
    {
        var found = new Dictionary<PersonId, Cedula?>();
        foreach (var chunk in ids.Distinct().Chunk(Batch))
        {
            await using var command = connection.CreateCommand();
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                names[i] = "@i" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                SchemaMigrator.AddParameter(command, names[i], chunk[i].Value);
            }

            command.CommandText = $"SELECT id, cedula FROM persons WHERE id IN ({string.Join(", ", names)})";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found[PersonId.Parse(reader.GetString(0))] = reader.IsDBNull(1) ? null : Cedula.Parse(reader.GetString(1));
            }
        }

        return found;
    }

    /// <summary>Every gallery person's stored finger positions, ascending (what the 1:N index should hold).</summary>
    public static async Task<Dictionary<PersonId, FingerPosition[]>> GalleryPositionsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var positions = new Dictionary<PersonId, List<FingerPosition>>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT p.id, f.position FROM persons p JOIN fingers f ON f.person_id = p.id WHERE p.{StoredCodes.NotRemoved} ORDER BY p.id, f.position";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = PersonId.Parse(reader.GetString(0));
            if (!positions.TryGetValue(id, out var list))
            {
                positions[id] = list = [];
            }

            list.Add((FingerPosition)reader.GetInt32(1));
        }

        return positions.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
