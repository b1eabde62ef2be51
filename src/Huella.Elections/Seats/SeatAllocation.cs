namespace Huella.Elections.Seats;

public enum HighestAverageMethod
{
    /// <summary>Divisors 1, 2, 3, …</summary>
    DHondt,

    /// <summary>Divisors 1, 3, 5, …</summary>
    SainteLague,
}

/// <summary>
/// Party-list seats by a highest-averages method, in exact integer arithmetic: quotients are
/// compared by cross-multiplication, never as floating point.
/// Tie rule (when two quotients are exactly equal for the last seat): the list with more votes in
/// total wins; if still tied, the list earlier on the ballot wins. The rule is deterministic so
/// anyone recomputing gets the same seats.
/// </summary>
internal static class SeatAllocation
{
    public static int[] Allocate(ReadOnlySpan<long> votes, int seats, HighestAverageMethod method)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seats);
        foreach (var v in votes)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(v, nameof(votes));
        }

        var won = new int[votes.Length];
        if (votes.Length == 0)
        {
            return won;
        }

        for (var seat = 0; seat < seats; seat++)
        {
            var best = 0;
            for (var list = 1; list < votes.Length; list++)
            {
                if (Beats(votes, won, list, best, method))
                {
                    best = list;
                }
            }

            won[best] = checked(won[best] + 1);
        }

        return won;
    }

    public static int[] Allocate(IReadOnlyList<long> votes, int seats, HighestAverageMethod method)
    {
        ArgumentNullException.ThrowIfNull(votes);
        return Allocate(votes.ToArray(), seats, method);
    }

    private static long Divisor(int seatsWon, HighestAverageMethod method) =>
        method == HighestAverageMethod.DHondt ? seatsWon + 1L : (2L * seatsWon) + 1;

    private static bool Beats(ReadOnlySpan<long> votes, int[] won, int a, int b, HighestAverageMethod method)
    {
        // votes[a]/da > votes[b]/db  ⇔  votes[a]*db > votes[b]*da (divisors positive).
        var left = (Int128)votes[a] * Divisor(won[b], method);
        var right = (Int128)votes[b] * Divisor(won[a], method);
        if (left != right)
        {
            return left > right;
        }

        return votes[a] > votes[b]; // equal totals keep b, the earlier list
    }
}
