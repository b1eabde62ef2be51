using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Huella.Biometrics.Matching;

/// <summary>
/// How much of the overlap of two prints agrees with the alignment their best cylinder pairs imply.
/// The anchors fix a rotation (positions and directions, weighted by relaxed similarity) and a
/// translation; every minutia of A is then moved onto B and paired with the nearest unpaired minutia
/// of B with a similar direction, with a tolerance that grows away from the anchors as skin
/// distortion does. The agreement is paired² / (A's minutiae inside B's area × B's inside A's), in
/// [0, 1], where an unpaired minutia of low quality (a smudged, dry or creased patch, rarely found
/// again) does not count. Local cylinder similarity alone rewards a dozen look-alike
/// neighbourhoods; this rewards a whole overlap that lines up, which impostors rarely manage.
/// </summary>
internal sealed class GlobalAgreement
{
    private const int MaxCount = EngineParameters.MaxMinutiae;
    private const float TwoPi = 2 * MathF.PI;

    // Margin on the x window of the pairing scan, far above float rounding: the window never drops a pair.
    private const float ScanSlack = 1f;

    private readonly float[] _ax = new float[EngineParameters.AlignmentAnchors];
    private readonly float[] _ay = new float[EngineParameters.AlignmentAnchors];
    private readonly float[] _bx = new float[EngineParameters.AlignmentAnchors];
    private readonly float[] _by = new float[EngineParameters.AlignmentAnchors];
    private readonly float[] _turn = new float[EngineParameters.AlignmentAnchors];
    private readonly float[] _weight = new float[EngineParameters.AlignmentAnchors];
    private readonly bool[] _taken = new bool[MaxCount];

    // B's positions in order of x, gathered once per score and followed by a whole vector of +∞, so the
    // pairing scan reads whole vectors past the end of any window.
    private readonly float[] _sortedX = new float[MaxCount + Vector256<float>.Count];
    private readonly float[] _sortedY = new float[MaxCount + Vector256<float>.Count];
    private int _anchors;

    /// <summary>The alignment of A onto B the last <see cref="Score(CylinderSet, CylinderSet)"/> found: B = rotate(A) + shift.</summary>
    public float Rotation { get; private set; }

    public float ShiftX { get; private set; }

    public float ShiftY { get; private set; }

    public void Clear() => _anchors = 0;

    /// <summary>Adds cylinder <paramref name="i"/> of A paired with cylinder <paramref name="j"/> of B as an anchor.</summary>
    public void AddAnchor(CylinderSet a, CylinderSet b, int i, int j, float weight)
    {
        if (_anchors == _ax.Length)
        {
            return;
        }

        _ax[_anchors] = a.X[i];
        _ay[_anchors] = a.Y[i];
        _bx[_anchors] = b.X[j];
        _by[_anchors] = b.Y[j];
        _turn[_anchors] = b.Angle[j] - a.Angle[i];
        _weight[_anchors] = weight;
        _anchors++;
    }

    public double Score(CylinderSet a, CylinderSet b) => Score(a, b, vectorized: true);

    /// <summary>
    /// The same; <paramref name="vectorized"/> false scans the pairing windows one minutia at a time. Both
    /// compute every distance with the same float operations and apply the same rule in the same order.
    /// </summary>
    public double Score(CylinderSet a, CylinderSet b, bool vectorized)
    {
        double total = 0, max = 0, may = 0, mbx = 0, mby = 0;
        for (var k = 0; k < _anchors; k++)
        {
            var w = _weight[k];
            total += w;
            max += w * _ax[k];
            may += w * _ay[k];
            mbx += w * _bx[k];
            mby += w * _by[k];
        }

        if (total <= 0)
        {
            (Rotation, ShiftX, ShiftY) = (0, 0, 0);
            return 0;
        }

        max /= total;
        may /= total;
        mbx /= total;
        mby /= total;

        // Weighted Procrustes on the anchors' positions, steadied by their direction differences.
        double c = 0, s = 0;
        for (var k = 0; k < _anchors; k++)
        {
            double ax = _ax[k] - max, ay = _ay[k] - may, bx = _bx[k] - mbx, by = _by[k] - mby;
            var (turnSin, turnCos) = Math.SinCos(_turn[k]);
            c += _weight[k] * ((ax * bx) + (ay * by) + (EngineParameters.AnchorDirectionWeight * turnCos));
            s += _weight[k] * ((ax * by) - (ay * bx) + (EngineParameters.AnchorDirectionWeight * turnSin));
        }

        var rotation = (float)Math.Atan2(s, c);
        var (sin, cos) = MathF.SinCos(rotation);
        var tx = (float)(mbx - ((cos * max) - (sin * may)));
        var ty = (float)(mby - ((sin * max) + (cos * may)));
        float cx = (float)mbx, cy = (float)mby;
        (Rotation, ShiftX, ShiftY) = (rotation, tx, ty);

        var nb = b.AllX.Length;
        var byX = b.AllByX;
        var sortedX = b.AllSortedX;
        Array.Clear(_taken, 0, nb);
        vectorized &= Vector256.IsHardwareAccelerated;
        if (vectorized)
        {
            for (var k = 0; k < nb; k++)
            {
                _sortedX[k] = sortedX[k];
                _sortedY[k] = b.AllY[byX[k]];
            }

            _sortedX.AsSpan(nb, Vector256<float>.Count).Fill(float.PositiveInfinity);
        }

        int insideB = 0, paired = 0;
        for (var i = 0; i < a.AllX.Length; i++)
        {
            float ax = a.AllX[i], ay = a.AllY[i];
            var x = (cos * ax) - (sin * ay) + tx;
            var y = (sin * ax) + (cos * ay) + ty;
            if (!b.Hull.Contains(x, y, EngineParameters.OverlapMargin))
            {
                continue;
            }

            var direction = a.AllAngle[i] + rotation;
            float fx = x - cx, fy = y - cy;
            var tolerance = EngineParameters.PairingDistance + (EngineParameters.PairingDistanceSlope * MathF.Sqrt((fx * fx) + (fy * fy)));
            var best = -1;
            var bestDistance = tolerance * tolerance;

            // B's minutiae sorted by x: only the run within reach of x can pair. The scan order differs from
            // index order, so ties are broken explicitly as an index-order scan would (the later index wins).
            var reach = tolerance + ScanSlack;
            var first = vectorized ? CountBelow(nb, x - reach) : SortedSearch.LowerBound(sortedX, x - reach);
            if (vectorized)
            {
                best = BestInWindow(b, first, x, y, x + reach, direction, bestDistance);
            }

            for (var k = first; !vectorized && k < sortedX.Length && sortedX[k] <= x + reach; k++)
            {
                var j = byX[k];
                float dx = b.AllX[j] - x, dy = b.AllY[j] - y;
                var d2 = (dx * dx) + (dy * dy);
                if ((d2 < bestDistance || (d2 == bestDistance && j > best)) && !_taken[j]
                    && AngleGap(direction, b.AllAngle[j]) <= EngineParameters.PairingAngle)
                {
                    best = j;
                    bestDistance = d2;
                }
            }

            if (best >= 0)
            {
                _taken[best] = true;
                paired++;
            }

            insideB += best >= 0 || a.AllTrusted[i] ? 1 : 0;
        }

        // B's minutiae inside A's area: the inverse transform.
        var insideA = 0;
        for (var j = 0; j < nb; j++)
        {
            float bx = b.AllX[j] - tx, by = b.AllY[j] - ty;
            var x = (cos * bx) + (sin * by);
            var y = (-sin * bx) + (cos * by);
            if ((_taken[j] || b.AllTrusted[j]) && a.Hull.Contains(x, y, EngineParameters.OverlapMargin))
            {
                insideA++;
            }
        }

        if (insideB == 0 || insideA == 0)
        {
            return 0;
        }

        const int Floor = EngineParameters.MinOverlapMinutiae;
        return (double)paired * paired / (Math.Max(insideB, Floor) * (double)Math.Max(insideA, Floor));
    }

    // How many of B's x lie below the value: in x order, the first index at or above it (what the binary
    // search finds), without a branch per halving the predictor would miss.
    private int CountBelow(int count, float value)
    {
        var target = Vector256.Create(value);
        ref var xs = ref MemoryMarshal.GetArrayDataReference(_sortedX);
        var below = 0;
        for (var k = 0; k < count; k += Vector256<float>.Count)
        {
            below += BitOperations.PopCount(Vector256.LessThan(Vector256.LoadUnsafe(ref xs, (nuint)k), target).ExtractMostSignificantBits());
        }

        return below;
    }

    // The pairing scan eight minutiae of B at a time: distances for the whole vector, then the exact rule
    // of the scalar scan, in the same order, for the lanes within the window and the tolerance only
    // (a lane beyond the tolerance can never pass it).
    private int BestInWindow(CylinderSet b, int first, float x, float y, float windowEnd, float direction, float bestDistance)
    {
        var best = -1;
        var byX = b.AllByX;
        var vx = Vector256.Create(x);
        var vy = Vector256.Create(y);
        var end = Vector256.Create(windowEnd);
        var limit = Vector256.Create(bestDistance);
        ref var xs = ref MemoryMarshal.GetArrayDataReference(_sortedX);
        ref var ys = ref MemoryMarshal.GetArrayDataReference(_sortedY);

        // first ≤ B's count, and a vector of +∞ follows B's minutiae: every load stays inside the arrays.
        for (var k = first; ; k += Vector256<float>.Count)
        {
            var sx = Vector256.LoadUnsafe(ref xs, (nuint)k);
            var dx = sx - vx;
            var dy = Vector256.LoadUnsafe(ref ys, (nuint)k) - vy;
            var d2 = (dx * dx) + (dy * dy);
            var inside = Vector256.LessThanOrEqual(sx, end);
            var lanes = (inside & Vector256.LessThanOrEqual(d2, limit)).ExtractMostSignificantBits();
            while (lanes != 0)
            {
                var lane = BitOperations.TrailingZeroCount(lanes);
                lanes &= lanes - 1;
                var j = byX[k + lane];
                var distance = d2.GetElement(lane);
                if ((distance < bestDistance || (distance == bestDistance && j > best)) && !_taken[j]
                    && AngleGap(direction, b.AllAngle[j]) <= EngineParameters.PairingAngle)
                {
                    best = j;
                    bestDistance = distance;
                }
            }

            // Sorted by x: once a lane lies past the window, so do all later ones.
            if (inside.ExtractMostSignificantBits() != (1u << Vector256<float>.Count) - 1)
            {
                return best;
            }
        }
    }

    // Both directions lie in [-π, 3π), so one subtraction replaces the remainder, exactly (Sterbenz).
    private static float AngleGap(float p, float q)
    {
        var d = MathF.Abs(p - q);
        while (d >= TwoPi)
        {
            d -= TwoPi;
        }

        return d > MathF.PI ? TwoPi - d : d;
    }
}
