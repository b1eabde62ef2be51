namespace Huella.Server.Portal;

/// <summary>The <c>Huella:Portal</c> configuration section: the public results portal central serves.</summary>
internal sealed class PortalOptions
{
    /// <summary>The published 2024 per-mesa table (RESULTADOS_2024_CSV_V1.csv); when set, it is served read-only under <c>/2024</c>.</summary>
    public string? Ve2024Csv { get; set; }

    /// <summary>How old the totals a page shows may be: at most one recount of the live totals per this many seconds, however many readers.</summary>
    public double RefreshSeconds { get; set; } = 2;

    /// <summary>A mesa is listed as late when its counted acta reached central more than this many minutes after the mesa closed.</summary>
    public double LateAfterMinutes { get; set; } = 120;

    /// <summary>The first setting that is out of range, or null.</summary>
    internal string? Problem() =>
        !(RefreshSeconds >= 0) || double.IsInfinity(RefreshSeconds) ? "Huella:Portal:RefreshSeconds must be a number of seconds, 0 or more"
        : !(LateAfterMinutes >= 0) || double.IsInfinity(LateAfterMinutes) ? "Huella:Portal:LateAfterMinutes must be a number of minutes, 0 or more"
        : null;
}
