using Huella.Research.Evaluation;

namespace Huella.Biometrics.Tests.Engine;

public sealed class ErrorRatesTests
{
    [Fact]
    public void Separated_scores_have_no_errors()
    {
        var rates = new ErrorRates([0.8, 0.9, 0.7], [0.1, 0.2, 0.3, 0.4]);
        Assert.Equal(0, rates.Eer);
        Assert.Equal(0, rates.FnmrAtFmr(0));
        Assert.Equal(0, rates.FnmrAtFmr(0.01));
    }

    [Fact]
    public void Fully_overlapping_scores_have_an_eer_of_one_half()
    {
        var rates = new ErrorRates([1, 2, 3, 4], [1, 2, 3, 4]);
        Assert.Equal(0.5, rates.Eer, 10);
    }

    [Fact]
    public void Rates_follow_the_accept_at_or_above_threshold_convention()
    {
        // Genuine 0.2 0.5 0.6 0.9; impostor 0.1 0.3 0.5 0.7.
        var rates = new ErrorRates([0.9, 0.2, 0.6, 0.5], [0.1, 0.3, 0.5, 0.7]);
        Assert.Equal(0.5, rates.FmrAt(0.5));
        Assert.Equal(0.25, rates.FnmrAt(0.5));
        Assert.Equal(0, rates.FmrAt(0.71));

        // Zero FMR: threshold just above 0.7, so only 0.9 passes.
        Assert.Equal(0.75, rates.FnmrAtFmr(0));

        // 25 % FMR allows one impostor (0.7): threshold just above 0.5, 0.6 and 0.9 pass.
        Assert.Equal(0.5, rates.FnmrAtFmr(0.25));
    }

    [Fact]
    public void Eer_is_the_midpoint_where_the_curves_cross()
    {
        // One impostor above one genuine: at t in (0.4, 0.6] FMR = 0.1 and FNMR = 0.1.
        var genuine = new[] { 0.4, 0.7, 0.8, 0.9, 0.95, 0.75, 0.85, 0.65, 0.72, 0.99 };
        var impostor = new[] { 0.6, 0.1, 0.2, 0.3, 0.15, 0.25, 0.05, 0.35, 0.12, 0.22 };
        var rates = new ErrorRates(genuine, impostor);
        Assert.Equal(0.1, rates.Eer, 10);
        Assert.Equal(10, rates.GenuineCount);
        Assert.Equal(10, rates.ImpostorCount);
    }

    [Fact]
    public void Det_curve_runs_from_everything_accepted_to_nothing_accepted()
    {
        var rates = new ErrorRates([0.9, 0.2], [0.1, 0.3]);
        var curve = rates.DetCurve();
        Assert.Equal((1.0, 0.0), (curve[0].Fmr, curve[0].Fnmr));
        Assert.Equal((0.0, 1.0), (curve[^1].Fmr, curve[^1].Fnmr));
        Assert.All(curve.Zip(curve.Skip(1)), p => Assert.True(p.Second.Fmr <= p.First.Fmr && p.Second.Fnmr >= p.First.Fnmr));
    }

    [Fact]
    public void Empty_lists_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new ErrorRates([], [0.1]));
        Assert.Throws<ArgumentException>(() => new ErrorRates([0.1], []));
    }
}
