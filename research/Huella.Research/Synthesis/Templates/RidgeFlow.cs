namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// The ridge orientation of <see cref="PatternOrientation"/> (zero-pole model blended toward an arch
/// field away from the cores) evaluated at single points in float, with one arctangent per point:
/// the zero-pole part is a product of unit complex numbers and the arch part's doubled angle
/// follows from its slope algebraically. Minutia directions drawn along it are as coherent as real ones.
/// </summary>
internal sealed class RidgeFlow
{
    private readonly float[] _coreX;
    private readonly float[] _coreY;
    private readonly float[] _deltaX;
    private readonly float[] _deltaY;
    private readonly float _rotationCos2;
    private readonly float _rotationSin2;
    private readonly float _rotationCos;
    private readonly float _rotationSin;
    private readonly float _centerX;
    private readonly float _centerY;
    private readonly float _inverseHalfWidth;
    private readonly float _inverseHalfHeight;
    private readonly float _curvature;
    private readonly bool _plainArch;
    private readonly float _blendStart;
    private readonly float _inverseBlendWidth;
    private readonly float _blendMaximum;

    public RidgeFlow(MasterLayout layout, SynthesisParameters parameters)
    {
        var points = layout.SingularPoints;
        var cores = 0;
        foreach (var point in points)
        {
            cores += point.Type == SingularPointType.Core ? 1 : 0;
        }

        _coreX = new float[cores];
        _coreY = new float[cores];
        _deltaX = new float[points.Count - cores];
        _deltaY = new float[points.Count - cores];
        int c = 0, d = 0;
        foreach (var point in points)
        {
            if (point.Type == SingularPointType.Core)
            {
                (_coreX[c], _coreY[c]) = ((float)point.X, (float)point.Y);
                c++;
            }
            else
            {
                (_deltaX[d], _deltaY[d]) = ((float)point.X, (float)point.Y);
                d++;
            }
        }

        (_rotationSin2, _rotationCos2) = MathF.SinCos(2 * (float)layout.Rotation);
        (_rotationSin, _rotationCos) = MathF.SinCos((float)layout.Rotation);
        _centerX = (float)layout.Silhouette.CenterX;
        _centerY = (float)layout.Silhouette.CenterY;
        _inverseHalfWidth = 1 / (float)layout.Silhouette.HalfWidth;
        _inverseHalfHeight = 1 / (float)layout.Silhouette.HalfHeight;
        _curvature = (float)layout.ArchCurvature;
        _plainArch = layout.Class == FingerClass.Arch;
        _blendStart = (float)parameters.ArchBlendStart;
        _inverseBlendWidth = 1 / (float)parameters.ArchBlendWidth;
        _blendMaximum = (float)parameters.ArchBlendMaximum;
    }

    /// <summary>Ridge orientation at (x, y), radians in [0, π), x right and y down.</summary>
    public float Orientation(float x, float y)
    {
        var (c, s) = DoubledAngle(x, y);
        var theta = MathF.Atan2(s, c) / 2;
        return theta < 0 ? theta + MathF.PI : theta;
    }

    /// <summary>Unit vector along the ridge at (x, y), the one with y ≥ 0 (angle in [0, π)), by half-angle formulas.</summary>
    public (float X, float Y) Axis(float x, float y)
    {
        var (c, s) = DoubledAngle(x, y);
        var length = MathF.Sqrt((c * c) + (s * s));
        c = length > 0 ? c / length : 1;
        var ax = MathF.Sqrt(MathF.Max(0, (1 + c) / 2));
        var ay = MathF.Sqrt(MathF.Max(0, (1 - c) / 2));
        return (s < 0 ? -ax : ax, ay);
    }

    /// <summary>(cos 2θ, sin 2θ) of the ridge orientation θ, not normalised.</summary>
    private (float Cos, float Sin) DoubledAngle(float x, float y)
    {
        // Zero-pole: doubled angle = Σ arg(z − core) − Σ arg(z − delta), as a complex product.
        float re = 1, im = 0;
        var nearestCore2 = float.PositiveInfinity;
        for (var i = 0; i < _coreX.Length; i++)
        {
            float dx = x - _coreX[i], dy = y - _coreY[i];
            (re, im) = ((re * dx) - (im * dy), (re * dy) + (im * dx));
            nearestCore2 = MathF.Min(nearestCore2, (dx * dx) + (dy * dy));
        }

        for (var i = 0; i < _deltaX.Length; i++)
        {
            float dx = x - _deltaX[i], dy = -(y - _deltaY[i]);
            (re, im) = ((re * dx) - (im * dy), (re * dy) + (im * dx));
        }

        var length = MathF.Sqrt((re * re) + (im * im));
        if (length > 0)
        {
            re /= length;
            im /= length;
        }

        var zeroCos = (re * _rotationCos2) - (im * _rotationSin2);
        var zeroSin = (re * _rotationSin2) + (im * _rotationCos2);

        // Arch: orientation atan(slope) + rotation; cos 2a and sin 2a follow from the slope alone.
        float dxc = x - _centerX, dyc = y - _centerY;
        var u = ((_rotationCos * dxc) + (_rotationSin * dyc)) * _inverseHalfWidth;
        var v = ((-_rotationSin * dxc) + (_rotationCos * dyc)) * _inverseHalfHeight;
        var slope = _curvature * u * Math.Clamp(0.25f - v, 0.08f, 1.3f);
        if (_plainArch)
        {
            const float HumpWidth = 0.3f;
            slope += 1.1f * u / HumpWidth * MathF.Exp(-(u * u) / (2 * HumpWidth * HumpWidth)) * MathF.Exp(-(v + 0.1f) * (v + 0.1f) / 0.18f);
        }

        var denominator = 1 / (1 + (slope * slope));
        var archCos0 = (1 - (slope * slope)) * denominator;
        var archSin0 = 2 * slope * denominator;
        var archCos = (archCos0 * _rotationCos2) - (archSin0 * _rotationSin2);
        var archSin = (archCos0 * _rotationSin2) + (archSin0 * _rotationCos2);

        float weight = 1;
        if (_coreX.Length > 0)
        {
            var t = Math.Clamp((MathF.Sqrt(nearestCore2) - _blendStart) * _inverseBlendWidth, 0, 1);
            weight = _blendMaximum * t * t * (3 - (2 * t));
        }

        return (((1 - weight) * zeroCos) + (weight * archCos), ((1 - weight) * zeroSin) + (weight * archSin));
    }
}
