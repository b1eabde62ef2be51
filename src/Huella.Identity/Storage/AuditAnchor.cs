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
    /// The checkpoint with the highest sequence whose signature holds, and how many lines were
    /// unreadable or not signed by one of <paramref name="trusted"/> (a forged line is ignored, not
    /// trusted, and reported).
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
        foreach (var line in File.ReadLines(Path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!AuditCheckpoint.TryParse(line, out var checkpoint) || !trusted.Contains(checkpoint!.Signer) || !checkpoint.Verify())
            {
                rejected++;
                continue;
            }

            if (latest is null || checkpoint.Sequence >= latest.Sequence)
            {
                latest = checkpoint;
            }
        }

        return (latest, rejected);
    }
}
