using System.Collections.Immutable;
using Huella.Elections.Contests;
using Huella.Elections.Seats;

namespace Huella.Elections.Definition;

public enum ContestKind
{
    /// <summary>One seat; candidates backed by one or more party cards (votes per card, summed per candidate).</summary>
    SingleSeat,

    /// <summary>Several seats; each ballot marks up to <see cref="ContestDefinition.VotesPerBallot"/> candidates; the most voted win.</summary>
    MultiSeatPlurality,

    /// <summary>Seats shared among party lists by a highest-averages method.</summary>
    PartyList,
}

/// <summary>
/// One contest of an election. For party-list contests the "candidates" are the lists; for
/// plurality and party-list contests every candidate has exactly one card.
/// </summary>
public sealed record ContestDefinition(string Id, string Name, ContestKind Kind, int Seats, int VotesPerBallot, HighestAverageMethod? Method, ImmutableArray<Candidate> Candidates, ImmutableArray<PartyCard> Cards)
{
    /// <summary>The contest as the station and central count it (cards summed into candidates; several marks per ballot only in multi-seat plurality).</summary>
    public BallotContest ToContest() => new(Name, Candidates, Cards, Kind == ContestKind.MultiSeatPlurality ? VotesPerBallot : 1);

    /// <summary>Seats won by each candidate (or list) for these candidate totals, by the contest's rule.</summary>
    public int[] SeatsWon(IReadOnlyList<long> candidateVotes)
    {
        ArgumentNullException.ThrowIfNull(candidateVotes);
        if (candidateVotes.Count != Candidates.Length)
        {
            throw new ArgumentException($"Expected {Candidates.Length} totals, got {candidateVotes.Count}.", nameof(candidateVotes));
        }

        if (Kind == ContestKind.PartyList)
        {
            return SeatAllocation.Allocate(candidateVotes, Seats, Method!.Value);
        }

        // Plurality (one seat or several): most votes first; ties go to the candidate earlier on the
        // ballot, the same documented rule as the seat allocation.
        var won = new int[Candidates.Length];
        foreach (var index in Enumerable.Range(0, Candidates.Length).OrderByDescending(i => candidateVotes[i]).ThenBy(i => i).Take(Seats))
        {
            won[index] = 1;
        }

        return won;
    }
}
