using System.Collections.Immutable;

namespace Huella.Elections.Contests;

/// <summary>
/// A contest as it is marked and counted: candidates, the party cards on the ballot (a candidate
/// may be backed by several, each counted on its own and summed for the candidate, as in Venezuela
/// 2024: 10 candidates on 38 cards), and how many cards one ballot may mark (one, except in
/// multi-seat plurality contests). Seat rules live in the election definition; counting needs none.
/// </summary>
public sealed class BallotContest
{
    public BallotContest(string name, IEnumerable<Candidate> candidates, IEnumerable<PartyCard> cards, int marksPerBallot = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Candidates = [.. candidates];
        Cards = [.. cards];
        MarksPerBallot = marksPerBallot;
        if (Candidates.IsEmpty || Cards.IsEmpty)
        {
            throw new ArgumentException("A contest needs candidates and cards.");
        }

        if (marksPerBallot < 1 || marksPerBallot > Cards.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(marksPerBallot), marksPerBallot, "A ballot marks at least one card and at most every card.");
        }

        foreach (var card in Cards)
        {
            if ((uint)card.CandidateIndex >= (uint)Candidates.Length)
            {
                throw new ArgumentException($"Card {card.Party} backs candidate {card.CandidateIndex}, which does not exist.");
            }
        }
    }

    public string Name { get; }

    /// <summary>How many cards one ballot may mark: 1, or up to the seats of a multi-seat plurality contest.</summary>
    public int MarksPerBallot { get; }

    /// <summary>Candidates in the order results are reported.</summary>
    public ImmutableArray<Candidate> Candidates { get; }

    /// <summary>Cards in ballot order.</summary>
    public ImmutableArray<PartyCard> Cards { get; }

    public int IndexOfCandidate(string code)
    {
        for (var i = 0; i < Candidates.Length; i++)
        {
            if (Candidates[i].Code == code)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Sums card votes into candidate votes.</summary>
    public ImmutableArray<int> CandidateVotes(ReadOnlySpan<int> cardVotes)
    {
        if (cardVotes.Length != Cards.Length)
        {
            throw new ArgumentException($"Expected {Cards.Length} card counts, got {cardVotes.Length}.", nameof(cardVotes));
        }

        var votes = new int[Candidates.Length];
        for (var i = 0; i < cardVotes.Length; i++)
        {
            votes[Cards[i].CandidateIndex] = checked(votes[Cards[i].CandidateIndex] + cardVotes[i]);
        }

        return ImmutableArray.Create(votes);
    }
}
