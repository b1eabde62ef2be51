namespace Huella.Biometrics.Tests.Engine;

public sealed class ScoreCalibrationTests
{
    [Fact]
    public void Thresholds_rise_as_the_false_match_rate_falls()
    {
        var thresholds = new[] { 1e-2, 1e-3, 1e-4, 1e-5, 1e-6 }.Select(ScoreCalibration.ThresholdFor).ToArray();
        for (var i = 1; i < thresholds.Length; i++)
        {
            Assert.True(thresholds[i] > thresholds[i - 1]);
        }
    }

    [Theory]
    [InlineData(1e-2)]
    [InlineData(1e-3)]
    [InlineData(1e-4)]
    [InlineData(1e-6)]
    public void FmrAt_inverts_ThresholdFor(double fmr)
    {
        Assert.Equal(fmr, ScoreCalibration.FmrAt(ScoreCalibration.ThresholdFor(fmr)), fmr * 1e-6);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void A_rate_outside_0_1_is_refused(double fmr)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreCalibration.ThresholdFor(fmr));
    }
}
