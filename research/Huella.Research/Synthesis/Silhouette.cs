namespace Huella.Research.Synthesis;

/// <summary>
/// Outline of the finger's pad: an ellipse above the centre (the fingertip) and a squarer
/// super-ellipse below it (toward the joint), joined smoothly at the centre line.
/// </summary>
internal readonly record struct Silhouette(double CenterX, double CenterY, double HalfWidth, double HalfHeight, double LowerExponent)
{
    public static Silhouette Draw(SynthesisRandom random, SynthesisParameters parameters) => new(
        parameters.MasterWidth / 2.0,
        parameters.MasterHeight / 2.0,
        random.Uniform(parameters.SilhouetteWidth) / 2,
        random.Uniform(parameters.SilhouetteHeight) / 2,
        random.Uniform(parameters.SilhouetteLowerExponent));

    /// <summary>Below 1 inside, 1 on the outline, above 1 outside; grows roughly like distance / half-axis.</summary>
    public double Level(double x, double y)
    {
        var u = Math.Abs(x - CenterX) / HalfWidth;
        var v = (y - CenterY) / HalfHeight;
        if (v <= 0)
        {
            return Math.Sqrt((u * u) + (v * v));
        }

        var e = LowerExponent;
        return Math.Pow(Math.Pow(u, e) + Math.Pow(v, e), 1 / e);
    }

    /// <summary>How far toward the fingertip a row is: 0 at the centre line and below, 1 at the top.</summary>
    public double Tipness(double y) => Math.Clamp((CenterY - y) / HalfHeight, 0, 1);
}
