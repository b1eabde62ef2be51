using Huella.Storage;

namespace Huella.Identity.Storage;

/// <summary>
/// The one rule for a registry's key ring, shared by the command line, the server and the demo: an
/// existing ring file is loaded; a missing one is created only for a store that holds nobody, since
/// for a store with templates a missing ring is a mistyped path, and a fresh key there would seal
/// new templates with a key the old ones do not share.
/// </summary>
public static class RegistryKeyRing
{
    /// <summary>The ring for <paramref name="location"/>, and whether it was just created; the caller disposes the ring after every store that uses it.</summary>
    /// <exception cref="RegistryKeyRingException">No ring at <paramref name="path"/> while the store holds persons.</exception>
    /// <exception cref="FormatException">The file is not a key ring (the message names the file, never its content).</exception>
    public static async Task<(KeyRing Ring, bool Created)> OpenAsync(StoreLocation location, string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return (KeyRing.Load(path), false);
        }

        if (Directory.Exists(path))
        {
            throw new RegistryKeyRingException($"{path} is a folder; give the key ring file.");
        }

        var persons = await PersonsInAsync(location, cancellationToken).ConfigureAwait(false);
        if (persons > 0)
        {
            throw new RegistryKeyRingException($"no key ring at {path}, but the store already holds {persons} person(s) sealed with one; give that ring (a new ring is made only for an empty store).");
        }

        return (KeyRing.CreateNew(path), true);
    }

    /// <summary>How many persons the store holds; 0 for a SQLite file not created yet (which this does not create).</summary>
    private static async Task<int> PersonsInAsync(StoreLocation location, CancellationToken cancellationToken)
    {
        if (location.Engine == StoreEngine.Sqlite && !File.Exists(location.Target))
        {
            return 0;
        }

        // Counting needs no key: a throw-away ring, and no anchor since nothing is written.
        using var throwAway = KeyRing.Generate();
        await using SqlPersonStore store = location.Engine == StoreEngine.Sqlite
            ? new SqlitePersonStore(location, throwAway)
            : new PostgresPersonStore(location, throwAway);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var counts = await store.CountAsync(cancellationToken).ConfigureAwait(false);
        return counts.Active + counts.PendingAdjudication + counts.Deceased + counts.Removed;
    }
}

/// <summary>A key ring that cannot be the store's: missing for a store with persons, or a folder.</summary>
public sealed class RegistryKeyRingException(string message) : Exception(message);
