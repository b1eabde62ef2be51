namespace Huella.Biometrics.Extraction;

/// <summary>
/// Ridges are where the enhanced image is negative (dark). Output has a one-pixel empty frame so
/// neighbourhood tests in the thinning and tracing stages need no bounds checks.
/// </summary>
internal static class Binarizer
{
    public static BinaryImage Binarize(float[] enhanced, BlockGrid grid, BlockMask mask)
    {
        var image = new BinaryImage(grid.PaddedWidth, grid.PaddedHeight);
        var width = grid.PaddedWidth;
        for (var y = 0; y < grid.PaddedHeight; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (mask.Blocks[((y / BlockGrid.Size) * grid.Columns) + (x / BlockGrid.Size)] && enhanced[(y * width) + x] < 0)
                {
                    image.Pixels[image.IndexOf(x, y)] = 1;
                }
            }
        }

        return image;
    }
}

/// <summary>One byte per pixel (0 or 1) inside a one-pixel frame of zeros.</summary>
internal sealed class BinaryImage
{
    public BinaryImage(int width, int height)
    {
        Width = width;
        Height = height;
        Stride = width + 2;
        Pixels = new byte[Stride * (height + 2)];
    }

    public int Width { get; }

    public int Height { get; }

    public int Stride { get; }

    public byte[] Pixels { get; }

    public int IndexOf(int x, int y) => ((y + 1) * Stride) + x + 1;

    public int XOf(int index) => (index % Stride) - 1;

    public int YOf(int index) => (index / Stride) - 1;

    /// <summary>Neighbours as 8 bits, clockwise from north: N, NE, E, SE, S, SW, W, NW.</summary>
    public int Neighbours(int i)
    {
        var p = Pixels;
        var s = Stride;
        return p[i - s] | (p[i - s + 1] << 1) | (p[i + 1] << 2) | (p[i + s + 1] << 3)
            | (p[i + s] << 4) | (p[i + s - 1] << 5) | (p[i - 1] << 6) | (p[i - s - 1] << 7);
    }

    /// <summary>Index offsets of the neighbours in the same clockwise order.</summary>
    public int[] NeighbourOffsets() => [-Stride, -Stride + 1, 1, Stride + 1, Stride, Stride - 1, -1, -Stride - 1];
}
