using System.Runtime.CompilerServices;

namespace Huella.Biometrics.Matching;

/// <summary>
/// What a template brings to matching, computed once: one bit-based Minutia Cylinder-Code per
/// usable minutia (Cappelli, Ferrara, Maltoni 2010), kept compact because a gallery holds millions
/// of them. Cell validity is stored one bit per cell and only for cylinders that reach past the
/// print (the others share <see cref="FullMask"/>); distances and relative directions between
/// minutiae are recomputed by the matcher for the few pairs it relaxes, and only the radial angles,
/// which need an arctangent, are tabulated.
/// </summary>
internal sealed class CylinderSet
{
    private const float TwoPi = 2 * MathF.PI;

    /// <summary>How far from a cell a neighbour still contributes (three spatial sigmas).</summary>
    private const float Reach = 3 * EngineParameters.SigmaSpatial;

    public CylinderSet(ReadOnlySpan<Minutia> minutiae, OrientationMap? orientation = null)
    {
        Orientation = orientation;
        Hull = new ConvexHull(minutiae);
        var stride = CylinderLayout.MaskChunkStride;
        var xs = new List<float>();
        var ys = new List<float>();
        var angles = new List<float>();
        var units = new List<ushort>();
        var bits = new List<ulong>();
        var masks = new List<ushort>();
        var slots = new List<short>();
        var validCounts = new List<ushort>();
        var bitCounts = new List<ushort>();
        var cylinderBits = new ulong[CylinderLayout.Words];
        var cellMask = new ushort[stride];
        var neighbours = new List<int>();
        Span<float> sectionWeights = new float[minutiae.Length * CylinderLayout.Sections];
        foreach (var i in DirectionOrder(minutiae))
        {
            var m = minutiae[i];
            FindNeighbours(minutiae, i, neighbours);
            if (neighbours.Count < EngineParameters.MinContributingMinutiae)
            {
                continue;
            }

            WeighSections(minutiae, m, neighbours, sectionWeights);
            var validCount = Fill(minutiae, m, neighbours, sectionWeights, Hull, cylinderBits, cellMask);
            if (validCount < EngineParameters.MinValidCells * CylinderLayout.Cells)
            {
                continue;
            }

            xs.Add(m.X);
            ys.Add(m.Y);
            angles.Add(m.Direction);
            units.Add(FingerprintTemplate.DirectionToUnits(m.Direction));
            bits.AddRange(cylinderBits);
            validCounts.Add((ushort)validCount);
            var setBits = 0;
            foreach (var word in cylinderBits)
            {
                setBits += System.Numerics.BitOperations.PopCount(word);
            }

            bitCounts.Add((ushort)setBits);
            if (validCount == CylinderLayout.Cells)
            {
                slots.Add(-1);
            }
            else
            {
                slots.Add((short)(masks.Count / stride));
                masks.AddRange(cellMask);
            }
        }

        (AllX, AllY, AllAngle, AllTrusted, AllByX, AllSortedX) = Everyone(minutiae);
        Count = xs.Count;
        X = [.. xs];
        Y = [.. ys];
        Angle = [.. angles];
        AngleUnits = [.. units];
        Bits = [.. bits];
        CellMasks = [.. masks];
        MaskSlot = [.. slots];
        ValidCellCount = [.. validCounts];
        BitCount = [.. bitCounts];
        RadialAngle = RadialAngles(X, Y, Angle);
    }

    /// <summary>Cylinders are kept in order of direction, so the matcher finds the comparable ones as one run.</summary>
    private static int[] DirectionOrder(ReadOnlySpan<Minutia> minutiae)
    {
        var order = new int[minutiae.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var sortSource = minutiae.ToArray();
        Array.Sort(order, (p, q) => sortSource[p].Direction != sortSource[q].Direction
            ? sortSource[p].Direction.CompareTo(sortSource[q].Direction)
            : (sortSource[p].Y != sortSource[q].Y ? sortSource[p].Y.CompareTo(sortSource[q].Y) : sortSource[p].X.CompareTo(sortSource[q].X)));
        return order;
    }

    /// <summary>The minutiae close enough to minutia <paramref name="i"/> to reach a cell of its cylinder.</summary>
    private static void FindNeighbours(ReadOnlySpan<Minutia> minutiae, int i, List<int> neighbours)
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
    }

    /// <summary>The directional factor depends on the neighbour only, not on the cell: once per neighbour and section.</summary>
    private static void WeighSections(ReadOnlySpan<Minutia> minutiae, Minutia m, List<int> neighbours, Span<float> sectionWeights)
    {
        const float SectionWidth = TwoPi / CylinderLayout.Sections;
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
    }

    /// <summary>
    /// Sets the bits of <paramref name="m"/>'s cylinder (cells inside the hull whose summed
    /// contribution passes the threshold) and its cell mask; returns how many cells are valid.
    /// </summary>
    private static int Fill(ReadOnlySpan<Minutia> minutiae, Minutia m, List<int> neighbours, ReadOnlySpan<float> sectionWeights, ConvexHull hull, ulong[] cylinderBits, ushort[] cellMask)
    {
        const float Gauss = 1f / (EngineParameters.SigmaSpatial * 2.50662827f);
        const float InverseTwoSigma2 = 1f / (2 * EngineParameters.SigmaSpatial * EngineParameters.SigmaSpatial);
        Span<float> sums = stackalloc float[CylinderLayout.Sections];
        Array.Clear(cylinderBits);
        Array.Clear(cellMask);
        var (sin, cos) = MathF.SinCos(m.Direction);
        var validCount = 0;
        for (var c = 0; c < CylinderLayout.Cells; c++)
        {
            var px = m.X + (cos * CylinderLayout.CellX[c]) - (sin * CylinderLayout.CellY[c]);
            var py = m.Y + (sin * CylinderLayout.CellX[c]) + (cos * CylinderLayout.CellY[c]);
            if (!hull.Contains(px, py, EngineParameters.HullMargin))
            {
                continue;
            }

            validCount++;
            cellMask[c / CylinderLayout.CellsPerWord] |= (ushort)(1 << (c % CylinderLayout.CellsPerWord));
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
                if (sums[k] > EngineParameters.CellThreshold)
                {
                    var (word, bit) = CylinderLayout.Position(c, k);
                    cylinderBits[word] |= 1UL << bit;
                }
            }
        }

        return validCount;
    }

    /// <summary>Every minutia, with or without a cylinder, for the global pairing: positions, trust, and the order by x.</summary>
    private static (float[] X, float[] Y, float[] Angle, bool[] Trusted, byte[] ByX, float[] SortedX) Everyone(ReadOnlySpan<Minutia> minutiae)
    {
        var x = new float[minutiae.Length];
        var y = new float[minutiae.Length];
        var angle = new float[minutiae.Length];
        var trusted = new bool[minutiae.Length];
        var byX = new byte[minutiae.Length];
        for (var i = 0; i < minutiae.Length; i++)
        {
            // Quality 0 is "not reported" (templates made elsewhere): such minutiae are all trusted.
            trusted[i] = minutiae[i].Quality == 0 || minutiae[i].Quality >= EngineParameters.MinTrustedQuality;
            x[i] = minutiae[i].X;
            y[i] = minutiae[i].Y;
            angle[i] = minutiae[i].Direction;
            byX[i] = (byte)i;
        }

        float[] sortedX = [.. x];
        Array.Sort(sortedX, byX);
        return (x, y, angle, trusted, byX, sortedX);
    }

    /// <summary>The direction from each cylinder's minutia to each other's, relative to its own, quantized.</summary>
    private static byte[] RadialAngles(float[] x, float[] y, float[] angle)
    {
        var count = x.Length;
        var radial = new byte[count * count];
        for (var a = 0; a < count; a++)
        {
            for (var b = 0; b < count; b++)
            {
                float dx = x[b] - x[a], dy = y[b] - y[a];
                radial[(a * count) + b] = Quantize(MathF.Atan2(dy, dx) - angle[a]);
            }
        }

        return radial;
    }

    /// <summary>The cell mask of a cylinder valid everywhere, shared by all of them.</summary>
    public static ushort[] FullMask { get; } = BuildFullMask();

    public int Count { get; }

    /// <summary>The print's coarse ridge flow, when its template keeps one.</summary>
    public OrientationMap? Orientation { get; }

    /// <summary>Convex hull of all the minutiae: where the other print's minutiae could be seen.</summary>
    public ConvexHull Hull { get; }

    /// <summary>Every minutia, with or without a usable cylinder, for the global pairing.</summary>
    public float[] AllX { get; }

    public float[] AllY { get; }

    public float[] AllAngle { get; }

    /// <summary>Whether a minutia that finds no partner in the other print counts against their agreement.</summary>
    public bool[] AllTrusted { get; }

    /// <summary>Indices of all minutiae in order of x, and their x in that order: the global pairing scans a window of x.</summary>
    public byte[] AllByX { get; }

    public float[] AllSortedX { get; }

    public float[] X { get; }

    public float[] Y { get; }

    public float[] Angle { get; }

    /// <summary>The same directions in 65536ths of a turn (templates store them so, exactly).</summary>
    public ushort[] AngleUnits { get; }

    /// <summary>Cell×section bits, <see cref="CylinderLayout.Words"/> words per cylinder, zero outside valid cells.</summary>
    public ulong[] Bits { get; }

    /// <summary>Cell masks (one bit per cell, <see cref="CylinderLayout.CellsPerWord"/> per chunk) of the cylinders that are not valid everywhere.</summary>
    public ushort[] CellMasks { get; }

    /// <summary>Per cylinder: its slot in <see cref="CellMasks"/>, or -1 when it is valid everywhere.</summary>
    public short[] MaskSlot { get; }

    public ushort[] ValidCellCount { get; }

    /// <summary>Set bits per cylinder: the norm when the other cylinder is valid everywhere.</summary>
    public ushort[] BitCount { get; }

    /// <summary>Angle of the line a→b relative to the direction of a, 256 steps per turn, row-major Count×Count.</summary>
    public byte[] RadialAngle { get; }

    /// <summary>The cell mask of cylinder <paramref name="c"/> (<see cref="CylinderLayout.MaskChunkStride"/> chunks).</summary>
    public ReadOnlySpan<ushort> Mask(int c) =>
        MaskSlot[c] < 0 ? FullMask : CellMasks.AsSpan(MaskSlot[c] * CylinderLayout.MaskChunkStride, CylinderLayout.MaskChunkStride);

    /// <summary>An angle as 256 steps per turn, rounding to nearest.</summary>
    public static byte Quantize(float angle)
    {
        var turns = angle / TwoPi;
        turns -= MathF.Floor(turns);
        return (byte)((int)MathF.Round(turns * 256) & 255);
    }

    /// <summary>
    /// <c>Quantize(toAngle - fromAngle)</c> for two template directions, without the division: in whole
    /// 65536ths of a turn the rounding is decided by integers, except on an exact half step where the
    /// float rounding of the difference decides, so that case takes the float path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte RelativeSteps(ushort fromUnits, ushort toUnits, float fromAngle, float toAngle)
    {
        var difference = (toUnits - fromUnits) & 0xFFFF;
        return (difference & 255) == 128 ? HalfStep(fromAngle, toAngle) : (byte)((difference + 128) >> 8);
    }

    // Rare (one difference in 256): kept out of line so the common path inlines into the relaxation loop.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte HalfStep(float fromAngle, float toAngle) => Quantize(toAngle - fromAngle);

    private static float AngleDistance(float a, float b)
    {
        var d = MathF.Abs(a - b) % TwoPi;
        return d > MathF.PI ? TwoPi - d : d;
    }

    private static ushort[] BuildFullMask()
    {
        var mask = new ushort[CylinderLayout.MaskChunkStride];
        for (var c = 0; c < CylinderLayout.Cells; c++)
        {
            mask[c / CylinderLayout.CellsPerWord] |= (ushort)(1 << (c % CylinderLayout.CellsPerWord));
        }

        return mask;
    }
}
