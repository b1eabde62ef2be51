using System.Text;

namespace Huella.Identity.Storage;

/// <summary>
/// The file of signed <see cref="AuditCheckpoint"/>s kept outside the registry database: one JSON
/// line appended (and flushed to disk) after every committed write. The database may run ahead of the
/// file (a crash between commit and append); it may never fall behind it or disagree with it.
/// The file is public (it holds hashes and signatures only), so it can be copied off the machine
/// and published: a copy elsewhere catches a rewrite of both the database and this file.
/// </summary>
public sealed class AuditAnchor(string path)
{
    private readonly Lock _append = new();

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Where a SQLite registry keeps its anchor: beside the database file.</summary>
    public static AuditAnchor Beside(string databasePath) => new(databasePath + ".checkpoints");

    public void Append(AuditCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var line = Encoding.UTF8.GetBytes(checkpoint.ToJson() + "\n");
        lock (_append)
        {
            using var stream = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(line);
            stream.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// The checkpoint with the highest sequence signed by one of <paramref name="trusted"/>, and how
    /// many lines count against the anchor: malformed or wrongly signed lines, and lines validly
    /// signed by another key that vouch for a longer log than the latest trusted one (what is left
    /// when entries were deleted and the ring then rotated). Lines of a key the ring no longer holds,
    /// at or below the latest trusted sequence, are the history of a rotation and count for nothing.
    /// </summary>
    public (AuditCheckpoint? Latest, int Rejected) ReadLatest(IReadOnlySet<Huella.Crypto.VerificationKey> trusted)
    {
        ArgumentNullException.ThrowIfNull(trusted);
        if (!File.Exists(Path))
        {
            return (null, 0);
        }

        AuditCheckpoint? latest = null;
        var rejected = 0;
        var foreign = new List<long>();
        foreach (var line in File.ReadLines(Path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!AuditCheckpoint.TryParse(line, out var checkpoint) || !checkpoint!.Verify())
            {
                rejected++;
            }
            else if (!trusted.Contains(checkpoint.Signer))
            {
                foreign.Add(checkpoint.Sequence);
            }
            else if (latest is null || checkpoint.Sequence >= latest.Sequence)
            {
                latest = checkpoint;
            }
        }

        return (latest, rejected + foreign.Count(sequence => sequence > (latest?.Sequence ?? 0)));
    }
}
