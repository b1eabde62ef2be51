namespace Huella.Research.Synthesis;

/// <summary>
/// Ridge orientation over the master canvas: the zero-pole model of Sherlock and Monro (each core
/// turns the flow by half the angle around it, each delta by minus half; y points down), blended far from the cores
/// toward an arch field that follows the rounded fingertip. The zero-pole model alone makes the
/// ridges above a loop nearly flat and straight, which no real finger shows.
/// </summary>
internal static class PatternOrientation
{
    /// <summary>The model is evaluated on this grid and interpolated (as doubled angles) between.</summary>
    private const int Step = 4;

    /// <summary>Ridge direction per pixel, radians in [0, π), x right and y down.</summary>
    public static float[] Compute(MasterLayout layout, SynthesisParameters parameters)
    {
        var width = parameters.MasterWidth;
        var height = parameters.MasterHeight;
        var columns = (width / Step) + 2;
        var rows = (height / Step) + 2;
        var gridCos = new float[columns * rows];
        var gridSin = new float[columns * rows];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                var angle = 2 * Direction(layout, parameters, column * Step, row * Step);
                gridCos[(row * columns) + column] = (float)Math.Cos(angle);
                gridSin[(row * columns) + column] = (float)Math.Sin(angle);
            }
        }

        var field = new float[width * height];
        for (var y = 0; y < height; y++)
        {
            var row = y / Step;
            var fy = (y - (row * Step)) / (float)Step;
            for (var x = 0; x < width; x++)
            {
                var column = x / Step;
                var fx = (x - (column * Step)) / (float)Step;
                var i = (row * columns) + column;
                var c = Bilinear(gridCos, i, columns, fx, fy);
                var s = Bilinear(gridSin, i, columns, fx, fy);
                var theta = MathF.Atan2(s, c) / 2;
                field[(y * width) + x] = theta < 0 ? theta + MathF.PI : theta;
            }
        }

        return field;
    }

    /// <summary>Ridge direction at one point, radians, any multiple of π.</summary>
    public static double Direction(MasterLayout layout, SynthesisParameters parameters, double x, double y)
    {
        var zeroPole = layout.Rotation;
        var nearestCore = double.PositiveInfinity;
        foreach (var point in layout.SingularPoints)
        {
            var arg = Math.Atan2(y - point.Y, x - point.X);
            if (point.Type == SingularPointType.Core)
            {
                zeroPole += arg / 2;
                nearestCore = Math.Min(nearestCore, Math.Sqrt(((x - point.X) * (x - point.X)) + ((y - point.Y) * (y - point.Y))));
            }
            else
            {
                zeroPole -= arg / 2;
            }
        }

        var arch = ArchDirection(layout, x, y);
        var weight = double.IsPositiveInfinity(nearestCore)
            ? 1
            : parameters.ArchBlendMaximum * SmoothStep((nearestCore - parameters.ArchBlendStart) / parameters.ArchBlendWidth);
        var c = ((1 - weight) * Math.Cos(2 * zeroPole)) + (weight * Math.Cos(2 * arch));
        var s = ((1 - weight) * Math.Sin(2 * zeroPole)) + (weight * Math.Sin(2 * arch));
        return Math.Atan2(s, c) / 2;
    }

    /// <summary>
    /// Ridges bowed toward the fingertip: flat near the joint, bending down at the sides more and
    /// more toward the tip, with a gentle hump in the middle for plain arches.
    /// </summary>
    private static double ArchDirection(MasterLayout layout, double x, double y)
    {
        var silhouette = layout.Silhouette;
        var (sin, cos) = Math.SinCos(layout.Rotation);
        var dx = x - silhouette.CenterX;
        var dy = y - silhouette.CenterY;
        var u = ((cos * dx) + (sin * dy)) / silhouette.HalfWidth;
        var v = ((-sin * dx) + (cos * dy)) / silhouette.HalfHeight;
        var bend = Math.Clamp(0.25 - v, 0.08, 1.3);
        var slope = layout.ArchCurvature * u * bend;
        if (layout.Class == FingerClass.Arch)
        {
            const double HumpWidth = 0.3;
            slope += 1.1 * u / HumpWidth * Math.Exp(-(u * u) / (2 * HumpWidth * HumpWidth)) * Math.Exp(-(v + 0.1) * (v + 0.1) / 0.18);
        }

        return Math.Atan(slope) + layout.Rotation;
    }

    private static float Bilinear(float[] grid, int i, int columns, float fx, float fy)
    {
        var top = grid[i] + ((grid[i + 1] - grid[i]) * fx);
        var bottom = grid[i + columns] + ((grid[i + columns + 1] - grid[i + columns]) * fx);
        return top + ((bottom - top) * fy);
    }

    private static double SmoothStep(double t)
    {
        t = Math.Clamp(t, 0, 1);
        return t * t * (3 - (2 * t));
    }
}
