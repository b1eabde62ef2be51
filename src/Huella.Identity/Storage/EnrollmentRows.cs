using System.Data.Common;
using System.Globalization;
using Huella.Identity.Enrollment;

namespace Huella.Identity.Storage;

/// <summary>
/// New persons on their way into the tables: the batch checked, turned into rows (templates sealed
/// with the current key), and written a statement per row, the way every engine accepts.
/// </summary>
internal static class EnrollmentRows
{
    private const string PersonColumns = "persons (id, cedula, status, given_names, family_names, birth_date, sex, address_line, geography_code, created_at)";
    private const string FingerColumns = "fingers (person_id, position, key_id, template, quality, captured_at, device, dpi)";
    private const string HistoryColumns = "person_history (person_id, seq, at, status, actor, reason)";

    /// <summary>Refuses, before anything is written, fingers that cannot be stored and ids or cédulas twice in the batch.</summary>
    public static void CheckBatch(IReadOnlyList<PersonRecord> persons)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var cedulas = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in persons)
        {
            CheckFingers(person);
            if (person.Fingers.FirstOrDefault(f => !FingerPositions.IsValid(f.Position)) is { } bad)
            {
                throw new ArgumentException($"Finger position {(int)bad.Position} is not 1–10.", nameof(persons));
            }

            if (!ids.Add(person.Id.Value))
            {
                throw new RegistryConflictException($"Reference {person.Id} is twice in the batch.");
            }

            if (person.Cedula is { } cedula && !cedulas.Add(cedula.ToString()))
            {
                throw new RegistryConflictException($"Cédula {cedula} is twice in the batch.");
            }
        }
    }

    private static void CheckFingers(PersonRecord person)
    {
        ArgumentNullException.ThrowIfNull(person);
        // A person on file may have no fingers (removed, or enrolled before capture); otherwise the one rule holds.
        if (person.Fingers.Count > 0 && FingerSet.Problems([.. person.Fingers.Select(f => (FingerPosition?)f.Position)]).Count > 0)
        {
            throw new ArgumentException("A person has at most ten fingers, each position once.", nameof(person));
        }
    }

    /// <summary>
    /// The batch as table rows: templates sealed with the current key (in parallel: at a million
    /// persons sealing is most of the client's work), history defaulted, one chained audit entry each.
    /// </summary>
    public static RowBatch BuildRows(IReadOnlyList<PersonRecord> persons, string actor, AuditChain chain, KeyRing keys, TimeProvider time)
    {
        var createdAt = RegistrySql.Format(time.GetUtcNow());
        var rows = new RowBatch();
        var owners = new List<(PersonId Owner, FingerRecord Finger)>();
        foreach (var person in persons)
        {
            var d = person.Demographics;
            rows.Persons.Add(new PersonRow(
                person.Id.Value,
                person.Cedula?.ToString(),
                StoredCodes.Of(person.Status),
                d?.GivenNames,
                d?.FamilyNames,
                d?.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                d is null ? null : StoredCodes.Of(d.Sex),
                d?.Address.Line,
                d?.Address.GeographyCode,
                createdAt));
            owners.AddRange(person.Fingers.Select(f => (person.Id, f)));
            var history = person.History.Count > 0 ? person.History : [new StatusChange(time.GetUtcNow(), person.Status, actor, "enrolled")];
            for (var i = 0; i < history.Count; i++)
            {
                rows.History.Add(new HistoryRow(person.Id.Value, i, RegistrySql.Format(history[i].At), StoredCodes.Of(history[i].Status), history[i].Actor, history[i].Reason));
            }

            rows.Audit.Add(chain.Next(AuditAction.PersonInsert, person.Id, $"status={person.Status} fingers={person.Fingers.Count}"));
        }

        var fingers = new FingerRow[owners.Count];
        Parallel.For(
            0,
            owners.Count,
            () => TemplateCipher.Cipher(keys.Current),
            (i, _, aes) =>
            {
                var (owner, finger) = owners[i];
                fingers[i] = new FingerRow(
                    owner.Value,
                    (int)finger.Position,
                    keys.CurrentId,
                    TemplateCipher.Seal(aes, owner, finger.Position, finger.Template.Span),
                    finger.Quality,
                    RegistrySql.Format(finger.Capture.CapturedAt),
                    finger.Capture.Device,
                    finger.Capture.Dpi);
                return aes;
            },
            aes => aes.Dispose());
        rows.Fingers.AddRange(fingers);
        return rows;
    }

    /// <summary>
    /// Writes a batch's rows in the open write transaction, refusing with
    /// <see cref="RegistryConflictException"/> an id already stored or a cédula held by a record that
    /// is not removed (duplicates inside the batch were refused before).
    /// </summary>
    public static async Task WriteRowsAsync(DbConnection connection, DbTransaction transaction, RowBatch rows, CancellationToken cancellationToken)
    {
        foreach (var person in rows.Persons)
        {
            if (await RegistrySql.ExistsAsync(connection, transaction, "SELECT 1 FROM persons WHERE id = @id", ("@id", person.Id), cancellationToken).ConfigureAwait(false))
            {
                throw new RegistryConflictException($"Reference {person.Id} is already in the registry.");
            }

            if (person.Cedula is not null
                && await RegistrySql.ExistsAsync(connection, transaction, $"SELECT 1 FROM persons WHERE cedula = @c AND {StoredCodes.NotRemoved}", ("@c", person.Cedula), cancellationToken).ConfigureAwait(false))
            {
                throw new RegistryConflictException($"Cédula {person.Cedula} is already enrolled.");
            }
        }

        await RegistrySql.InsertRowsAsync(
            connection,
            transaction,
            PersonColumns,
            rows.Persons,
            p => [p.Id, p.Cedula, p.Status, p.GivenNames, p.FamilyNames, p.BirthDate, p.Sex, p.AddressLine, p.GeographyCode, p.CreatedAt],
            cancellationToken).ConfigureAwait(false);
        await RegistrySql.InsertRowsAsync(
            connection,
            transaction,
            FingerColumns,
            rows.Fingers,
            f => [f.PersonId, f.Position, f.KeyId, f.Template, f.Quality, f.CapturedAt, f.Device, f.Dpi],
            cancellationToken).ConfigureAwait(false);
        await RegistrySql.InsertRowsAsync(
            connection,
            transaction,
            HistoryColumns,
            rows.History,
            h => [h.PersonId, h.Seq, h.At, h.Status, h.Actor, h.Reason],
            cancellationToken).ConfigureAwait(false);
        foreach (var entry in rows.Audit)
        {
            await AuditLog.InsertAsync(connection, transaction, entry, cancellationToken).ConfigureAwait(false);
        }
    }
}
