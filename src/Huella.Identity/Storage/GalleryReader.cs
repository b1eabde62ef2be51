using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>
/// The gallery as one streaming read in person order. Rows are taken in chunks of whole persons; a
/// chunk is opened (decrypted, parsed) on the thread pool while the next one is read, so the
/// connection keeps streaming and the caller's index build overlaps both.
/// </summary>
internal static class GalleryReader
{
    /// <summary>Gallery rows opened per task at start-up: big enough to spread over the cores, small enough to stream.</summary>
    private const int ChunkRows = 8192;

    public static async IAsyncEnumerable<PersonRecord> ReadAsync(StoreConnections connections, KeyRing keys, Action<UnreadableFinger> unreadable, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT p.id, p.status, f.position, f.key_id, f.template, f.quality, f.captured_at, f.device, f.dpi " +
            $"FROM persons p JOIN fingers f ON f.person_id = p.id WHERE p.{StoredCodes.NotRemoved} ORDER BY p.id, f.position";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var chunk = new List<SealedGalleryRow>(ChunkRows);
        Task<List<PersonRecord>>? opening = null;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var row = new SealedGalleryRow(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt32(2),
                reader.GetString(3),
                (byte[])reader.GetValue(4),
                reader.GetInt32(5),
                reader.GetString(6),
                reader.GetString(7),
                reader.GetDouble(8));

            // A chunk ends only between persons, so a person's fingers are opened together.
            if (chunk.Count >= ChunkRows && !string.Equals(chunk[^1].PersonId, row.PersonId, StringComparison.Ordinal))
            {
                var full = chunk;
                var next = Task.Run(() => OpenChunk(keys, full, unreadable), cancellationToken);
                if (opening is not null)
                {
                    foreach (var person in await opening.ConfigureAwait(false))
                    {
                        yield return person;
                    }
                }

                opening = next;
                chunk = new List<SealedGalleryRow>(ChunkRows);
            }

            chunk.Add(row);
        }

        if (opening is not null)
        {
            foreach (var person in await opening.ConfigureAwait(false))
            {
                yield return person;
            }
        }

        foreach (var person in OpenChunk(keys, chunk, unreadable))
        {
            yield return person;
        }
    }

    private static List<PersonRecord> OpenChunk(KeyRing keys, List<SealedGalleryRow> rows, Action<UnreadableFinger> unreadable)
    {
        var ids = new PersonId[rows.Count];
        var fingers = new FingerRecord[rows.Count];
        var problems = new UnreadableFinger?[rows.Count];
        // One cipher per worker and key id: the key schedule is set up once, not per finger.
        Parallel.For(
            0,
            rows.Count,
            () => new Dictionary<string, AesGcm>(StringComparer.Ordinal),
            (i, _, ciphers) =>
            {
                var row = rows[i];
                var owner = PersonId.Parse(row.PersonId);
                ids[i] = owner;
                if (!ciphers.TryGetValue(row.KeyId, out var aes))
                {
                    if (!keys.TryGet(row.KeyId, out var key))
                    {
                        problems[i] = new UnreadableFinger(owner, (FingerPosition)row.Position, $"sealed with key '{row.KeyId}', which is not in the key ring");
                        return ciphers;
                    }

                    aes = TemplateCipher.Cipher(key);
                    ciphers.Add(row.KeyId, aes);
                }

                var position = (FingerPosition)row.Position;
                try
                {
                    var template = TemplateCipher.Open(aes, owner, position, row.Template);
                    fingers[i] = new FingerRecord(position, template, row.Quality, new CaptureMetadata(RegistrySql.ParseTime(row.CapturedAt), row.Device, row.Dpi));
                }
                catch (CryptographicException e)
                {
                    problems[i] = new UnreadableFinger(owner, position, e.Message);
                }

                return ciphers;
            },
            ciphers =>
            {
                foreach (var aes in ciphers.Values)
                {
                    aes.Dispose();
                }
            });

        var persons = new List<PersonRecord>();
        for (var start = 0; start < rows.Count;)
        {
            var end = start + 1;
            while (end < rows.Count && string.Equals(rows[end].PersonId, rows[start].PersonId, StringComparison.Ordinal))
            {
                end++;
            }

            // Reported in row order on the reading thread; the person keeps the fingers that opened.
            var opened = new List<FingerRecord>(end - start);
            for (var i = start; i < end; i++)
            {
                if (problems[i] is { } problem)
                {
                    unreadable(problem);
                }
                else
                {
                    opened.Add(fingers[i]);
                }
            }

            persons.Add(new PersonRecord(ids[start], null, null, opened, StoredCodes.PersonStatusOf(rows[start].Status), []));
            start = end;
        }

        return persons;
    }
}
