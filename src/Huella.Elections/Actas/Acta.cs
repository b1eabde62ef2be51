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

    /// <summary>Which contest of the election this acta counts (its index in the election definition); one acta per contest per mesa.</summary>
    public int Contest { get; init; }

    /// <summary>How many cards one ballot may mark in this contest: 1, or more in a multi-seat plurality contest.</summary>
    public int MarksPerBallot { get; init; } = 1;

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
        long marks = 0;
        foreach (var v in CardVotes)
        {
            if (v < 0)
            {
                problem = "a negative card count";
                return false;
            }

            marks += v;
        }

        // Every ballot is null, blank, or marks between one card and MarksPerBallot cards.
        long marked = BallotsCast - (NullVotes + (long)BlankVotes);
        problem = Contest < 0 || MarksPerBallot < 1 ? "the contest or its marks per ballot are out of range"
            : marked < 0 ? $"null and blank votes ({NullVotes + (long)BlankVotes}) exceed ballots cast ({BallotsCast})"
            : MarksPerBallot == 1 && marks != marked ? $"ballots counted ({marks + NullVotes + (long)BlankVotes}) differ from ballots cast ({BallotsCast})"
            : marks < marked || marks > marked * MarksPerBallot ? $"{marks} marks cannot come from {marked} marked ballots of at most {MarksPerBallot} mark(s)"
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
