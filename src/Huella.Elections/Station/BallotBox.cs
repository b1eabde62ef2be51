using System.Security.Cryptography;

namespace Huella.Elections.Station;

/// <summary>
/// The electronic ballot box. A ballot is only its choice: no elector, no time, no sequence number.
/// Each new ballot goes to a uniformly random position (a cryptographic random number), so the
/// stored order says nothing about the order in which people voted.
/// </summary>
public sealed class BallotBox
{
    private readonly List<BallotChoice> _ballots = [];

    public int Count => _ballots.Count;

    /// <summary>The ballots in stored order (which is random), for the count and for audits.</summary>
    public IReadOnlyList<BallotChoice> Ballots => _ballots;

    internal void Deposit(BallotChoice choice) => _ballots.Insert(RandomNumberGenerator.GetInt32(_ballots.Count + 1), choice);

    /// <summary>Votes per card, and null and blank votes.</summary>
    public (int[] Cards, int Null, int Blank) Tally(int cards)
    {
        var perCard = new int[cards];
        int nulls = 0, blanks = 0;
        foreach (var ballot in _ballots)
        {
            if (ballot.IsNull)
            {
                nulls++;
            }
            else if (ballot.IsBlank)
            {
                blanks++;
            }
            else
            {
                perCard[ballot.Card]++;
            }
        }

        return (perCard, nulls, blanks);
    }
}
