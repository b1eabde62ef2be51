using System.Data.Common;

namespace Huella.Identity.Storage;

/// <summary>Changes to persons already stored: a status with its history entry, a finger added by a merge.</summary>
internal static class PersonWrites
{
    public static async Task ChangeStatusAsync(DbConnection connection, DbTransaction transaction, PersonRecord person, StatusChange change, CancellationToken cancellationToken)
    {
        var status = change.Status;
        if (!Enum.IsDefined(status))
        {
            throw new ArgumentOutOfRangeException(nameof(change), status, "Unknown status.");
        }

        // Restoring a removed record must not give its cédula two live holders.
        if (person.Status == PersonStatus.Removed && status != PersonStatus.Removed && person.Cedula is { } cedula
            && await RegistrySql.ExistsAsync(connection, transaction, $"SELECT 1 FROM persons WHERE cedula = @c AND {StoredCodes.NotRemoved}", ("@c", cedula.ToString()), cancellationToken).ConfigureAwait(false))
        {
            throw new RegistryConflictException($"Cédula {cedula} now belongs to another record.");
        }

        await RegistrySql.ExecuteAsync(connection, transaction, "UPDATE persons SET status = @s WHERE id = @id", cancellationToken, ("@s", StoredCodes.Of(status)), ("@id", person.Id.Value)).ConfigureAwait(false);
        await RegistrySql.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO person_history (person_id, seq, at, status, actor, reason) VALUES (@p, @s, @at, @st, @by, @r)",
            cancellationToken,
            ("@p", person.Id.Value),
            ("@s", person.History.Count),
            ("@at", RegistrySql.Format(change.At)),
            ("@st", StoredCodes.Of(change.Status)),
            ("@by", change.Actor),
            ("@r", change.Reason)).ConfigureAwait(false);
    }

    /// <summary>Adds one finger to a stored person, sealed with the ring's current key.</summary>
    public static async Task InsertFingerAsync(DbConnection connection, DbTransaction transaction, KeyRing keys, PersonId owner, FingerRecord finger, CancellationToken cancellationToken)
    {
        if (!FingerPositions.IsValid(finger.Position))
        {
            throw new ArgumentException($"Finger position {(int)finger.Position} is not 1–10.", nameof(finger));
        }

        await RegistrySql.ExecuteAsync(
            connection,
            transaction,
            "INSERT INTO fingers (person_id, position, key_id, template, quality, captured_at, device, dpi) VALUES (@p, @pos, @k, @t, @q, @at, @dev, @dpi)",
            cancellationToken,
            ("@p", owner.Value),
            ("@pos", (int)finger.Position),
            ("@k", keys.CurrentId),
            ("@t", TemplateCipher.Seal(keys.Current, owner, finger.Position, finger.Template.Span)),
            ("@q", finger.Quality),
            ("@at", RegistrySql.Format(finger.Capture.CapturedAt)),
            ("@dev", finger.Capture.Device),
            ("@dpi", finger.Capture.Dpi)).ConfigureAwait(false);
    }
}
