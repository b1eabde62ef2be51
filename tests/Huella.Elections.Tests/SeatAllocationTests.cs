using Huella.Elections.Seats;

namespace Huella.Elections.Tests;

public sealed class SeatAllocationTests
{
    [Theory]
    [InlineData(HighestAverageMethod.DHondt, new[] { 4, 3, 1, 0 })]
    [InlineData(HighestAverageMethod.SainteLague, new[] { 3, 3, 1, 1 })]
    public void The_textbook_case(HighestAverageMethod method, int[] expected) =>
        Assert.Equal(expected, SeatAllocation.Allocate([10L, 8, 3, 2], 8, method));

    [Fact]
    public void A_tie_goes_to_the_list_with_more_votes()
    {
        // After 1 seat to A (votes 6), A's quotient 6/2 = 3 ties B's 3/1 = 3: A has more votes in total.
        Assert.Equal([2, 0], SeatAllocation.Allocate([6L, 3], 2, HighestAverageMethod.DHondt));
    }

    [Fact]
    public void A_tie_between_equal_lists_goes_to_the_earlier_list() =>
        Assert.Equal([1, 0, 0], SeatAllocation.Allocate([5L, 5, 5], 1, HighestAverageMethod.SainteLague));

    [Fact]
    public void Huge_counts_are_compared_exactly()
    {
        // Quotients that differ in the 19th significant digit; doubles would call them equal.
        const long a = 9_000_000_000_000_000_001, b = 4_500_000_000_000_000_000;
        Assert.Equal([2, 0], SeatAllocation.Allocate([a, b], 2, HighestAverageMethod.DHondt));
    }

    [Fact]
    public void Every_seat_is_given_out()
    {
        var seats = SeatAllocation.Allocate([123_456L, 98_765, 45_678, 12_345, 0], 165, HighestAverageMethod.DHondt);
        Assert.Equal(165, seats.Sum());
        Assert.Equal(0, seats[4]);
    }

    [Fact]
    public void Negative_votes_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SeatAllocation.Allocate([1L, -1], 1, HighestAverageMethod.DHondt));
}
