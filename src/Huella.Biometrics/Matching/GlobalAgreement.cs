namespace Huella.Biometrics.Matching;

/// <summary>
/// How much of the overlap of two prints agrees with the alignment their best cylinder pairs imply.
/// The anchors fix a rotation (positions and directions, weighted by relaxed similarity) and a
/// translation; every minutia of A is then moved onto B and paired with the nearest unpaired minutia
/// of B with a similar direction, with a tolerance that grows away from the anchors as skin
/// distortion does. The agreement is paired² / (A's minutiae inside B's area × B's inside A's), in
/// [0, 1]. Local cylinder similarity alone rewards a dozen look-alike neighbourhoods; this rewards
/// a whole overlap that lines up, which impostors rarely manage.
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
    private int _anchors;

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

    public double Score(CylinderSet a, CylinderSet b)
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

        var nb = b.AllX.Length;
        var byX = b.AllByX;
        var sortedX = b.AllSortedX;
        Array.Clear(_taken, 0, nb);
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

            insideB++;
            var direction = a.AllAngle[i] + rotation;
            float fx = x - cx, fy = y - cy;
            var tolerance = EngineParameters.PairingDistance + (EngineParameters.PairingDistanceSlope * MathF.Sqrt((fx * fx) + (fy * fy)));
            var best = -1;
            var bestDistance = tolerance * tolerance;

            // B's minutiae sorted by x: only the run within reach of x can pair. The scan order differs from
            // index order, so ties are broken explicitly as an index-order scan would (the later index wins).
            var reach = tolerance + ScanSlack;
            for (var k = SortedSearch.LowerBound(sortedX, x - reach); k < sortedX.Length && sortedX[k] <= x + reach; k++)
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
        }

        // B's minutiae inside A's area: the inverse transform.
        var insideA = 0;
        for (var j = 0; j < nb; j++)
        {
            float bx = b.AllX[j] - tx, by = b.AllY[j] - ty;
            var x = (cos * bx) + (sin * by);
            var y = (-sin * bx) + (cos * by);
            if (a.Hull.Contains(x, y, EngineParameters.OverlapMargin))
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
