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
}
