using System.Collections.Immutable;

namespace Huella.Elections.Station;

/// <summary>
/// What one ballot says in one contest: the party cards marked (by ballot position, one in most
/// contests, up to the seats in a multi-seat plurality contest), or a null or blank vote. Nothing else.
/// </summary>
public readonly struct BallotChoice : IEquatable<BallotChoice>
{
    private const int NullMark = -1;
    private const int BlankMark = -2;

    // Sorted, distinct card positions; a single negative entry for null or blank.
    private readonly ImmutableArray<int> _marks;

    public BallotChoice(int card)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(card, BlankMark);
        _marks = [card];
    }

    private BallotChoice(ImmutableArray<int> marks) => _marks = marks;

    public static BallotChoice Null => new(NullMark);

    public static BallotChoice Blank => new(BlankMark);

    public bool IsNull => Marks[0] == NullMark;

    public bool IsBlank => Marks[0] == BlankMark;

    /// <summary>The one card marked; only for a choice that marks exactly one.</summary>
    public int Card => Marks.Length == 1 ? Marks[0] : throw new InvalidOperationException("This choice marks several cards.");

    /// <summary>The cards marked, in ballot order; empty for a null or blank vote.</summary>
    public ImmutableArray<int> Cards => IsNull || IsBlank ? [] : Marks;

    // default(BallotChoice) reads as a blank vote rather than failing.
    private ImmutableArray<int> Marks => _marks.IsDefaultOrEmpty ? [BlankMark] : _marks;

    /// <summary>Several cards on one ballot (multi-seat plurality); none is a blank vote.</summary>
    public static BallotChoice Of(IEnumerable<int> cards)
    {
        ArgumentNullException.ThrowIfNull(cards);
        var marks = cards.Distinct().Order().ToImmutableArray();
        if (marks.IsEmpty)
        {
            return Blank;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(marks[0], nameof(cards));
        return new(marks);
    }

    public static bool operator ==(BallotChoice left, BallotChoice right) => left.Equals(right);

    public static bool operator !=(BallotChoice left, BallotChoice right) => !left.Equals(right);

    public bool Equals(BallotChoice other) => Marks.AsSpan().SequenceEqual(other.Marks.AsSpan());

    public override bool Equals(object? obj) => obj is BallotChoice other && Equals(other);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var mark in Marks)
        {
            hash.Add(mark);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => IsNull ? "null" : IsBlank ? "blank" : string.Join('+', Marks);
}
