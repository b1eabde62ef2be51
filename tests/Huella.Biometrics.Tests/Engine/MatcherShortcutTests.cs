using Huella.Biometrics.Matching;

namespace Huella.Biometrics.Tests.Engine;

/// <summary>
/// The matcher's shortcuts (box and edge-line rejects in the hull test, the x window of the global
/// pairing, the remainder-free angle gap, the relaxation's vector distance steps; vector and scalar
/// paths of the hull test and of the pairing scan alike) against the plain
/// computations they replace, on real FVC2002 templates: the answers must be the same bit for bit,
/// not merely close.
/// </summary>
public sealed class MatcherShortcutTests
{
    [Theory]
    [InlineData(EngineParameters.OverlapMargin)]
    [InlineData(EngineParameters.HullMargin)]
    public void Hull_test_equals_the_plain_definition(float margin)
    {
        var tested = 0;
        var inside = 0;
        foreach (var template in EngineData.Db1Fingers101To103.Values.Take(8))
        {
            var hull = template.Cylinders.Hull;
            for (var y = -80f; y < 480; y += 2.5f)
            {
                for (var x = -80f; x < 480; x += 2.5f)
                {
                    var expected = PlainContains(hull, x, y, margin);
                    Assert.True(expected == hull.Contains(x, y, margin), $"({x}, {y}) margin {margin}: expected {expected}");
                    Assert.True(expected == hull.Contains(x, y, margin, vectorized: false), $"({x}, {y}) margin {margin}, scalar edges: expected {expected}");
                    tested++;
                    inside += expected ? 1 : 0;
                }
            }
        }

        // Both answers occur plenty, so the test exercises the rejects and the slow path alike.
        Assert.InRange(inside, tested / 10, tested * 9 / 10);
    }

    [Fact]
    public void Global_agreement_equals_a_full_pairing_scan()
    {
        var sets = EngineData.Db1Fingers101To103.Values.Take(12).Select(t => t.Cylinders).ToList();
        var random = new Random(4);
        var agreement = new GlobalAgreement();
        var positive = 0;
        foreach (var a in sets)
        {
            foreach (var b in sets)
            {
                // Anchors from the print itself (an exact alignment when a == b) and from random pairs.
                for (var trial = 0; trial < 4; trial++)
                {
                    var anchors = new List<(int I, int J, float Weight)>();
                    for (var k = 0; k < EngineParameters.AlignmentAnchors; k++)
                    {
                        var i = random.Next(a.Count);
                        var j = trial == 0 && ReferenceEquals(a, b) ? i : random.Next(b.Count);
                        anchors.Add((i, j, 0.05f + (0.5f * random.NextSingle())));
                    }

                    agreement.Clear();
                    foreach (var (i, j, weight) in anchors)
                    {
                        agreement.AddAnchor(a, b, i, j, weight);
                    }

                    var expected = PlainAgreement(a, b, anchors);
                    Assert.Equal(expected, agreement.Score(a, b));
                    Assert.Equal(expected, agreement.Score(a, b, vectorized: false));
                    positive += expected > 0 ? 1 : 0;
                }
            }
        }

        Assert.True(positive > 12 * 12, $"only {positive} alignments paired anything");
    }

    // The hull test as first written: inside every edge, or within the margin of one edge segment.
    [Fact]
    public void Vector_distance_steps_equal_the_scalar_ones()
    {
        // Every row the relaxation could build between these prints: candidate points seen from each of
        // its minutiae, against the probe's distances from each of its own (real spreads of both).
        var sets = EngineData.Db1Fingers101To103.Values.Take(8).Select(t => new PreparedProbe(t.Cylinders)).ToList();
        var last = RelaxationTables.Distance.Length - 1;
        int rows = 0, capped = 0, close = 0;
        foreach (var probe in sets)
        {
            foreach (var candidate in sets.Select(p => p.Cylinders))
            {
                var n = Math.Min(probe.Cylinders.Count, candidate.Count);
                for (var t = 0; t < n; t++)
                {
                    var probeRow = probe.Distance.AsSpan(t * probe.Cylinders.Count, n);
                    var vector = new int[n];
                    var scalar = new int[n];
                    DistanceSteps.Row(candidate.X.AsSpan(0, n), candidate.Y.AsSpan(0, n), probeRow, candidate.X[t], candidate.Y[t], t + 1, vector, vectorized: true);
                    DistanceSteps.Row(candidate.X.AsSpan(0, n), candidate.Y.AsSpan(0, n), probeRow, candidate.X[t], candidate.Y[t], t + 1, scalar, vectorized: false);
                    Assert.Equal(scalar, vector);
                    rows++;
                    for (var k = t + 1; k < n; k++)
                    {
                        var dx = candidate.X[k] - candidate.X[t];
                        var dy = candidate.Y[k] - candidate.Y[t];
                        var expected = Math.Min((int)(MathF.Abs(probeRow[k] - MathF.Sqrt((dx * dx) + (dy * dy))) * RelaxationTables.DistanceSteps), last);
                        Assert.Equal(expected, vector[k]);
                        capped += vector[k] == last ? 1 : 0;
                        close += vector[k] < 40 ? 1 : 0;
                    }
                }
            }
        }

        // Rows long enough for whole vectors and tails, with both capped and close distances among them.
        Assert.True(rows > 1000, $"{rows} rows");
        Assert.True(capped > 100 && close > 100, $"capped {capped}, close {close}");
    }

    [Fact]
    public void Vector_direction_runs_equal_the_scalar_and_plain_ones()
    {
        // Each of A's directions against B's, from every start (not only where the matcher starts): the
        // runs must agree wherever they begin, empty, wrapping past the end or not.
        var sets = EngineData.Db1Fingers101To103.Values.Take(8).Select(t => t.Cylinders).ToList();
        int runs = 0, empty = 0, wrapped = 0;
        foreach (var a in sets)
        {
            foreach (var b in sets)
            {
                var doubled = Doubled(b.Angle, b.Count);
                for (var i = 0; i < a.Count; i++)
                {
                    for (var start = 0; start < b.Count; start++)
                    {
                        var expected = PlainRun(b.Angle, b.Count, a.Angle[i], start);
                        Assert.Equal(expected, MccScorer.RunLength(doubled, a.Angle[i], start, b.Count, vectorized: true));
                        Assert.Equal(expected, MccScorer.RunLength(doubled, a.Angle[i], start, b.Count, vectorized: false));
                        runs++;
                        empty += expected == 0 ? 1 : 0;
                        wrapped += start + expected > b.Count ? 1 : 0;
                    }
                }
            }
        }

        Assert.True(empty > 1000 && wrapped > 1000 && runs - empty > 1000, $"{runs} runs, {empty} empty, {wrapped} wrapped");

        // Every direction within reach: the run is the whole turn, however many there are.
        for (var count = 1; count <= 20; count++)
        {
            var same = Enumerable.Repeat(1f, count).ToArray();
            Assert.Equal(count, MccScorer.RunLength(Doubled(same, count), 1.2f, count - 1, count, vectorized: true));
            Assert.Equal(count, MccScorer.RunLength(Doubled(same, count), 1.2f, count - 1, count, vectorized: false));
        }
    }

    private static float[] Doubled(float[] angles, int count)
    {
        var doubled = new float[(2 * count) + 8];
        angles.AsSpan(0, count).CopyTo(doubled);
        angles.AsSpan(0, count).CopyTo(doubled.AsSpan(count));
        return doubled;
    }

    // The run as first written: B's directions in circular order from start, until one is out of reach.
    private static int PlainRun(float[] angles, int count, float angle, int start)
    {
        var length = 0;
        while (length < count)
        {
            var d = MathF.Abs(angle - angles[(start + length) % count]);
            d = d > MathF.PI ? (2 * MathF.PI) - d : d;
            if (d > EngineParameters.MaxDirectionDifference)
            {
                break;
            }

            length++;
        }

        return length;
    }

    private static bool PlainContains(ConvexHull hull, float x, float y, float margin)
    {
        var xs = hull.VertexX;
        var ys = hull.VertexY;
        var n = xs.Count;
        if (n >= 3)
        {
            var inside = true;
            for (var i = 0; i < n; i++)
            {
                var j = (i + 1) % n;
                if (((xs[j] - xs[i]) * (y - ys[i])) - ((ys[j] - ys[i]) * (x - xs[i])) < 0)
                {
                    inside = false;
                }
            }

            if (inside)
            {
                return true;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var j = (i + 1) % n;
            float dx = xs[j] - xs[i], dy = ys[j] - ys[i];
            var length = (dx * dx) + (dy * dy);
            var t = length == 0 ? 0 : Math.Clamp((((x - xs[i]) * dx) + ((y - ys[i]) * dy)) / length, 0, 1);
            float ex = xs[i] + (t * dx) - x, ey = ys[i] + (t * dy) - y;
            if ((ex * ex) + (ey * ey) <= margin * margin)
            {
                return true;
            }
        }

        return false;
    }

    // The global agreement as first written: every minutia of B scanned in index order for each of A.
    private static double PlainAgreement(CylinderSet a, CylinderSet b, List<(int I, int J, float Weight)> anchors)
    {
        double total = 0, max = 0, may = 0, mbx = 0, mby = 0;
        foreach (var (i, j, w) in anchors)
        {
            total += w;
            max += w * a.X[i];
            may += w * a.Y[i];
            mbx += w * b.X[j];
            mby += w * b.Y[j];
        }

        max /= total;
        may /= total;
        mbx /= total;
        mby /= total;
        double c = 0, s = 0;
        foreach (var (i, j, w) in anchors)
        {
            double ax = a.X[i] - max, ay = a.Y[i] - may, bx = b.X[j] - mbx, by = b.Y[j] - mby;
            var (turnSin, turnCos) = Math.SinCos(b.Angle[j] - a.Angle[i]);
            c += w * ((ax * bx) + (ay * by) + (EngineParameters.AnchorDirectionWeight * turnCos));
            s += w * ((ax * by) - (ay * bx) + (EngineParameters.AnchorDirectionWeight * turnSin));
        }

        var rotation = (float)Math.Atan2(s, c);
        var (sin, cos) = MathF.SinCos(rotation);
        var tx = (float)(mbx - ((cos * max) - (sin * may)));
        var ty = (float)(mby - ((sin * max) + (cos * may)));
        float cx = (float)mbx, cy = (float)mby;
        var taken = new bool[b.AllX.Length];
        int insideB = 0, paired = 0;
        for (var i = 0; i < a.AllX.Length; i++)
        {
            var x = (cos * a.AllX[i]) - (sin * a.AllY[i]) + tx;
            var y = (sin * a.AllX[i]) + (cos * a.AllY[i]) + ty;
            if (!PlainContains(b.Hull, x, y, EngineParameters.OverlapMargin))
            {
                continue;
            }

            var direction = a.AllAngle[i] + rotation;
            float fx = x - cx, fy = y - cy;
            var tolerance = EngineParameters.PairingDistance + (EngineParameters.PairingDistanceSlope * MathF.Sqrt((fx * fx) + (fy * fy)));
            var best = -1;
            var bestDistance = tolerance * tolerance;
            for (var j = 0; j < b.AllX.Length; j++)
            {
                float dx = b.AllX[j] - x, dy = b.AllY[j] - y;
                var d2 = (dx * dx) + (dy * dy);
                var gap = MathF.Abs(direction - b.AllAngle[j]) % (2 * MathF.PI);
                gap = gap > MathF.PI ? (2 * MathF.PI) - gap : gap;
                if (!taken[j] && d2 <= bestDistance && gap <= EngineParameters.PairingAngle)
                {
                    best = j;
                    bestDistance = d2;
                }
            }

            if (best >= 0)
            {
                taken[best] = true;
                paired++;
            }

            // An unpaired minutia of low quality does not count.
            insideB += best >= 0 || a.AllTrusted[i] ? 1 : 0;
        }

        var insideA = 0;
        for (var j = 0; j < b.AllX.Length; j++)
        {
            float bx = b.AllX[j] - tx, by = b.AllY[j] - ty;
            insideA += (taken[j] || b.AllTrusted[j]) && PlainContains(a.Hull, (cos * bx) + (sin * by), (-sin * bx) + (cos * by), EngineParameters.OverlapMargin) ? 1 : 0;
        }

        if (insideB == 0 || insideA == 0)
        {
            return 0;
        }

        const int Floor = EngineParameters.MinOverlapMinutiae;
        return (double)paired * paired / (Math.Max(insideB, Floor) * (double)Math.Max(insideA, Floor));
    }
}
