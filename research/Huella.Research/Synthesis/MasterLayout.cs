namespace Huella.Research.Synthesis;

/// <summary>
/// The class of a finger and where its singular points sit: the few numbers that decide the
/// whole ridge flow, drawn first so that a finger's class is known without growing its ridges.
/// </summary>
internal sealed record MasterLayout(
    FingerClass Class,
    IReadOnlyList<SingularPoint> SingularPoints,
    Silhouette Silhouette,
    double Rotation,
    double ArchCurvature)
{
    public static MasterLayout Draw(SynthesisRandom random, SynthesisParameters parameters)
    {
        var fingerClass = DrawClass(random, parameters.ClassFrequencies);
        var silhouette = Silhouette.Draw(random, parameters);
        var rotation = random.TruncatedNormal(parameters.MasterRotationDeviation, 3 * parameters.MasterRotationDeviation) * Math.PI / 180;
        var curvature = random.Uniform(parameters.ArchCurvature);

        // Offsets are drawn upright (y down, fingertip up) and then turned with the whole pattern.
        var points = new List<(SingularPointType Type, double Dx, double Dy)>();
        var a = silhouette.HalfWidth;
        var b = silhouette.HalfHeight;
        switch (fingerClass)
        {
            case FingerClass.Arch:
                break;
            case FingerClass.TentedArch:
                {
                    var core = (X: random.TruncatedNormal(0.06 * a, 0.15 * a), Y: (-0.1 * b) + random.TruncatedNormal(0.08 * b, 0.2 * b));
                    var drop = random.Uniform(40, 80);
                    var lean = random.TruncatedNormal(6, 12) * Math.PI / 180;
                    points.Add((SingularPointType.Core, core.X, core.Y));
                    points.Add((SingularPointType.Delta, core.X + (drop * Math.Sin(lean)), core.Y + (drop * Math.Cos(lean))));
                    break;
                }

            case FingerClass.LeftLoop:
            case FingerClass.RightLoop:
                {
                    // The loop opens away from its delta: a delta on the right makes a left loop.
                    var side = fingerClass == FingerClass.LeftLoop ? 1 : -1;
                    var core = (X: (-side * 0.08 * a) + random.TruncatedNormal(0.08 * a, 0.2 * a), Y: (-0.12 * b) + random.TruncatedNormal(0.09 * b, 0.22 * b));
                    var distance = random.Uniform(75, 135);
                    var angle = random.Uniform(30, 62) * Math.PI / 180;
                    points.Add((SingularPointType.Core, core.X, core.Y));
                    points.Add((SingularPointType.Delta, core.X + (side * distance * Math.Sin(angle)), core.Y + (distance * Math.Cos(angle))));
                    break;
                }

            case FingerClass.Whorl:
                {
                    var centre = (X: random.TruncatedNormal(0.07 * a, 0.18 * a), Y: (-0.1 * b) + random.TruncatedNormal(0.08 * b, 0.2 * b));
                    var separation = random.Uniform(10, 34) / 2;
                    var tilt = random.TruncatedNormal(30, 60) * Math.PI / 180;
                    points.Add((SingularPointType.Core, centre.X + (separation * Math.Sin(tilt)), centre.Y - (separation * Math.Cos(tilt))));
                    points.Add((SingularPointType.Core, centre.X - (separation * Math.Sin(tilt)), centre.Y + (separation * Math.Cos(tilt))));
                    foreach (var side in (ReadOnlySpan<int>)[-1, 1])
                    {
                        var distance = random.Uniform(85, 135);
                        var angle = random.Uniform(35, 60) * Math.PI / 180;
                        points.Add((SingularPointType.Delta, centre.X + (side * distance * Math.Sin(angle)), centre.Y + (distance * Math.Cos(angle))));
                    }

                    break;
                }

            default:
                throw new InvalidOperationException($"Unknown class {fingerClass}.");
        }

        var (sin, cos) = Math.SinCos(rotation);
        var placed = points
            .Select(p => new SingularPoint(
                p.Type,
                silhouette.CenterX + (cos * p.Dx) - (sin * p.Dy),
                silhouette.CenterY + (sin * p.Dx) + (cos * p.Dy)))
            .ToArray();
        return new MasterLayout(fingerClass, placed, silhouette, rotation, curvature);
    }

    private static FingerClass DrawClass(SynthesisRandom random, IReadOnlyList<double> frequencies)
    {
        if (frequencies.Count != 5 || frequencies.Any(f => !(f >= 0)) || !(frequencies.Sum() > 0))
        {
            throw new ArgumentException("ClassFrequencies needs five non-negative weights (arch, tented arch, left loop, right loop, whorl) with a positive sum.", nameof(frequencies));
        }

        var draw = random.NextDouble() * frequencies.Sum();
        for (var i = 0; i < frequencies.Count; i++)
        {
            draw -= frequencies[i];
            if (draw < 0)
            {
                return (FingerClass)i;
            }
        }

        return FingerClass.Whorl;
    }
}
