using System.Security.Cryptography;

namespace Huella.Elections.Station;

/// <summary>
/// The electronic ballot box. A ballot is only its choices: no elector, no time, no sequence number.
/// Each new ballot goes to a uniformly random position (a cryptographic random number), so the
/// stored order says nothing about the order in which people voted.
/// </summary>
public sealed class BallotBox
{
    private readonly List<Ballot> _ballots = [];

    public int Count => _ballots.Count;

    /// <summary>The ballots in stored order (which is random), for the count and for audits.</summary>
    public IReadOnlyList<Ballot> Ballots => _ballots;

    internal void Deposit(Ballot ballot) => _ballots.Insert(RandomNumberGenerator.GetInt32(_ballots.Count + 1), ballot);

    /// <summary>Votes per card in one contest, and its null and blank votes.</summary>
    public (int[] Cards, int Null, int Blank) Tally(int contest, int cards)
    {
        var perCard = new int[cards];
        int nulls = 0, blanks = 0;
        foreach (var ballot in _ballots)
        {
            var choice = ballot.Choices[contest];
            if (choice.IsNull)
            {
                nulls++;
            }
            else if (choice.IsBlank)
            {
                blanks++;
            }
            else
            {
                foreach (var card in choice.Cards)
                {
                    perCard[card]++;
                }
            }
        }

        return (perCard, nulls, blanks);
    }
}
