namespace Huella.Research.Synthesis;

/// <summary>
/// Value noise: random values in [-1, 1] on a coarse grid, blended with a smoothstep. One field
/// models every slowly varying quantity (ridge period, skin dryness, background, displacement)
/// at the scale of its cell size.
/// </summary>
internal sealed class SmoothNoise
{
    private readonly float[] _grid;
    private readonly int _columns;
    private readonly int _rows;
    private readonly float _inverseCell;

    public SmoothNoise(SynthesisRandom random, double width, double height, double cellSize)
    {
        _inverseCell = (float)(1.0 / cellSize);
        _columns = (int)Math.Ceiling(width / cellSize) + 2;
        _rows = (int)Math.Ceiling(height / cellSize) + 2;
        _grid = new float[_columns * _rows];
        for (var i = 0; i < _grid.Length; i++)
        {
            _grid[i] = (float)((2 * random.NextDouble()) - 1);
        }
    }

    /// <summary>Noise at (x, y); points outside the area given at construction are clamped to its border.</summary>
    public float Sample(float x, float y)
    {
        var gx = Math.Clamp(x * _inverseCell, 0, _columns - 1.001f);
        var gy = Math.Clamp(y * _inverseCell, 0, _rows - 1.001f);
        var ix = (int)gx;
        var iy = (int)gy;
        var fx = Smooth(gx - ix);
        var fy = Smooth(gy - iy);
        var i = (iy * _columns) + ix;
        var top = _grid[i] + ((_grid[i + 1] - _grid[i]) * fx);
        var bottom = _grid[i + _columns] + ((_grid[i + _columns + 1] - _grid[i + _columns]) * fx);
        return top + ((bottom - top) * fy);
    }

    private static float Smooth(float t) => t * t * (3 - (2 * t));
}
