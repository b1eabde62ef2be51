namespace Huella.Elections.Station;

public enum FallbackRule
{
    /// <summary>The elector does not vote at this mesa.</summary>
    Refuse,

    /// <summary>The elector votes, and the incident is counted on the acta for everyone to see.</summary>
    AllowWithIncident,
}

/// <summary>What the electoral rules decide for the cases a fingerprint does not settle.</summary>
public sealed record AuthenticationPolicy
{
    /// <summary>False match rate the 1:1 threshold stands for.</summary>
    public double FalseMatchRate { get; init; } = 1e-4;

    public int MaxAttempts { get; init; } = 3;

    /// <summary>
    /// A capture below this image quality (0–100) that does not match is not counted as an attempt:
    /// the operator is told to clean the sensor and capture again, so a smudged capture never costs a
    /// genuine elector one of their attempts. A capture that matches is accepted whatever its quality.
    /// </summary>
    public int MinCaptureQuality { get; init; } = 20;

    public FallbackRule AfterNoMatch { get; init; } = FallbackRule.AllowWithIncident;

    public FallbackRule NoFingerprintOnFile { get; init; } = FallbackRule.AllowWithIncident;
}
