using Huella.Server.Auth;

namespace Huella.Server;

/// <summary>The <c>Huella</c> configuration section.</summary>
internal sealed class ServerOptions
{
    /// <summary>Store location (sqlite:PATH or postgres:CONNECTION-STRING).</summary>
    public string Store { get; set; } = "sqlite:.huella/registry.db";

    /// <summary>Key ring file for template encryption.</summary>
    public string KeysFile { get; set; } = ".huella/registry.keys";

    /// <summary>
    /// Where the signed audit checkpoints go, outside the database. Default: beside a SQLite store's
    /// file (<c>registry.db.checkpoints</c>); a PostgreSQL store keeps none unless this is set.
    /// </summary>
    public string? AuditCheckpointsFile { get; set; }

    /// <summary>Largest request body accepted, bytes (larger: 413).</summary>
    public long MaxRequestBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Largest single decoded image, bytes.</summary>
    public int MaxImageBytes { get; set; } = 2 * 1024 * 1024;

    public int MinEnrollQuality { get; set; } = 20;

    /// <summary>False positive identification rate of the duplicate search at enrollment (see <see cref="Huella.Identity.Enrollment.RegistryOptions.DeduplicationFpir"/>).</summary>
    public double DeduplicationFpir { get; set; } = 1e-3;

    /// <summary>
    /// Images decoded and extracted at once in this server (REST and ABIS together). Requests beyond
    /// it wait their turn, so the memory taken by decoding stays near this many times the largest image.
    /// </summary>
    public int MaxConcurrentExtractions { get; set; } = Environment.ProcessorCount;

    /// <summary>ABIS jobs accepted but not completed; beyond it a submission gets 503 with Retry-After.</summary>
    public int AbisMaxPendingJobs { get; set; } = 1000;

    /// <summary>Completed ABIS jobs kept for clients to read; the oldest beyond it are forgotten (memory and journal).</summary>
    public int AbisMaxCompletedJobs { get; set; } = 10_000;

    /// <summary>How long a completed ABIS job stays readable after it completed.</summary>
    public TimeSpan AbisRetention { get; set; } = TimeSpan.FromDays(7);

    public List<ApiKeyEntry> ApiKeys { get; set; } = [];
}
