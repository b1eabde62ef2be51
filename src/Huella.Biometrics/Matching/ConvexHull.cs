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
        for (var i = 0; i < _x.Length; i++)
        {
            var j = i + 1 == _x.Length ? 0 : i + 1;
            float dx = _x[j] - _x[i], dy = _y[j] - _y[i];
            _edgeLength[i] = MathF.Sqrt((dx * dx) + (dy * dy));
        }
    }

    /// <summary>Hull vertices, counter-clockwise (all the points when there are fewer than three).</summary>
    public IReadOnlyList<float> VertexX => _x;

    public IReadOnlyList<float> VertexY => _y;

    /// <summary>True when the point lies inside the hull or within <paramref name="margin"/> of it.</summary>
    public bool Contains(float x, float y, float margin)
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
            var inside = true;
            for (var i = 0; i < n; i++)
            {
                var j = i + 1 == n ? 0 : i + 1;
                var cross = ((_x[j] - _x[i]) * (y - _y[i])) - ((_y[j] - _y[i]) * (x - _x[i]));
                if (cross < 0)
                {
                    // Cross / edge length is the distance beyond this edge's line, and the whole hull lies
                    // on the inner side: well beyond the margin, no segment can be near.
                    if (-cross > reach * _edgeLength[i])
                    {
                        return false;
                    }

                    inside = false;
                    break;
                }
            }

            if (inside)
            {
                return true;
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
