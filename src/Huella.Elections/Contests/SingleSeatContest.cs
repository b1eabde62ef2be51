using System.Collections.Immutable;

namespace Huella.Elections.Contests;

/// <summary>
/// A one-seat race in which a candidate may be backed by several party cards, each counted on its
/// own and summed for the candidate (Venezuela 2024: 10 candidates on 38 cards).
/// </summary>
public sealed class SingleSeatContest
{
    public SingleSeatContest(string name, IEnumerable<Candidate> candidates, IEnumerable<PartyCard> cards)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Candidates = [.. candidates];
        Cards = [.. cards];
        if (Candidates.IsEmpty || Cards.IsEmpty)
        {
            throw new ArgumentException("A contest needs candidates and cards.");
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
