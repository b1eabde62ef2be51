using Huella.Elections.Geography;

namespace Huella.Elections.Totalization;

public enum AnomalyKind
{
    /// <summary>More ballots counted than electors registered at the mesa.</summary>
    MoreBallotsThanElectors,

    /// <summary>Two actas for one mesa that do not agree.</summary>
    ConflictingActas,

    /// <summary>A mesa expected to report that has no acta.</summary>
    MissingMesa,
}

/// <summary>Something an observer must look at; anomalies are listed, never hidden or auto-corrected.</summary>
public readonly record struct Anomaly(AnomalyKind Kind, MesaId Mesa, string Detail);
