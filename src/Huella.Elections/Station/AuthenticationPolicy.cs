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

    public FallbackRule AfterNoMatch { get; init; } = FallbackRule.AllowWithIncident;

    public FallbackRule NoFingerprintOnFile { get; init; } = FallbackRule.AllowWithIncident;
}
