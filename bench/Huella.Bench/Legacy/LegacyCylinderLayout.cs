using Huella.Biometrics;
using Huella.Biometrics.Matching;

namespace Huella.Bench.Legacy;

/// <summary>
/// The fixed geometry of a Minutia Cylinder-Code: which spatial cells fall inside the cylinder's
/// circle (only those are stored), their offsets from the centre, and how bits are packed
/// (cell-major, the angular sections of one cell adjacent).
/// </summary>
internal static class LegacyCylinderLayout
{
    public const int Sections = EngineParameters.AngularSections;

    public static readonly float[] CellX;
    public static readonly float[] CellY;

    /// <summary>Spatial cells inside the circle.</summary>
    public static readonly int Cells;

    /// <summary>64-bit words per cylinder for cell×section bits, and for one bit per cell.</summary>
    public static readonly int Words;

    public static readonly int CellWords;

    /// <summary>Area of a neighbour's directional Gaussian falling in a section, by angular distance (256 steps over [0, π]).</summary>
    public static readonly float[] SectionWeight = BuildSectionWeights();

#pragma warning disable CA1810 // The layout tables depend on each other; one static constructor keeps the order visible.
    static LegacyCylinderLayout()
#pragma warning restore CA1810
    {
        const int N = EngineParameters.SpatialCells;
        var step = 2 * EngineParameters.CylinderRadius / N;
        var xs = new List<float>();
        var ys = new List<float>();
        for (var j = 0; j < N; j++)
        {
            for (var i = 0; i < N; i++)
            {
                var x = (i - ((N - 1) / 2f)) * step;
                var y = (j - ((N - 1) / 2f)) * step;
                if ((x * x) + (y * y) <= EngineParameters.CylinderRadius * EngineParameters.CylinderRadius)
                {
                    xs.Add(x);
                    ys.Add(y);
                }
            }
        }

        CellX = [.. xs];
        CellY = [.. ys];
        Cells = xs.Count;
        Words = ((Cells * Sections) + 63) / 64;
        CellWords = (Cells + 63) / 64;
    }

    private static float[] BuildSectionWeights()
    {
        var table = new float[257];
        var half = Math.PI / Sections;
        var scale = EngineParameters.SigmaDirectional * Math.Sqrt(2);
        for (var k = 0; k <= 256; k++)
        {
            var distance = k * Math.PI / 256;
            table[k] = (float)(0.5 * (Erf((distance + half) / scale) - Erf((distance - half) / scale)));
        }

        return table;
    }

    // Abramowitz–Stegun 7.1.26; 1e-7 accuracy is far below the bit threshold's sensitivity.
    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var y = 1 - (((((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t) - 0.284496736) * t) + 0.254829592) * t * Math.Exp(-x * x));
        return sign * y;
    }
}
