using System.Collections.Immutable;
using Huella.Elections.Geography;

namespace Huella.Elections.Actas;

/// <summary>
/// The acta de escrutinio: what one mesa counted, as its machine closes. Everything an observer
/// needs to recompute totals and to see how electors were admitted. Signed as a whole (see
/// <see cref="SignedActa"/>); any change to any field breaks every signature.
/// </summary>
public sealed record Acta
{
    /// <summary>Zero report at opening, or the count at closing.</summary>
    public ActaKind Kind { get; init; } = ActaKind.Closing;

    public required string ElectionId { get; init; }

    public required MesaId Mesa { get; init; }

    /// <summary>Votes per party card, in ballot order.</summary>
    public required ImmutableArray<int> CardVotes { get; init; }

    public required int NullVotes { get; init; }

    public required int BlankVotes { get; init; }

    public required int RegisteredElectors { get; init; }

    /// <summary>Electors admitted by the authentication step (verified or allowed by policy with an incident).</summary>
    public required int ElectorsAuthenticated { get; init; }

    public required int BallotsCast { get; init; }

    /// <summary>Count per <see cref="IncidentKind"/>, indexed by the enum value.</summary>
    public required ImmutableArray<int> Incidents { get; init; }

    /// <summary>Head hash of the station's event log at closing: fixes the whole day's history.</summary>
    public required ImmutableArray<byte> LogHead { get; init; }

    /// <summary>Closing time, Unix seconds UTC.</summary>
    public required long ClosedAt { get; init; }

    /// <summary>True when every number on the acta agrees with every other (what a machine must never print otherwise).</summary>
    public bool IsConsistent(out string? problem)
    {
        long counted = NullVotes + (long)BlankVotes;
        foreach (var v in CardVotes)
        {
            if (v < 0)
            {
                problem = "a negative card count";
                return false;
            }

            counted += v;
        }

        problem = counted != BallotsCast ? $"ballots counted ({counted}) differ from ballots cast ({BallotsCast})"
            : BallotsCast > ElectorsAuthenticated ? $"more ballots ({BallotsCast}) than authenticated electors ({ElectorsAuthenticated})"
            : ElectorsAuthenticated > RegisteredElectors ? $"more authenticated electors ({ElectorsAuthenticated}) than registered ({RegisteredElectors})"
            : Incidents.Length != Enum.GetValues<IncidentKind>().Length ? "incident counts do not match the incident kinds"
            : LogHead.Length != 32 ? "the log head is not a 32-byte hash"
            : Kind == ActaKind.Opening && (BallotsCast != 0 || ElectorsAuthenticated != 0) ? "an opening acta must show zero ballots"
            : null;
        return problem is null;
    }

    public bool SameAs(Acta other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return ActaCodec.EncodeBody(this).AsSpan().SequenceEqual(ActaCodec.EncodeBody(other));
    }
}

public enum ActaKind : byte
{
    /// <summary>The acta de escrutinio, printed at closing: the one that is counted.</summary>
    Closing = 0,

    /// <summary>The acta de inicialización: every count zero, proving the box was empty.</summary>
    Opening = 1,
}
