using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>Whole person records read back from their rows, templates opened with the store's key ring.</summary>
internal static class PersonReads
{
    public const string ById = "p.id = @k";

    public static readonly string LiveByCedula = $"p.cedula = @k AND p.{StoredCodes.NotRemoved}";

    /// <summary>The one person matching <paramref name="where"/> (on alias <c>p</c>, key <c>@k</c>), with fingers and history.</summary>
    public static async Task<PersonRecord?> LoadAsync(DbConnection connection, DbTransaction? transaction, KeyRing keys, string where, string key, CancellationToken cancellationToken)
    {
        PersonId id;
        Cedula? cedula;
        Demographics? demographics;
        PersonStatus status;
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT p.id, p.cedula, p.status, p.given_names, p.family_names, p.birth_date, p.sex, p.address_line, p.geography_code FROM persons p WHERE {where}";
            SchemaMigrator.AddParameter(command, "@k", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            id = PersonId.Parse(reader.GetString(0));
            cedula = reader.IsDBNull(1) ? null : Cedula.Parse(reader.GetString(1));
            status = StoredCodes.PersonStatusOf(reader.GetInt32(2));
            demographics = reader.IsDBNull(3) ? null : ReadDemographics(reader, 3);
        }

        var fingers = new List<FingerRecord>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT position, key_id, template, quality, captured_at, device, dpi FROM fingers WHERE person_id = @p ORDER BY position";
            SchemaMigrator.AddParameter(command, "@p", id.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                fingers.Add(ReadFinger(reader, 0, id, keys));
            }
        }

        var history = new List<StatusChange>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT at, status, actor, reason FROM person_history WHERE person_id = @p ORDER BY seq";
            SchemaMigrator.AddParameter(command, "@p", id.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                history.Add(new StatusChange(RegistrySql.ParseTime(reader.GetString(0)), StoredCodes.PersonStatusOf(reader.GetInt32(1)), reader.GetString(2), reader.GetString(3)));
            }
        }

        return new PersonRecord(id, cedula, demographics, fingers, status, history);
    }

    /// <summary>Every active person with a cédula and an address, in roll order (see <see cref="SqlPersonStore.ReadActiveAsync"/>).</summary>
    public static async IAsyncEnumerable<PersonRecord> ActiveAsync(StoreConnections connections, KeyRing keys, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT p.id, p.cedula, p.given_names, p.family_names, p.birth_date, p.sex, p.address_line, p.geography_code, " +
            "f.position, f.key_id, f.template, f.quality, f.captured_at, f.device, f.dpi " +
            "FROM persons p LEFT JOIN fingers f ON f.person_id = p.id " +
            $"WHERE p.{StoredCodes.IsActive} AND p.cedula IS NOT NULL AND p.geography_code IS NOT NULL ORDER BY p.geography_code, p.cedula, f.position";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        PersonRecord? current = null;
        var fingers = new List<FingerRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = PersonId.Parse(reader.GetString(0));
            if (current is not null && current.Id != id)
            {
                yield return current with { Fingers = fingers };
                fingers = [];
            }

            if (current is null || current.Id != id)
            {
                current = new PersonRecord(id, Cedula.Parse(reader.GetString(1)), ReadDemographics(reader, 2), [], PersonStatus.Active, []);
            }

            if (!reader.IsDBNull(8))
            {
                fingers.Add(ReadFinger(reader, 8, id, keys));
            }
        }

        if (current is not null)
        {
            yield return current with { Fingers = fingers };
        }
    }

    public static async Task<RegistryCounts> CountAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var byStatus = new Dictionary<PersonStatus, int>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT status, COUNT(*) FROM persons GROUP BY status";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                byStatus[StoredCodes.PersonStatusOf(reader.GetInt32(0))] = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            }
        }

        var fingers = await RegistrySql.ScalarIntAsync(connection, $"SELECT COUNT(*) FROM fingers f JOIN persons p ON p.id = f.person_id WHERE p.{StoredCodes.NotRemoved}", cancellationToken).ConfigureAwait(false);
        var cases = await RegistrySql.ScalarIntAsync(connection, $"SELECT COUNT(*) FROM adjudication_cases WHERE {StoredCodes.CaseIsOpen}", cancellationToken).ConfigureAwait(false);
        return new RegistryCounts(
            byStatus.GetValueOrDefault(PersonStatus.Active),
            byStatus.GetValueOrDefault(PersonStatus.PendingAdjudication),
            byStatus.GetValueOrDefault(PersonStatus.Deceased),
            byStatus.GetValueOrDefault(PersonStatus.Removed),
            fingers,
            cases);
    }

    public static byte[] KeyFor(KeyRing ring, string keyId) =>
        ring.TryGet(keyId, out var key) ? key : throw new InvalidOperationException($"Template sealed with key '{keyId}', which is not in the key ring.");

    /// <summary>Six demographic columns from <paramref name="first"/> on: given and family names, birth date, sex, address line, geography code.</summary>
    private static Demographics ReadDemographics(DbDataReader reader, int first) => new(
        reader.GetString(first),
        reader.GetString(first + 1),
        DateOnly.ParseExact(reader.GetString(first + 2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        StoredCodes.SexOf(reader.GetInt32(first + 3)),
        new Address(reader.GetString(first + 4), reader.GetString(first + 5)));

    private static FingerRecord ReadFinger(DbDataReader reader, int first, PersonId owner, KeyRing keys)
    {
        var position = (FingerPosition)reader.GetInt32(first);
        var keyId = reader.GetString(first + 1);
        var sealedBytes = (byte[])reader.GetValue(first + 2);
        byte[] template;
        try
        {
            template = TemplateCipher.Open(KeyFor(keys, keyId), owner, position, sealedBytes);
        }
        catch (Exception e) when (e is CryptographicException or InvalidOperationException)
        {
            throw new RegistryIntegrityException($"The registry's {new UnreadableFinger(owner, position, e.Message)}.", e);
        }

        var capture = new CaptureMetadata(RegistrySql.ParseTime(reader.GetString(first + 4)), reader.GetString(first + 5), reader.GetDouble(first + 6));
        return new FingerRecord(position, template, reader.GetInt32(first + 3), capture);
    }
}
