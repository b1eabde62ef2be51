namespace Huella.Biometrics.Matching;

/// <summary>
/// The probe side of a 1:N search, expanded once so the per-candidate work stays small: cell
/// validity widened to the cylinder bit layout, and the distances and relative directions between
/// the probe's minutiae (the candidate's are computed only for the pairs the relaxation uses).
/// </summary>
internal sealed class PreparedProbe
{
    public PreparedProbe(CylinderSet cylinders)
    {
        Cylinders = cylinders;
        var n = cylinders.Count;
        var words = CylinderLayout.Words;
        Valid = new ulong[n * words];
        for (var c = 0; c < n; c++)
        {
            var mask = cylinders.Mask(c);
            for (var w = 0; w < words; w++)
            {
                Valid[(c * words) + w] = CylinderLayout.WidenCells[mask[w]];
            }
        }

        Distance = new float[n * n];
        Relative = new byte[n * n];
        for (var a = 0; a < n; a++)
        {
            for (var b = 0; b < n; b++)
            {
                float dx = cylinders.X[b] - cylinders.X[a], dy = cylinders.Y[b] - cylinders.Y[a];
                Distance[(a * n) + b] = MathF.Sqrt((dx * dx) + (dy * dy));
                Relative[(a * n) + b] = CylinderSet.Quantize(cylinders.Angle[b] - cylinders.Angle[a]);
            }
        }
    }

    public CylinderSet Cylinders { get; }

    /// <summary>Cell validity replicated over the sections, <see cref="CylinderLayout.Words"/> words per cylinder.</summary>
    public ulong[] Valid { get; }

    /// <summary>Distance between cylinder centres, row-major Count×Count.</summary>
    public float[] Distance { get; }

    /// <summary>Direction of b minus direction of a, 256 steps per turn, row-major Count×Count.</summary>
    public byte[] Relative { get; }
}
