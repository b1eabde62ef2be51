using System.Collections.Immutable;

namespace Huella.Elections.Forensics;

/// <summary>
/// Digit tests on vote counts. Last digits of counts that are not too small are close to uniform
/// when numbers are counted, and people inventing numbers tend to over- and under-use some digits
/// (Beber and Scacco, Political Analysis 2012). Second digits of counts follow Benford's second-digit
/// law only roughly even in clean elections (Mebane's 2BL test); departures are a flag to look
/// closer, not a proof of fraud.
/// </summary>
public static class DigitTests
{
    public static ImmutableArray<double> UniformShares { get; } = [.. Enumerable.Repeat(0.1, 10)];

    /// <summary>Benford's law for the second significant digit: Σₖ₌₁…₉ log₁₀(1 + 1/(10k + d)).</summary>
    public static ImmutableArray<double> BenfordSecondDigitShares { get; } =
        [.. Enumerable.Range(0, 10).Select(d => Enumerable.Range(1, 9).Sum(k => Math.Log10(1 + 1.0 / (10 * k + d))))];

    /// <summary>Chi-square test of the last digits of the counts ≥ <paramref name="threshold"/> against uniform.</summary>
    public static ChiSquareTest LastDigit(IEnumerable<long> counts, long threshold)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 10);
        var observed = new long[10];
        foreach (var count in counts)
        {
            if (count >= threshold)
            {
                observed[count % 10]++;
            }
        }

        return ChiSquareTest.Of([.. observed], UniformShares);
    }

    /// <summary>Chi-square test of the second digits of the counts ≥ <paramref name="threshold"/> (at least 10) against Benford.</summary>
    public static ChiSquareTest SecondDigit(IEnumerable<long> counts, long threshold = 10)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 10);
        var observed = new long[10];
        foreach (var count in counts)
        {
            if (count >= threshold)
            {
                observed[SecondDigitOf(count)]++;
            }
        }

        return ChiSquareTest.Of([.. observed], BenfordSecondDigitShares);
    }

    public static int SecondDigitOf(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 10);
        while (count >= 100)
        {
            count /= 10;
        }

        return (int)(count % 10);
    }
}
