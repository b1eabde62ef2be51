using Huella.Biometrics.Matching;

namespace Huella.Biometrics.Extraction;

/// <summary>
/// The orientation field pooled into the template's coarse <see cref="OrientationMap"/>: each cell
/// averages the doubled-angle vectors of its foreground blocks and has a direction only when at least
/// half of them are foreground.
/// </summary>
internal static class CoarseOrientation
{
    private const int Levels = EngineParameters.OrientationLevels;
    private const int BlocksAlong = EngineParameters.OrientationCellSize / BlockGrid.Size;

    public static OrientationMap Compute(OrientationField field, BlockMask mask)
    {
        var grid = mask.Grid;
        var columns = OrientationMap.CellsAlong(grid.Width);
        var rows = OrientationMap.CellsAlong(grid.Height);
        var cells = new byte[columns * rows];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                float vx = 0, vy = 0;
                var foreground = 0;
                for (var by = row * BlocksAlong; by < Math.Min((row + 1) * BlocksAlong, grid.Rows); by++)
                {
                    for (var bx = column * BlocksAlong; bx < Math.Min((column + 1) * BlocksAlong, grid.Columns); bx++)
                    {
                        var block = (by * grid.Columns) + bx;
                        if (mask.Blocks[block])
                        {
                            var (sin, cos) = MathF.SinCos(2 * field.Angle[block]);
                            vx += cos;
                            vy += sin;
                            foreground++;
                        }
                    }
                }

                if (2 * foreground < BlocksAlong * BlocksAlong)
                {
                    continue;
                }

                var angle = MathF.Atan2(vy, vx) / 2;
                // The angle lies in [−π/2, π/2], so the step in [−levels/2, levels/2]: one wrap suffices.
                var step = (int)MathF.Round(angle * Levels / MathF.PI);
                cells[(row * columns) + column] = (byte)(((step + Levels) % Levels) + 1);
            }
        }

        return new OrientationMap(columns, rows, cells);
    }
}
