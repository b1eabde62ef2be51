using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Huella.Biometrics.Matching;

/// <summary>Convex hull of the minutiae (monotone chain), and distance tests against it.</summary>
internal sealed class ConvexHull
{
    // Far beyond float rounding of the distances (coordinates are a few hundred pixels): the box test
    // only ever rejects points the exact segment test would reject too.
    private const float BoxSlack = 1f;

    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float _minX;
    private readonly float _minY;
    private readonly float _maxX;
    private readonly float _maxY;
    private readonly float[] _edgeLength;

    // Per edge, padded to whole vectors: its start and its direction (end minus start), so the inside
    // test computes a vector of edges' cross products at once. Padding edges are all zero: their cross
    // product is ±0, never negative.
    private readonly float[] _edgeX;
    private readonly float[] _edgeY;
    private readonly float[] _edgeDx;
    private readonly float[] _edgeDy;

    public ConvexHull(ReadOnlySpan<Minutia> minutiae)
    {
        var points = new List<(float X, float Y)>(minutiae.Length);
        foreach (var m in minutiae)
        {
            points.Add((m.X, m.Y));
        }

        points.Sort((a, b) => a.X != b.X ? a.X.CompareTo(b.X) : a.Y.CompareTo(b.Y));
        if (points.Count < 3)
        {
            // Too few points to enclose anything: the margin around them still counts.
            _x = [.. points.Select(p => p.X)];
            _y = [.. points.Select(p => p.Y)];
            (_minX, _minY, _maxX, _maxY) = Box(_x, _y);
            _edgeLength = [];
            (_edgeX, _edgeY, _edgeDx, _edgeDy) = ([], [], [], []);
            return;
        }

        var hull = new List<(float X, float Y)>(points.Count + 1);
        for (var pass = 0; pass < 2; pass++)
        {
            var start = hull.Count;
            for (var k = 0; k < points.Count; k++)
            {
                var p = pass == 0 ? points[k] : points[points.Count - 1 - k];
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0)
                {
                    hull.RemoveAt(hull.Count - 1);
                }

                hull.Add(p);
            }

            hull.RemoveAt(hull.Count - 1);
        }

        _x = [.. hull.Select(p => p.X)];
        _y = [.. hull.Select(p => p.Y)];
        (_minX, _minY, _maxX, _maxY) = Box(_x, _y);
        _edgeLength = new float[_x.Length];
        var padded = (_x.Length + Vector256<float>.Count - 1) / Vector256<float>.Count * Vector256<float>.Count;
        (_edgeX, _edgeY, _edgeDx, _edgeDy) = (new float[padded], new float[padded], new float[padded], new float[padded]);
        for (var i = 0; i < _x.Length; i++)
        {
            var j = i + 1 == _x.Length ? 0 : i + 1;
            float dx = _x[j] - _x[i], dy = _y[j] - _y[i];
            _edgeLength[i] = MathF.Sqrt((dx * dx) + (dy * dy));
            (_edgeX[i], _edgeY[i], _edgeDx[i], _edgeDy[i]) = (_x[i], _y[i], dx, dy);
        }
    }

    /// <summary>Hull vertices, counter-clockwise (all the points when there are fewer than three).</summary>
    public IReadOnlyList<float> VertexX => _x;

    public IReadOnlyList<float> VertexY => _y;

    /// <summary>True when the point lies inside the hull or within <paramref name="margin"/> of it.</summary>
    public bool Contains(float x, float y, float margin) => Contains(x, y, margin, vectorized: true);

    /// <summary>
    /// The same; <paramref name="vectorized"/> false takes the edges one at a time. Both paths compute
    /// every cross product with the same float operations, so they give the same answer.
    /// </summary>
    public bool Contains(float x, float y, float margin, bool vectorized)
    {
        var n = _x.Length;
        if (n == 0)
        {
            return false;
        }

        // Most points tested in a partial overlap lie well outside the other print: one box test, no edge loop.
        var reach = margin + BoxSlack;
        if (x < _minX - reach || x > _maxX + reach || y < _minY - reach || y > _maxY + reach)
        {
            return false;
        }

        if (n >= 3)
        {
            // The first edge (in order) the point lies outside of decides: far beyond it, out; otherwise the
            // segment distances decide.
            var outside = vectorized && Vector256.IsHardwareAccelerated ? FirstOutsideVector(x, y, out var cross) : FirstOutsideScalar(x, y, out cross);
            if (outside < 0)
            {
                return true;
            }

            // Cross / edge length is the distance beyond this edge's line, and the whole hull lies on the
            // inner side: well beyond the margin, no segment can be near.
            if (-cross > reach * _edgeLength[outside])
            {
                return false;
            }
        }

        var limit = margin * margin;
        for (var i = 0; i < n; i++)
        {
            var j = i + 1 == n ? 0 : i + 1;
            if (SegmentDistanceSquared(x, y, _x[i], _y[i], _x[j], _y[j]) <= limit)
            {
                return true;
            }
        }

        return false;
    }

    // The first edge with the point on its outer side (negative cross product) and that cross product, or -1.
    private int FirstOutsideScalar(float x, float y, out float cross)
    {
        for (var i = 0; i < _x.Length; i++)
        {
            cross = (_edgeDx[i] * (y - _edgeY[i])) - (_edgeDy[i] * (x - _edgeX[i]));
            if (cross < 0)
            {
                return i;
            }
        }

        cross = 0;
        return -1;
    }

    private int FirstOutsideVector(float x, float y, out float cross)
    {
        var vx = Vector256.Create(x);
        var vy = Vector256.Create(y);
        ref var ex = ref MemoryMarshal.GetArrayDataReference(_edgeX);
        ref var ey = ref MemoryMarshal.GetArrayDataReference(_edgeY);
        ref var edx = ref MemoryMarshal.GetArrayDataReference(_edgeDx);
        ref var edy = ref MemoryMarshal.GetArrayDataReference(_edgeDy);

        // The arrays hold whole vectors.
        for (var i = 0; i < _edgeX.Length; i += Vector256<float>.Count)
        {
            var at = (nuint)i;
            var crosses = (Vector256.LoadUnsafe(ref edx, at) * (vy - Vector256.LoadUnsafe(ref ey, at)))
                - (Vector256.LoadUnsafe(ref edy, at) * (vx - Vector256.LoadUnsafe(ref ex, at)));
            var negative = Vector256.LessThan(crosses, Vector256<float>.Zero).ExtractMostSignificantBits();
            if (negative != 0)
            {
                var lane = BitOperations.TrailingZeroCount(negative);
                cross = crosses.GetElement(lane);
                return i + lane;
            }
        }

        cross = 0;
        return -1;
    }

    private static (float MinX, float MinY, float MaxX, float MaxY) Box(float[] xs, float[] ys)
    {
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        for (var i = 0; i < xs.Length; i++)
        {
            minX = Math.Min(minX, xs[i]);
            maxX = Math.Max(maxX, xs[i]);
            minY = Math.Min(minY, ys[i]);
            maxY = Math.Max(maxY, ys[i]);
        }

        return (minX, minY, maxX, maxY);
    }

    private static float Cross((float X, float Y) o, (float X, float Y) a, (float X, float Y) b) =>
        ((a.X - o.X) * (b.Y - o.Y)) - ((a.Y - o.Y) * (b.X - o.X));

    private static float SegmentDistanceSquared(float px, float py, float ax, float ay, float bx, float by)
    {
        float dx = bx - ax, dy = by - ay;
        var length = (dx * dx) + (dy * dy);
        var t = length == 0 ? 0 : Math.Clamp((((px - ax) * dx) + ((py - ay) * dy)) / length, 0, 1);
        float ex = ax + (t * dx) - px, ey = ay + (t * dy) - py;
        return (ex * ex) + (ey * ey);
    }
}
