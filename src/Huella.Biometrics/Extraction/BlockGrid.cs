namespace Huella.Biometrics.Extraction;

/// <summary>The image cut into square blocks; the last row and column of blocks may hang over the edge.</summary>
internal readonly record struct BlockGrid(int Width, int Height)
{
    public const int Size = EngineParameters.BlockSize;

    public int Columns => (Width + Size - 1) / Size;

    public int Rows => (Height + Size - 1) / Size;

    public int Count => Columns * Rows;

    /// <summary>Width and height rounded up to whole blocks.</summary>
    public int PaddedWidth => Columns * Size;

    public int PaddedHeight => Rows * Size;

    public int BlockOf(int x, int y) => ((y / Size) * Columns) + (x / Size);

    /// <summary>
    /// Writes the indices of block (<paramref name="bx"/>, <paramref name="by"/>) and its neighbours
    /// inside the grid (up to nine), row by row, into <paramref name="around"/>; returns how many.
    /// Sums over them keep one order everywhere, so results do not depend on which stage sums.
    /// </summary>
    public int Neighbours(int bx, int by, Span<int> around)
    {
        var count = 0;
        for (var y = Math.Max(0, by - 1); y <= Math.Min(Rows - 1, by + 1); y++)
        {
            for (var x = Math.Max(0, bx - 1); x <= Math.Min(Columns - 1, bx + 1); x++)
            {
                around[count++] = (y * Columns) + x;
            }
        }

        return count;
    }
}
