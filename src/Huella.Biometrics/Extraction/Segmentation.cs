namespace Huella.Biometrics.Extraction;

/// <summary>
/// Finds the fingerprint area: blocks with enough contrast and a coherent ridge flow, cleaned by
/// closing and opening, reduced to the largest region with its holes filled.
/// </summary>
internal static class Segmentation
{
    public static BlockMask Compute(BlockStatistics stats)
    {
        var grid = stats.Grid;
        var n = grid.Count;
        var deviations = (float[])stats.Deviation.Clone();
        Array.Sort(deviations);
        var p90 = deviations[(int)(0.9 * (n - 1))];
        var contrast = Math.Max(EngineParameters.MinContrast, EngineParameters.RelativeContrast * p90);

        var mask = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var coherence = Coherence(stats, i);
            mask[i] = stats.Deviation[i] >= contrast && coherence >= EngineParameters.MinCoherence;
        }

        var columns = grid.Columns;
        var rows = grid.Rows;
        mask = Erode(Dilate(mask, columns, rows, EngineParameters.MaskClosing), columns, rows, EngineParameters.MaskClosing);
        mask = Dilate(Erode(mask, columns, rows, EngineParameters.MaskOpening), columns, rows, EngineParameters.MaskOpening);
        KeepLargestRegion(mask, columns, rows);
        FillHoles(mask, columns, rows);
        return new BlockMask(grid, mask);
    }

    public static float Coherence(BlockStatistics stats, int block)
    {
        var e = stats.Energy[block];
        return e <= 0 ? 0 : MathF.Sqrt((stats.Gxx[block] * stats.Gxx[block]) + (stats.Gxy[block] * stats.Gxy[block])) / e;
    }

    private static bool[] Dilate(bool[] mask, int columns, int rows, int radius) => Morph(mask, columns, rows, radius, dilate: true);

    private static bool[] Erode(bool[] mask, int columns, int rows, int radius) => Morph(mask, columns, rows, radius, dilate: false);

    // Square structuring element, separable: rows then columns. Outside the image counts as background
    // for erosion, so the print never touches the frame unless it fills it.
    private static bool[] Morph(bool[] mask, int columns, int rows, int radius, bool dilate)
    {
        var horizontal = new bool[mask.Length];
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < columns; x++)
            {
                var result = !dilate;
                for (var d = -radius; d <= radius; d++)
                {
                    var xx = x + d;
                    var value = xx >= 0 && xx < columns && mask[(y * columns) + xx];
                    if (dilate ? value : !value)
                    {
                        result = dilate;
                        break;
                    }
                }

                horizontal[(y * columns) + x] = result;
            }
        }

        var output = new bool[mask.Length];
        for (var y = 0; y < rows; y++)
        {
            for (var x = 0; x < columns; x++)
            {
                var result = !dilate;
                for (var d = -radius; d <= radius; d++)
                {
                    var yy = y + d;
                    var value = yy >= 0 && yy < rows && horizontal[(yy * columns) + x];
                    if (dilate ? value : !value)
                    {
                        result = dilate;
                        break;
                    }
                }

                output[(y * columns) + x] = result;
            }
        }

        return output;
    }

    private static void KeepLargestRegion(bool[] mask, int columns, int rows)
    {
        var label = new int[mask.Length];
        var stack = new Stack<int>();
        var best = 0;
        var bestSize = 0;
        var next = 0;
        for (var start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || label[start] != 0)
            {
                continue;
            }

            next++;
            var size = Flood(mask, label, columns, rows, start, next, stack, value: true);
            if (size > bestSize)
            {
                bestSize = size;
                best = next;
            }
        }

        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = label[i] == best && best != 0;
        }
    }

    private static void FillHoles(bool[] mask, int columns, int rows)
    {
        var label = new int[mask.Length];
        var stack = new Stack<int>();
        for (var x = 0; x < columns; x++)
        {
            Seed(x);
            Seed(((rows - 1) * columns) + x);
        }

        for (var y = 0; y < rows; y++)
        {
            Seed(y * columns);
            Seed((y * columns) + columns - 1);
        }

        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = label[i] == 0;
        }

        void Seed(int i)
        {
            if (!mask[i] && label[i] == 0)
            {
                Flood(mask, label, columns, rows, i, 1, stack, value: false);
            }
        }
    }

    private static int Flood(bool[] mask, int[] label, int columns, int rows, int start, int id, Stack<int> stack, bool value)
    {
        var size = 0;
        stack.Push(start);
        label[start] = id;
        while (stack.Count > 0)
        {
            var i = stack.Pop();
            size++;
            var x = i % columns;
            var y = i / columns;
            Visit(x > 0, i - 1);
            Visit(x < columns - 1, i + 1);
            Visit(y > 0, i - columns);
            Visit(y < rows - 1, i + columns);
        }

        return size;

        void Visit(bool inside, int j)
        {
            if (inside && mask[j] == value && label[j] == 0)
            {
                label[j] = id;
                stack.Push(j);
            }
        }
    }
}

/// <summary>Which blocks hold fingerprint.</summary>
internal sealed class BlockMask
{
    public BlockMask(BlockGrid grid, bool[] blocks)
    {
        Grid = grid;
        Blocks = blocks;
        Area = blocks.Count(b => b);
    }

    public BlockGrid Grid { get; }

    public bool[] Blocks { get; }

    /// <summary>Number of foreground blocks.</summary>
    public int Area { get; }

    public bool Contains(float x, float y)
    {
        if (x < 0 || y < 0 || x >= Grid.Width || y >= Grid.Height)
        {
            return false;
        }

        return Blocks[Grid.BlockOf((int)x, (int)y)];
    }

    /// <summary>True when background lies within <paramref name="radius"/> pixels of the point.</summary>
    public bool NearEdge(float x, float y, float radius)
    {
        const int Directions = 16;
        for (var step = 1; step <= 2; step++)
        {
            var r = radius * step / 2;
            for (var d = 0; d < Directions; d++)
            {
                var angle = d * 2 * MathF.PI / Directions;
                if (!Contains(x + (r * MathF.Cos(angle)), y + (r * MathF.Sin(angle))))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
