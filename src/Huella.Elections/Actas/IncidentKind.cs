namespace Huella.Elections.Actas;

/// <summary>
/// Authentication incidents (incidencias) a mesa counts and publishes on its acta. In the closed
/// system a no-match vote was only noted in a log; here each kind is a number every observer sees.
/// </summary>
public enum IncidentKind
{
    /// <summary>Three attempts without a fingerprint match.</summary>
    NoMatch,

    /// <summary>The elector has no fingerprint on file.</summary>
    NoFingerprintOnFile,

    /// <summary>The elector cannot give a fingerprint (no upper limbs, injury).</summary>
    CannotGiveFingerprint,

    /// <summary>An elector already marked as having voted tried again.</summary>
    AlreadyVoted,

    /// <summary>A cédula not on this mesa's roll was presented.</summary>
    NotOnRoll,

    /// <summary>A vote cast with assistance.</summary>
    AssistedVote,
}
