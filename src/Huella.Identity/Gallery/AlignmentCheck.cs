using System.Buffers.Binary;
using Huella.Biometrics;

namespace Huella.Identity.Gallery;

/// <summary>
/// The pre-filter's second stage: a cheap rigid alignment between the probe and one shortlisted
/// finger. The pair votes already say how far the finger is turned; a translation histogram over
/// minutia pairs of similar direction finds the shift, and the score is how many minutiae pair up
/// one-to-one under that transform (squared, over both counts). It reads the serialised minutiae
/// directly and needs no cylinders, so it costs a few microseconds where the full matcher, in a
/// compact index, first has to build the candidate's cylinders. One per probe finger and thread.
/// </summary>
internal sealed class AlignmentCheck
{
    private const int MaxMinutiae = 256;
    private const int HeaderSize = 10;
    private const int MinutiaSize = 8;
    private static readonly float[] Cos = [.. Enumerable.Range(0, 256).Select(u => MathF.Cos(u * 2 * MathF.PI / 256))];
    private static readonly float[] Sin = [.. Enumerable.Range(0, 256).Select(u => MathF.Sin(u * 2 * MathF.PI / 256))];

    private readonly float[] _px;
    private readonly float[] _py;
    private readonly byte[] _pd;
    private readonly int _pn;
    private readonly float[] _gx = new float[MaxMinutiae];
    private readonly float[] _gy = new float[MaxMinutiae];
    private readonly byte[] _gd = new byte[MaxMinutiae];
    private readonly ushort[] _grid = new ushort[IndexShape.AlignGrid * IndexShape.AlignGrid];
    private readonly float[] _tx;
    private readonly float[] _ty;
    private readonly int[] _cell;
    private readonly bool[] _taken;

    public AlignmentCheck(IReadOnlyList<Minutia> probe)
    {
        _pn = Math.Min(probe.Count, MaxMinutiae);
        _px = new float[_pn];
        _py = new float[_pn];
        _pd = new byte[_pn];
        _taken = new bool[_pn];
        for (var i = 0; i < _pn; i++)
        {
            _px[i] = probe[i].X;
            _py[i] = probe[i].Y;
            _pd[i] = Units(probe[i].Direction);
        }

        _tx = new float[_pn * MaxMinutiae];
        _ty = new float[_pn * MaxMinutiae];
        _cell = new int[_pn * MaxMinutiae];
    }

    /// <summary>Scores a serialised gallery template (falls back to its parsed minutiae for any layout but version 1).</summary>
    public float Score(byte[] serialized, int rotation)
    {
        var data = serialized.AsSpan();
        if (data.Length < HeaderSize || data[0] != 'H' || data[1] != 'F' || data[2] != 'T' || data[3] != 1
            || data.Length != HeaderSize + (data[9] * MinutiaSize))
        {
            return Score(TemplateMinutiae.Read(data), rotation);
        }

        var n = Math.Min((int)data[9], MaxMinutiae);
        var (cos, sin) = (Cos[rotation & 0xFF], Sin[rotation & 0xFF]);
        for (var i = 0; i < n; i++)
        {
            var at = data.Slice(HeaderSize + (i * MinutiaSize), MinutiaSize);
            float x = BinaryPrimitives.ReadUInt16LittleEndian(at);
            float y = BinaryPrimitives.ReadUInt16LittleEndian(at[2..]);
            _gx[i] = (x * cos) - (y * sin);
            _gy[i] = (x * sin) + (y * cos);
            _gd[i] = (byte)(((BinaryPrimitives.ReadUInt16LittleEndian(at[4..]) + 128) >> 8) + rotation);
        }

        return Align(n);
    }

    public float Score(IReadOnlyList<Minutia> minutiae, int rotation)
    {
        var n = Math.Min(minutiae.Count, MaxMinutiae);
        var (cos, sin) = (Cos[rotation & 0xFF], Sin[rotation & 0xFF]);
        for (var i = 0; i < n; i++)
        {
            var m = minutiae[i];
            _gx[i] = (m.X * cos) - (m.Y * sin);
            _gy[i] = (m.X * sin) + (m.Y * cos);
            _gd[i] = (byte)(Units(m.Direction) + rotation);
        }

        return Align(n);
    }

    /// <summary>Difference of two directions in 256ths of a turn, 0–128.</summary>
    private static int Gap(byte a, byte b)
    {
        var d = (a - b) & 0xFF;
        return d > 128 ? 256 - d : d;
    }

    private static byte Units(float direction)
    {
        var turns = direction / (2 * MathF.PI);
        return (byte)((int)MathF.Floor(((turns - MathF.Floor(turns)) * 256) + 0.5f) & 0xFF);
    }

    private float Align(int gn)
    {
        if (gn == 0 || _pn == 0)
        {
            return 0;
        }

        const int Grid = IndexShape.AlignGrid;
        const float InverseCell = 1f / IndexShape.AlignCell;
        const float Offset = Grid / 2;
        var grid = _grid;
        var pairs = 0;
        var best = 0;
        var bestCell = 0;

        // Translation votes of every pair of similar direction; a cell's weight is its 2×2 block,
        // so a shift on a cell border is not split in two.
        for (var g = 0; g < gn; g++)
        {
            var gx = _gx[g];
            var gy = _gy[g];
            var gd = _gd[g];
            for (var p = 0; p < _pn; p++)
            {
                if (Gap(_pd[p], gd) > IndexShape.AlignVoteAngle)
                {
                    continue;
                }

                var tx = _px[p] - gx;
                var ty = _py[p] - gy;
                var cx = (int)((tx * InverseCell) + Offset);
                var cy = (int)((ty * InverseCell) + Offset);
                if ((uint)cx >= Grid - 1 || (uint)cy >= Grid - 1)
                {
                    continue;
                }

                var cell = (cy * Grid) + cx;
                _tx[pairs] = tx;
                _ty[pairs] = ty;
                _cell[pairs++] = cell;
                grid[cell]++;
                grid[cell + 1]++;
                grid[cell + Grid]++;
                grid[cell + Grid + 1]++;
            }
        }

        for (var q = 0; q < pairs; q++)
        {
            var c = _cell[q];
            foreach (var k in (ReadOnlySpan<int>)[c, c + 1, c + Grid, c + Grid + 1])
            {
                if (grid[k] > best)
                {
                    best = grid[k];
                    bestCell = k;
                }
            }
        }

        // The shift: mean of the pair shifts voting for the winning cell.
        float sx = 0, sy = 0;
        var voters = 0;
        for (var q = 0; q < pairs; q++)
        {
            var c = _cell[q];
            if (c == bestCell || c + 1 == bestCell || c + Grid == bestCell || c + Grid + 1 == bestCell)
            {
                sx += _tx[q];
                sy += _ty[q];
                voters++;
            }

            grid[c] = 0;
            grid[c + 1] = 0;
            grid[c + Grid] = 0;
            grid[c + Grid + 1] = 0;
        }

        if (voters < 2)
        {
            return 0;
        }

        sx /= voters;
        sy /= voters;

        // One-to-one pairing under the transform, nearest first per gallery minutia.
        Array.Clear(_taken, 0, _pn);
        const float Radius2 = IndexShape.AlignRadius * IndexShape.AlignRadius;
        var paired = 0;
        for (var g = 0; g < gn; g++)
        {
            var gx = _gx[g] + sx;
            var gy = _gy[g] + sy;
            var gd = _gd[g];
            var nearest = -1;
            var nearestD2 = Radius2;
            for (var p = 0; p < _pn; p++)
            {
                var dx = _px[p] - gx;
                var dy = _py[p] - gy;
                var d2 = (dx * dx) + (dy * dy);
                if (d2 < nearestD2 && !_taken[p] && Gap(_pd[p], gd) <= IndexShape.AlignPairAngle)
                {
                    nearest = p;
                    nearestD2 = d2;
                }
            }

            if (nearest >= 0)
            {
                _taken[nearest] = true;
                paired++;
            }
        }

        return paired * paired / (float)(_pn * gn);
    }
}
