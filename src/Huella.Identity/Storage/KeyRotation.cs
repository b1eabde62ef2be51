using System.Data.Common;

namespace Huella.Identity.Storage;

/// <summary>Every stored template re-sealed under a new current key, inside one write transaction.</summary>
internal static class KeyRotation
{
    /// <summary>Opens each template with the key it names in <paramref name="ring"/> and seals it with the ring's current key; returns how many.</summary>
    public static async Task<int> ResealAsync(DbConnection connection, DbTransaction transaction, KeyRing ring, CancellationToken cancellationToken)
    {
        var rows = new List<(string Person, int Position, string KeyId, byte[] Sealed)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT person_id, position, key_id, template FROM fingers";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2), (byte[])reader.GetValue(3)));
            }
        }

        foreach (var (person, position, keyId, sealedBytes) in rows)
        {
            var owner = PersonId.Parse(person);
            var plain = TemplateCipher.Open(PersonReads.KeyFor(ring, keyId), owner, (FingerPosition)position, sealedBytes);
            await RegistrySql.ExecuteAsync(
                connection,
                transaction,
                "UPDATE fingers SET key_id = @k, template = @t WHERE person_id = @p AND position = @pos",
                cancellationToken,
                ("@k", ring.CurrentId),
                ("@t", TemplateCipher.Seal(ring.Current, owner, (FingerPosition)position, plain)),
                ("@p", person),
                ("@pos", position)).ConfigureAwait(false);
        }

        return rows.Count;
    }
}
