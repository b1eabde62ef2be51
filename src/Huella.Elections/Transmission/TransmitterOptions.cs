namespace Huella.Elections.Transmission;

/// <summary>Every tunable of <see cref="ActaTransmitter"/>. The defaults suit a station on a slow, flaky link.</summary>
public sealed record TransmitterOptions
{
    /// <summary>Central's endpoint for actas, relative to the client's base address.</summary>
    public string Path { get; init; } = "central/v1/actas";

    /// <summary>The station's API key (sent as <c>X-Api-Key</c>), or null when the client already carries one.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Attempts in all, the first included, before giving up (the station keeps the acta and tries later).</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>Delay before the first retry; doubled after each failure up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>One attempt that has not been answered by then is abandoned and retried.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
