namespace Huella.Research.Synthesis;

/// <summary>
/// Where each impression pixel comes from on the master print: the finger's placement on the
/// sensor (rotation, translation) and the skin's plastic distortion after Cappelli, Maio and
/// Maltoni (2001): skin inside the rigid radius around the contact centre stays put, and the
/// displacement grows smoothly through a transition band to a full outer shift and twist. A weak
/// random displacement field on top keeps the warp from being perfectly regular.
/// </summary>
internal sealed class ImpressionGeometry
{
    private readonly double _cos;
    private readonly double _sin;
    private readonly double _translateX;
    private readonly double _translateY;
    private readonly double _outputCenterX;
    private readonly double _outputCenterY;
    private readonly double _masterCenterX;
    private readonly double _masterCenterY;
    private readonly double _rigidRadius;
    private readonly double _transition;
    private readonly double _shiftX;
    private readonly double _shiftY;
    private readonly double _twistCos;
    private readonly double _twistSin;
    private readonly double _wobbleAmplitude;
    private readonly SmoothNoise _wobbleX;
    private readonly SmoothNoise _wobbleY;

    public ImpressionGeometry(SynthesisParameters parameters, double contactX, double contactY, SynthesisRandom random)
    {
        var rotation = random.TruncatedNormal(parameters.RotationDeviation, parameters.RotationLimit) * Math.PI / 180;
        (_sin, _cos) = Math.SinCos(rotation);
        _translateX = random.TruncatedNormal(parameters.TranslationDeviation, parameters.TranslationLimit);
        _translateY = random.TruncatedNormal(parameters.TranslationDeviation, parameters.TranslationLimit);
        _outputCenterX = parameters.ImpressionWidth / 2.0;
        _outputCenterY = parameters.ImpressionHeight / 2.0;
        _masterCenterX = parameters.MasterWidth / 2.0;
        _masterCenterY = parameters.MasterHeight / 2.0;
        ContactX = contactX;
        ContactY = contactY;
        _rigidRadius = random.Uniform(parameters.DistortionRigidRadius);
        _transition = random.Uniform(parameters.DistortionTransition);
        _shiftX = random.Normal() * parameters.DistortionShiftDeviation;
        _shiftY = random.Normal() * parameters.DistortionShiftDeviation;
        (_twistSin, _twistCos) = Math.SinCos(random.Normal() * parameters.DistortionTwistDeviation * Math.PI / 180);
        _wobbleAmplitude = parameters.WobbleAmplitude;
        _wobbleX = new SmoothNoise(random, parameters.MasterWidth, parameters.MasterHeight, parameters.WobbleCell);
        _wobbleY = new SmoothNoise(random, parameters.MasterWidth, parameters.MasterHeight, parameters.WobbleCell);
    }

    /// <summary>Centre of the contact region on the master print.</summary>
    public double ContactX { get; }

    public double ContactY { get; }

    /// <summary>Master-print position seen at impression pixel (x, y).</summary>
    public (float X, float Y) ToMaster(double x, double y)
    {
        var px = x - _outputCenterX - _translateX;
        var py = y - _outputCenterY - _translateY;
        var mx = (_cos * px) + (_sin * py) + _masterCenterX;
        var my = (-_sin * px) + (_cos * py) + _masterCenterY;

        var dx = mx - ContactX;
        var dy = my - ContactY;
        var t = Math.Clamp(((Math.Sqrt((dx * dx) + (dy * dy)) - _rigidRadius) / _transition), 0, 1);
        var brake = t * t * (3 - (2 * t));
        var twistedX = (_twistCos * dx) - (_twistSin * dy);
        var twistedY = (_twistSin * dx) + (_twistCos * dy);
        mx += brake * (_shiftX + twistedX - dx);
        my += brake * (_shiftY + twistedY - dy);

        var fx = (float)mx;
        var fy = (float)my;
        return (fx + (float)(_wobbleAmplitude * _wobbleX.Sample(fx, fy)), fy + (float)(_wobbleAmplitude * _wobbleY.Sample(fx, fy)));
    }

    /// <summary>
    /// Impression pixel showing master position (x, y): the warp is a rigid motion plus a small
    /// smooth displacement, so undoing the rigid part and correcting the residual converges fast.
    /// </summary>
    public (double X, double Y) FromMaster(double x, double y)
    {
        var ix = Unrotate(x - _masterCenterX, y - _masterCenterY, out var iy) + _outputCenterX + _translateX;
        iy += _outputCenterY + _translateY;
        for (var step = 0; step < 30; step++)
        {
            var (mx, my) = ToMaster(ix, iy);
            var dx = Unrotate(x - mx, y - my, out var dy);
            ix += dx;
            iy += dy;
            if ((dx * dx) + (dy * dy) < 1e-6)
            {
                break;
            }
        }

        return (ix, iy);
    }

    private double Unrotate(double x, double y, out double rotatedY)
    {
        rotatedY = (_sin * x) + (_cos * y);
        return (_cos * x) - (_sin * y);
    }
}
