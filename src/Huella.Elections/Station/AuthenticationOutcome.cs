namespace Huella.Elections.Station;

public enum AuthenticationStatus
{
    /// <summary>Fingerprint matched: one ballot unlocked.</summary>
    Verified,

    /// <summary>No match yet; the elector may try again.</summary>
    TryAgain,

    /// <summary>No match after the last attempt, and the rules refuse the vote.</summary>
    RefusedNoMatch,

    /// <summary>No match after the last attempt, and the rules allow the vote with an incident.</summary>
    AllowedNoMatch,

    /// <summary>No fingerprint on file; refused by the rules.</summary>
    RefusedNoFingerprint,

    /// <summary>No fingerprint on file; allowed with an incident.</summary>
    AllowedNoFingerprint,

    /// <summary>The cédula is not on this mesa's roll.</summary>
    NotOnRoll,

    /// <summary>This elector has already voted: refused.</summary>
    AlreadyVoted,

    /// <summary>The capture was too poor to decide and did not match: capture again, no attempt counted.</summary>
    Recapture,
}

/// <summary>The SAI's answer. <see cref="Token"/> is set exactly when one ballot is unlocked.</summary>
public sealed record AuthenticationOutcome(AuthenticationStatus Status, int Attempt, double Score, BallotToken? Token)
{
    public bool Admitted => Token is not null;
}
