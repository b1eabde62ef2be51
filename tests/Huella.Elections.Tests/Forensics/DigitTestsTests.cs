using Huella.Elections.Forensics;

namespace Huella.Elections.Tests.Forensics;

public sealed class DigitTestsTests
{
    [Fact]
    public void Counts_with_uniform_last_digits_pass()
    {
        // 100 … 1,099: every last digit exactly 100 times.
        var exact = DigitTests.LastDigit(Enumerable.Range(100, 1000).Select(i => (long)i), 100);
        Assert.Equal(1000, exact.Count);
        Assert.Equal(0, exact.Statistic, 12);
        Assert.Equal(1, exact.PValue, 12);

        var random = new Random(20240728);
        var counted = DigitTests.LastDigit(Enumerable.Range(0, 20_000).Select(_ => (long)random.Next(100, 900)), 100);
        Assert.True(counted.Sufficient);
        Assert.True(counted.PValue > 0.01, $"p = {counted.PValue}");
    }

    [Fact]
    public void Invented_counts_fail_the_last_digit_test()
    {
        // Someone writing numbers down: one in four ends in 0 or 5, the rest counted.
        var random = new Random(7);
        var counts = Enumerable.Range(0, 5_000).Select(_ =>
        {
            var n = (long)random.Next(100, 900);
            return random.Next(4) == 0 ? n - n % 5 : n;
        });
        var test = DigitTests.LastDigit(counts, 100);
        Assert.Equal(9, test.DegreesOfFreedom);
        Assert.True(test.PValue < 1e-6, $"p = {test.PValue}");
    }

    [Fact]
    public void Counts_below_the_threshold_are_left_out()
    {
        var test = DigitTests.LastDigit([5, 9, 10, 99, 100, 123], 100);
        Assert.Equal(2, test.Count);
        Assert.Equal(1, test.Observed[0]);
        Assert.Equal(1, test.Observed[3]);
        Assert.False(test.Sufficient);
    }

    [Fact]
    public void Benford_second_digit_shares_are_the_known_ones()
    {
        var shares = DigitTests.BenfordSecondDigitShares;
        Assert.Equal(1, shares.Sum(), 12);
        Assert.Equal(0.11968, shares[0], 5);
        Assert.Equal(0.11389, shares[1], 5);
        Assert.Equal(0.10882, shares[2], 5);
        Assert.Equal(0.08500, shares[9], 5);
        Assert.Equal(new[] { 7, 0, 9, 2 }, new long[] { 17, 100, 1999, 123456 }.Select(DigitTests.SecondDigitOf));
    }

    [Fact]
    public void Log_uniform_counts_follow_the_second_digit_law_and_uniform_ones_do_not()
    {
        var random = new Random(12);
        // Spread evenly over four decades in log scale: Benford's law holds for such data.
        var benford = Enumerable.Range(0, 30_000).Select(_ => (long)Math.Floor(Math.Pow(10, 1 + 4 * random.NextDouble())));
        var passes = DigitTests.SecondDigit(benford);
        Assert.True(passes.PValue > 0.01, $"p = {passes.PValue}");

        // Uniform on 10 … 99: second digits uniform, far from Benford with this many counts.
        var flat = DigitTests.SecondDigit(Enumerable.Range(0, 30_000).Select(_ => (long)random.Next(10, 100)));
        Assert.True(flat.PValue < 1e-10, $"p = {flat.PValue}");
    }

    [Fact]
    public void Statistic_is_pearsons()
    {
        // 60 of 100 counts in one digit, the rest spread: χ² = Σ (o − e)² / e by hand.
        long[] observed = [60, 5, 5, 5, 5, 4, 4, 4, 4, 4];
        var test = ChiSquareTest.Of([.. observed], DigitTests.UniformShares);
        var expected = observed.Sum(o => (o - 10.0) * (o - 10.0) / 10.0);
        Assert.Equal(expected, test.Statistic, 10);
        Assert.Equal(ChiSquareTest.UpperTail(expected, 9), test.PValue, 15);
    }
}
