using System.Runtime.Intrinsics;

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

    // Far enough below any cell index that adding it makes every index within reach positive, so
    // truncation is the floor; cells moved further out than this are off the map anyway.
    private const float Offset = 4096;
    private const int StepBits = 4;

    private static readonly float[] StepCos = [.. Enumerable.Range(0, Levels).Select(d => MathF.Cos(2 * d * MathF.PI / Levels))];
    private static readonly float[] StepSin = [.. Enumerable.Range(0, Levels).Select(d => MathF.Sin(2 * d * MathF.PI / Levels))];
    private static readonly float[] Present = [0, .. Enumerable.Repeat(1f, Levels)];
    private static readonly int[] PresentCount = [0, .. Enumerable.Repeat(1, Levels)];

    // The cells, followed by one empty cell that cells moved off the map read instead.
    private readonly byte[] _cells;

    // The cells with a direction, as index × 16 + step, padded to whole vectors with −1.
    private readonly int[] _withDirection;

    public OrientationMap(int columns, int rows, byte[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);

        // Extraction never makes larger maps, and the comparison's cell arithmetic relies on it.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, CellsAlong(EngineParameters.MaxSide));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, CellsAlong(EngineParameters.MaxSide));
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
        _cells = [.. cells, None];

        // The comparison moves the cells with a direction eight at a time and never visits an empty one.
        var count = cells.Count(c => c != None);
        _withDirection = new int[(count + Vector256<int>.Count - 1) & ~(Vector256<int>.Count - 1)];
        _withDirection.AsSpan(count).Fill(-1);
        var k = 0;
        for (var i = 0; i < cells.Length; i++)
        {
            if (cells[i] != None)
            {
                _withDirection[k++] = (i << StepBits) | (cells[i] - 1);
            }
        }
    }

    public int Columns { get; }

    public int Rows { get; }

    /// <summary>Row by row: <see cref="None"/>, or the direction step + 1 (step k is k·π/levels).</summary>
    public ReadOnlySpan<byte> Cells => _cells.AsSpan(0, _cells.Length - 1);

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

        // cos 2(a + rotation − b) depends only on the step difference a − b: one table per comparison,
        // by the angle-sum rule from the steps' own cosines and sines.
        Span<float> agreement = stackalloc float[Levels];
        var (sin2, cos2) = MathF.SinCos(2 * rotation);
        for (var d = 0; d < Levels; d++)
        {
            agreement[d] = (StepCos[d] * cos2) - (StepSin[d] * sin2);
        }

        var (sin, cos) = MathF.SinCos(rotation);
        const float Inverse = 1f / Size;
        var vsin = Vector256.Create(sin * Inverse);
        var vcos = Vector256.Create(cos * Inverse);
        var vx = Vector256.Create((shiftX * Inverse) + Offset);
        var vy = Vector256.Create((shiftY * Inverse) + Offset);
        var offset = Vector256.Create((int)Offset);
        var half = Vector256.Create(0.5f);
        var size = Vector256.Create((float)Size);
        var ownColumns = Vector256.Create((float)Columns);
        var perRow = Vector256.Create(1f / Columns);
        var columns = Vector256.Create(other.Columns);
        var rows = Vector256.Create(other.Rows);
        var outside = Vector256.Create(other._cells.Length - 1);
        Span<int> at = stackalloc int[Vector256<int>.Count];
        float sum = 0;
        var shared = 0;
        var lookup = other._cells;
        var cells = _withDirection;
        for (var k = 0; k < cells.Length; k += Vector256<int>.Count)
        {
            // Cell centres from the indices: (i + ½) / columns is never within float rounding of a whole
            // number (maps have at most 128 columns), so its floor is the row.
            var packed = Vector256.Create(cells.AsSpan(k, Vector256<int>.Count));
            var index = Vector256.ConvertToSingle(Vector256.ShiftRightArithmetic(packed, StepBits));
            var row = Vector256.Floor((index + half) * perRow);
            var x = ((index - (row * ownColumns)) * size) + (half * size);
            var y = (row * size) + (half * size);
            var cx = Vector256.ConvertToInt32((vcos * x) - (vsin * y) + vx) - offset;
            var cy = Vector256.ConvertToInt32((vsin * x) + (vcos * y) + vy) - offset;
            var inside = Vector256.LessThan(cx.AsUInt32(), columns.AsUInt32())
                & Vector256.LessThan(cy.AsUInt32(), rows.AsUInt32())
                & Vector256.GreaterThanOrEqual(packed, Vector256<int>.Zero).AsUInt32();

            // Cells moved off the other map, and the padding, read its extra empty cell: no branch per cell.
            Vector256.ConditionalSelect(inside.AsInt32(), (cy * columns) + cx, outside).CopyTo(at);
            for (var lane = 0; lane < Vector256<int>.Count; lane++)
            {
                var b = lookup[at[lane]];
                sum += agreement[(cells[k + lane] - b + 1) & (Levels - 1)] * Present[b];
                shared += PresentCount[b];
            }
        }

        return shared == 0 ? 0 : sum / shared;
    }
}
