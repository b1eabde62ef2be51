using System.Security.Cryptography;

namespace Huella.Elections.Station;

/// <summary>
/// The electronic ballot box. A ballot is only its choices: no elector, no time, no sequence number.
/// Each new ballot goes to a uniformly random position (a cryptographic random number), so the
/// stored order says nothing about the order in which people voted. A durable station also writes
/// each ballot to its <see cref="BallotFile"/> (a random slot, flushed) before it counts here.
/// </summary>
public sealed class BallotBox
{
    private readonly List<Ballot> _ballots = [];
    private BallotFile? _file;

    public int Count => _ballots.Count;

    /// <summary>The ballots in stored order (which is random), for the count and for audits.</summary>
    public IReadOnlyList<Ballot> Ballots => _ballots;

    internal void Deposit(Ballot ballot)
    {
        _file?.Write(ballot);
        _ballots.Insert(RandomNumberGenerator.GetInt32(_ballots.Count + 1), ballot);
    }

    /// <summary>Takes the ballots already on disk, and writes every further ballot there first.</summary>
    internal void Restore(BallotFile file)
    {
        _file = file;
        _ballots.AddRange(file.Ballots);
    }

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
