using System.Collections.Immutable;

namespace Huella.Elections.Station;

/// <summary>
/// One voter's ballot: a choice per contest, in the election's contest order. Like the paper it
/// replaces, it carries no elector, no time and no sequence number.
/// </summary>
public sealed class Ballot
{
    public Ballot(IEnumerable<BallotChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        Choices = [.. choices];
        if (Choices.IsEmpty)
        {
            throw new ArgumentException("A ballot has a choice for at least one contest.", nameof(choices));
        }
    }

    /// <summary>A ballot of a one-contest election.</summary>
    public Ballot(BallotChoice choice)
        : this([choice])
    {
    }

    public ImmutableArray<BallotChoice> Choices { get; }
}
