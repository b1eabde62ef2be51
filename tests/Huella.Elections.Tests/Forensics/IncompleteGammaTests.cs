using Huella.Elections.Forensics;

namespace Huella.Elections.Tests.Forensics;

/// <summary>
/// The incomplete gamma functions against reference values computed with mpmath 1.3 at 30 digits
/// (<c>mpmath.gammainc(a, 0, x, regularized=True)</c> and <c>gammainc(a, x, inf, regularized=True)</c>).
/// </summary>
public sealed class IncompleteGammaTests
{
    [Theory]
    [InlineData(0.5, 1.0, 0.842700792949714869, 0.157299207050285131)]
    [InlineData(1.0, 2.0, 0.864664716763387308, 0.135335283236612692)]
    [InlineData(4.5, 8.4591, 0.949987528198381995, 0.050012471801618005)]
    [InlineData(4.5, 10.8331, 0.990000730102079557, 0.009999269897920443)]
    [InlineData(4.0, 7.7794, 0.950851608923361662, 0.049148391076638338)]
    [InlineData(3.0, 0.5, 0.014387677966970687, 0.985612322033029313)]
    [InlineData(100.0, 90.0, 0.158220989186430168, 0.841779010813569832)]
    [InlineData(100.0, 120.0, 0.972136260109479339, 0.027863739890520661)]
    [InlineData(4.5, 0.1, 5.56749745729700826e-7, 0.999999443250254270)]
    public void Matches_reference_values(double a, double x, double lower, double upper)
    {
        Assert.Equal(lower, IncompleteGamma.Lower(a, x), Tolerance(lower));
        Assert.Equal(upper, IncompleteGamma.Upper(a, x), Tolerance(upper));
    }

    [Fact]
    public void Upper_tail_keeps_relative_precision_far_out()
    {
        // 1 − P would round this to 0; Q is computed directly.
        var q = IncompleteGamma.Upper(4.5, 50);
        Assert.Equal(1.57351763037539442e-17, q, 1.57351763037539442e-17 * 1e-10);
    }

    [Theory]
    [InlineData(0.5, 0.572364942924700087)]
    [InlineData(10.0, 12.8018274800814696)]
    [InlineData(123.4, 469.336097442190586)]
    [InlineData(0.1, 2.25271265173420596)]
    public void Log_gamma_matches_reference_values(double x, double expected) =>
        Assert.Equal(expected, IncompleteGamma.LogGamma(x), 1e-12 * Math.Max(1, expected));

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    [InlineData(17.5)]
    public void Exponential_case_is_exact(double x)
    {
        // a = 1: P(1, x) = 1 − e^(−x); a chi-square with 2 degrees of freedom has tail e^(−x/2).
        Assert.Equal(1 - Math.Exp(-x), IncompleteGamma.Lower(1, x), 1e-14);
        Assert.Equal(Math.Exp(-x / 2), ChiSquareTest.UpperTail(x, 2), 1e-14 * Math.Max(1e-3, Math.Exp(-x / 2)));
    }

    [Theory]
    [InlineData(16.919, 9, 0.05)]
    [InlineData(21.666, 9, 0.01)]
    [InlineData(3.841, 1, 0.05)]
    [InlineData(27.877, 9, 0.001)]
    public void Chi_square_critical_values_give_their_levels(double statistic, int degrees, double level) =>
        Assert.Equal(level, ChiSquareTest.UpperTail(statistic, degrees), level * 1e-3);

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteGamma.Lower(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteGamma.Upper(1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IncompleteGamma.Upper(1, double.NaN));
        Assert.Equal(1, IncompleteGamma.Upper(3, 0));
        Assert.Equal(0, IncompleteGamma.Lower(3, 0));
    }

    private static double Tolerance(double value) => Math.Max(1e-15, Math.Abs(value) * 1e-12);
}
