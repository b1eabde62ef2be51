namespace Huella.Biometrics.Matching;

/// <summary>
/// What a template brings to matching, computed once: one bit-based Minutia Cylinder-Code per
/// usable minutia (Cappelli, Ferrara, Maltoni 2010) and the pairwise geometry (distances and
/// relative angles) the relaxation stage consults.
/// </summary>
internal sealed class CylinderSet
{
    private const float TwoPi = 2 * MathF.PI;

    public CylinderSet(ReadOnlySpan<Minutia> minutiae)
    {
        var words = CylinderLayout.Words;
        var cellWords = CylinderLayout.CellWords;
        var cells = CylinderLayout.Cells;
        var hull = new ConvexHull(minutiae);
        var xs = new List<float>();
        var ys = new List<float>();
        var angles = new List<float>();
        var bits = new List<ulong>();
        var valid = new List<ulong>();
        var validCells = new List<ulong>();
        var validCounts = new List<int>();
        var cylinderBits = new ulong[words];
        var cylinderValid = new ulong[words];
        var cellBits = new ulong[cellWords];
        var neighbours = new List<int>();
        Span<float> sums = stackalloc float[CylinderLayout.Sections];
        Span<float> sectionWeights = new float[minutiae.Length * CylinderLayout.Sections];
        const float Reach = 3 * EngineParameters.SigmaSpatial;
        const float Gauss = 1f / (EngineParameters.SigmaSpatial * 2.50662827f);
        const float InverseTwoSigma2 = 1f / (2 * EngineParameters.SigmaSpatial * EngineParameters.SigmaSpatial);
        const float SectionWidth = TwoPi / CylinderLayout.Sections;

        // Cylinders are kept in order of direction, so the matcher finds the comparable ones as one run.
        var order = new int[minutiae.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var sortSource = minutiae.ToArray();
        Array.Sort(order, (p, q) => sortSource[p].Direction != sortSource[q].Direction
            ? sortSource[p].Direction.CompareTo(sortSource[q].Direction)
            : (sortSource[p].Y != sortSource[q].Y ? sortSource[p].Y.CompareTo(sortSource[q].Y) : sortSource[p].X.CompareTo(sortSource[q].X)));
        foreach (var i in order)
        {
            var m = minutiae[i];
            neighbours.Clear();
            for (var t = 0; t < minutiae.Length; t++)
            {
                float dx = minutiae[t].X - m.X, dy = minutiae[t].Y - m.Y;
                var limit = EngineParameters.CylinderRadius + Reach;
                if (t != i && (dx * dx) + (dy * dy) <= limit * limit)
                {
                    neighbours.Add(t);
                }
            }

            if (neighbours.Count < EngineParameters.MinContributingMinutiae)
            {
                continue;
            }

            // The directional factor depends on the neighbour only, not on the cell: once per neighbour.
            for (var q = 0; q < neighbours.Count; q++)
            {
                var relative = minutiae[neighbours[q]].Direction - m.Direction;
                for (var k = 0; k < CylinderLayout.Sections; k++)
                {
                    var centre = -MathF.PI + ((k + 0.5f) * SectionWidth);
                    var distance = AngleDistance(centre, relative);
                    sectionWeights[(q * CylinderLayout.Sections) + k] = CylinderLayout.SectionWeight[(int)(distance / MathF.PI * 256)];
                }
            }

            Array.Clear(cylinderBits);
            Array.Clear(cylinderValid);
            Array.Clear(cellBits);
            var (sin, cos) = MathF.SinCos(m.Direction);
            var validCount = 0;
            for (var c = 0; c < cells; c++)
            {
                var px = m.X + (cos * CylinderLayout.CellX[c]) - (sin * CylinderLayout.CellY[c]);
                var py = m.Y + (sin * CylinderLayout.CellX[c]) + (cos * CylinderLayout.CellY[c]);
                if (!hull.Contains(px, py, EngineParameters.HullMargin))
                {
                    continue;
                }

                validCount++;
                cellBits[c >> 6] |= 1UL << (c & 63);
                sums.Clear();
                for (var q = 0; q < neighbours.Count; q++)
                {
                    var n = minutiae[neighbours[q]];
                    float dx = n.X - px, dy = n.Y - py;
                    var d2 = (dx * dx) + (dy * dy);
                    if (d2 > Reach * Reach)
                    {
                        continue;
                    }

                    var spatial = Gauss * MathF.Exp(-d2 * InverseTwoSigma2);
                    var weights = sectionWeights.Slice(q * CylinderLayout.Sections, CylinderLayout.Sections);
                    for (var k = 0; k < weights.Length; k++)
                    {
                        sums[k] += spatial * weights[k];
                    }
                }

                for (var k = 0; k < CylinderLayout.Sections; k++)
                {
                    var bit = (c * CylinderLayout.Sections) + k;
                    cylinderValid[bit >> 6] |= 1UL << (bit & 63);
                    if (sums[k] > EngineParameters.CellThreshold)
                    {
                        cylinderBits[bit >> 6] |= 1UL << (bit & 63);
                    }
                }
            }

            if (validCount < EngineParameters.MinValidCells * cells)
            {
                continue;
            }

            xs.Add(m.X);
            ys.Add(m.Y);
            angles.Add(m.Direction);
            bits.AddRange(cylinderBits);
            valid.AddRange(cylinderValid);
            validCells.AddRange(cellBits);
            validCounts.Add(validCount);
        }

        Hull = hull;
        AllX = new float[minutiae.Length];
        AllY = new float[minutiae.Length];
        AllAngle = new float[minutiae.Length];
        for (var i = 0; i < minutiae.Length; i++)
        {
            AllX[i] = minutiae[i].X;
            AllY[i] = minutiae[i].Y;
            AllAngle[i] = minutiae[i].Direction;
        }

        Count = xs.Count;
        X = [.. xs];
        Y = [.. ys];
        Angle = [.. angles];
        Bits = [.. bits];
        Valid = [.. valid];
        ValidCells = [.. validCells];
        ValidCellCount = [.. validCounts];
        BitCount = new int[Count];
        for (var c = 0; c < Count; c++)
        {
            foreach (var word in Bits.AsSpan(c * words, words))
            {
                BitCount[c] += System.Numerics.BitOperations.PopCount(word);
            }
        }

        var n2 = Count * Count;
        Distance = new float[n2];
        RelativeAngle = new byte[n2];
        RadialAngle = new byte[n2];
        for (var a = 0; a < Count; a++)
        {
            for (var b = 0; b < Count; b++)
            {
                float dx = X[b] - X[a], dy = Y[b] - Y[a];
                Distance[(a * Count) + b] = MathF.Sqrt((dx * dx) + (dy * dy));
                RelativeAngle[(a * Count) + b] = Quantize(Angle[b] - Angle[a]);
                RadialAngle[(a * Count) + b] = Quantize(MathF.Atan2(dy, dx) - Angle[a]);
            }
        }
    }

    public int Count { get; }

    /// <summary>Convex hull of all the minutiae: where the other print's minutiae could be seen.</summary>
    public ConvexHull Hull { get; }

    /// <summary>Every minutia, with or without a usable cylinder, for the global pairing.</summary>
    public float[] AllX { get; }

    public float[] AllY { get; }

    public float[] AllAngle { get; }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Angle { get; }

    /// <summary>Cell×section bits, <see cref="CylinderLayout.Words"/> words per cylinder.</summary>
    public ulong[] Bits { get; }

    /// <summary>Validity of each cell replicated over its sections, same layout as <see cref="Bits"/>.</summary>
    public ulong[] Valid { get; }

    /// <summary>One validity bit per cell, <see cref="CylinderLayout.CellWords"/> words per cylinder.</summary>
    public ulong[] ValidCells { get; }

    public int[] ValidCellCount { get; }

    /// <summary>Set bits per cylinder: the norm when the other cylinder is valid everywhere.</summary>
    public int[] BitCount { get; }

    /// <summary>Pairwise distance between cylinder centres, row-major Count×Count.</summary>
    public float[] Distance { get; }

    /// <summary>Direction of b minus direction of a, 256 steps per turn.</summary>
    public byte[] RelativeAngle { get; }

    /// <summary>Angle of the line a→b relative to the direction of a, 256 steps per turn.</summary>
    public byte[] RadialAngle { get; }

    private static float AngleDistance(float a, float b)
    {
        var d = MathF.Abs(a - b) % TwoPi;
        return d > MathF.PI ? TwoPi - d : d;
    }

    private static byte Quantize(float angle)
    {
        var turns = angle / TwoPi;
        turns -= MathF.Floor(turns);
        return (byte)((int)MathF.Round(turns * 256) & 255);
    }
}
