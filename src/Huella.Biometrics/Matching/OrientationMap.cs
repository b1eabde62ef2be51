namespace Huella.Biometrics.Matching;

/// <summary>
/// The ridge orientation of a print on a coarse grid, stored with its template: one direction per
/// cell of <see cref="EngineParameters.OrientationCellSize"/> pixels, quantised to
/// <see cref="EngineParameters.OrientationLevels"/> steps of the half turn, or none where the print has
/// no clear ridge flow. Minutiae alone are few and partly chance on wet, dry or tip-only prints;
/// the ridge flow of the whole overlap says whether an alignment the minutiae suggest is right.
/// </summary>
internal sealed class OrientationMap
{
    /// <summary>Cell value of a cell without ridge flow; other values are direction step + 1.</summary>
    public const byte None = 0;

    private const int Size = EngineParameters.OrientationCellSize;
    private const int Levels = EngineParameters.OrientationLevels;

    public OrientationMap(int columns, int rows, byte[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (cells.Length != columns * rows)
        {
            throw new ArgumentException($"A {columns}×{rows} map has {columns * rows} cells, not {cells.Length}.", nameof(cells));
        }

        foreach (var cell in cells)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(cell, (byte)Levels, nameof(cells));
        }

        Columns = columns;
        Rows = rows;
        Cells = cells;
    }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>Row by row: <see cref="None"/>, or the direction step + 1 (step k is k·π/levels).</summary>
    public byte[] Cells { get; }

    /// <summary>Cells of a print of the given size (pixels at 500 dpi) along one side.</summary>
    public static int CellsAlong(int pixels) => (pixels + Size - 1) / Size;

    /// <summary>
    /// How well the ridge flow of this print, moved by the rotation and shift, agrees with the other's
    /// where both have one: the mean of cos 2Δ over the shared cells, in [-1, 1] (1 is parallel
    /// ridges everywhere, 0 unrelated ones); 0 when they share no cell.
    /// </summary>
    public float Agreement(OrientationMap other, float rotation, float shiftX, float shiftY)
    {
        ArgumentNullException.ThrowIfNull(other);

        // cos 2(a + rotation − b) depends only on the step difference a − b: one table per comparison.
        Span<float> agreement = stackalloc float[Levels];
        for (var d = 0; d < Levels; d++)
        {
            agreement[d] = MathF.Cos(2 * ((d * MathF.PI / Levels) + rotation));
        }

        var (sin, cos) = MathF.SinCos(rotation);
        const float Half = Size / 2f;
        const float Inverse = 1f / Size;
        float sum = 0;
        var shared = 0;
        var cells = Cells;
        var others = other.Cells;
        for (var row = 0; row < Rows; row++)
        {
            var y = (row * Size) + Half;
            for (var column = 0; column < Columns; column++)
            {
                var a = cells[(row * Columns) + column];
                if (a == None)
                {
                    continue;
                }

                var x = (column * Size) + Half;
                var cx = (int)MathF.Floor(((cos * x) - (sin * y) + shiftX) * Inverse);
                var cy = (int)MathF.Floor(((sin * x) + (cos * y) + shiftY) * Inverse);
                if ((uint)cx >= (uint)other.Columns || (uint)cy >= (uint)other.Rows)
                {
                    continue;
                }

                var b = others[(cy * other.Columns) + cx];
                if (b == None)
                {
                    continue;
                }

                sum += agreement[(a - b + Levels) % Levels];
                shared++;
            }
        }

        return shared == 0 ? 0 : sum / shared;
    }
}
