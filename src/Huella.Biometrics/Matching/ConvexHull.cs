namespace Huella.Biometrics.Matching;

/// <summary>Convex hull of the minutiae (monotone chain), and distance tests against it.</summary>
internal sealed class ConvexHull
{
    private readonly float[] _x;
    private readonly float[] _y;

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
    }

    /// <summary>True when the point lies inside the hull or within <paramref name="margin"/> of it.</summary>
    public bool Contains(float x, float y, float margin)
    {
        var n = _x.Length;
        if (n == 0)
        {
            return false;
        }

        if (n >= 3)
        {
            var inside = true;
            for (var i = 0; i < n; i++)
            {
                var j = (i + 1) % n;
                if (((_x[j] - _x[i]) * (y - _y[i])) - ((_y[j] - _y[i]) * (x - _x[i])) < 0)
                {
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
            var j = (i + 1) % n;
            if (SegmentDistanceSquared(x, y, _x[i], _y[i], _x[j], _y[j]) <= limit)
            {
                return true;
            }
        }

        return false;
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
