using Huella.Biometrics.Matching;

namespace Huella.Biometrics.Tests.Engine;

/// <summary>
/// Minutia Cylinder-Code matching written the plain way, as a check on the packed fast path: cells
/// and sections as bool arrays, every pairwise quantity computed directly (square roots,
/// arctangents, the float quantizer), pairs ordered by a stable sort, sums in plain loops. Same
/// parameters and definitions as the engine; nothing is precomputed, packed or vectorized.
/// </summary>
internal static class ReferenceMcc
{
    private const float TwoPi = 2 * MathF.PI;

    public static double Score(FingerprintTemplate probe, FingerprintTemplate candidate)
    {
        var p = Cylinders(probe.Minutiae);
        var c = Cylinders(candidate.Minutiae);
        var probeFirst = p.Count != c.Count ? p.Count < c.Count : probe.Key <= candidate.Key;
        var (local, anchors) = probeFirst ? Score(p, c) : Score(c, p);

        // The global agreement and ridge-flow steps are not what this reference checks (the packed local
        // stage is): they are applied to the reference's own anchors with the engine's implementation.
        var (a, b) = probeFirst ? (probe.Cylinders, candidate.Cylinders) : (candidate.Cylinders, probe.Cylinders);
        var agreement = new GlobalAgreement();
        agreement.Clear();
        foreach (var (i, j, weight) in anchors)
        {
            agreement.AddAnchor(a, b, i, j, weight);
        }

        var score = Math.Sqrt(local) * (EngineParameters.AgreementFloor + agreement.Score(a, b)) / (1 + EngineParameters.AgreementFloor);
        if (a.Orientation is not { } flowA || b.Orientation is not { } flowB)
        {
            return ScoreCalibration.FromMinutiaeOnly(score);
        }

        var flow = Math.Max(0, flowA.Agreement(flowB, agreement.Rotation, agreement.ShiftX, agreement.ShiftY));
        return score * flow * flow;
    }

    private static List<Cylinder> Cylinders(IReadOnlyList<Minutia> minutiae)
    {
        const float Reach = 3 * EngineParameters.SigmaSpatial;
        const float Gauss = 1f / (EngineParameters.SigmaSpatial * 2.50662827f);
        const float InverseTwoSigma2 = 1f / (2 * EngineParameters.SigmaSpatial * EngineParameters.SigmaSpatial);
        var cells = CylinderLayout.Cells;
        var sections = CylinderLayout.Sections;
        var hull = new ConvexHull([.. minutiae]);
        var ordered = Enumerable.Range(0, minutiae.Count)
            .OrderBy(i => minutiae[i].Direction).ThenBy(i => minutiae[i].Y).ThenBy(i => minutiae[i].X)
            .ToList();
        var result = new List<Cylinder>();
        foreach (var i in ordered)
        {
            var m = minutiae[i];
            var limit = EngineParameters.CylinderRadius + Reach;
            var neighbours = Enumerable.Range(0, minutiae.Count)
                .Where(t => t != i && Square(minutiae[t].X - m.X) + Square(minutiae[t].Y - m.Y) <= limit * limit)
                .ToList();
            if (neighbours.Count < EngineParameters.MinContributingMinutiae)
            {
                continue;
            }

            var valid = new bool[cells];
            var bits = new bool[cells, sections];
            var (sin, cos) = MathF.SinCos(m.Direction);
            for (var cell = 0; cell < cells; cell++)
            {
                var px = m.X + (cos * CylinderLayout.CellX[cell]) - (sin * CylinderLayout.CellY[cell]);
                var py = m.Y + (sin * CylinderLayout.CellX[cell]) + (cos * CylinderLayout.CellY[cell]);
                valid[cell] = hull.Contains(px, py, EngineParameters.HullMargin);
                if (!valid[cell])
                {
                    continue;
                }

                for (var k = 0; k < sections; k++)
                {
                    var centre = -MathF.PI + ((k + 0.5f) * (TwoPi / CylinderLayout.Sections));
                    var sum = 0f;
                    foreach (var q in neighbours)
                    {
                        var n = minutiae[q];
                        var d2 = Square(n.X - px) + Square(n.Y - py);
                        if (d2 <= Reach * Reach)
                        {
                            var angular = MathF.Abs(centre - (n.Direction - m.Direction)) % TwoPi;
                            angular = angular > MathF.PI ? TwoPi - angular : angular;
                            sum += Gauss * MathF.Exp(-d2 * InverseTwoSigma2) * CylinderLayout.SectionWeight[(int)(angular / MathF.PI * 256)];
                        }
                    }

                    bits[cell, k] = sum > EngineParameters.CellThreshold;
                }
            }

            if (valid.Count(v => v) >= EngineParameters.MinValidCells * cells)
            {
                result.Add(new Cylinder(m.X, m.Y, m.Direction, valid, bits));
            }
        }

        return result;
    }

    private static (double Local, List<(int I, int J, float Weight)> Anchors) Score(List<Cylinder> a, List<Cylinder> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return (0, []);
        }

        // Local similarities of comparable pairs, found row by row, each row in circular direction order.
        var pairs = new List<(int I, int J, float Similarity)>();
        for (var i = 0; i < a.Count; i++)
        {
            var from = a[i].Angle - EngineParameters.MaxDirectionDifference;
            from = from < 0 ? from + TwoPi : from;
            var start = b.FindIndex(c => c.Angle >= from);
            start = start < 0 ? 0 : start;
            for (var step = 0; step < b.Count; step++)
            {
                var j = (start + step) % b.Count;
                var d = MathF.Abs(a[i].Angle - b[j].Angle);
                d = d > MathF.PI ? TwoPi - d : d;
                if (d > EngineParameters.MaxDirectionDifference)
                {
                    break;
                }

                int common = 0, countA = 0, countB = 0, differ = 0;
                for (var cell = 0; cell < CylinderLayout.Cells; cell++)
                {
                    if (!a[i].Valid[cell] || !b[j].Valid[cell])
                    {
                        continue;
                    }

                    common++;
                    for (var k = 0; k < CylinderLayout.Sections; k++)
                    {
                        countA += a[i].Bits[cell, k] ? 1 : 0;
                        countB += b[j].Bits[cell, k] ? 1 : 0;
                        differ += a[i].Bits[cell, k] != b[j].Bits[cell, k] ? 1 : 0;
                    }
                }

                if (common < (int)(EngineParameters.MinMatchableCells * CylinderLayout.Cells) || countA + countB == 0)
                {
                    continue;
                }

                var similarity = 1 - (MathF.Sqrt(differ) / (MathF.Sqrt(countA) + MathF.Sqrt(countB)));
                if (similarity > 0)
                {
                    pairs.Add((i, j, similarity));
                }
            }
        }

        // Greedy one-to-one selection by similarity quantized to 512 levels; OrderBy is stable.
        var usedA = new HashSet<int>();
        var usedB = new HashSet<int>();
        var selected = new List<(int I, int J, float Similarity)>();
        foreach (var pair in pairs.OrderByDescending(p => Math.Min((int)(p.Similarity * 512), 511)))
        {
            if (selected.Count < Math.Min(Math.Min(a.Count, b.Count), EngineParameters.MaxRelaxedPairs) && !usedA.Contains(pair.I) && !usedB.Contains(pair.J))
            {
                usedA.Add(pair.I);
                usedB.Add(pair.J);
                selected.Add(pair);
            }
        }

        if (selected.Count == 0)
        {
            return (0, []);
        }

        // Relaxation.
        var n = selected.Count;
        var rho = new float[n, n];
        for (var t = 0; t < n; t++)
        {
            for (var k = t + 1; k < n; k++)
            {
                var (at, bt) = (a[selected[t].I], b[selected[t].J]);
                var (ak, bk) = (a[selected[k].I], b[selected[k].J]);
                var dd = (int)(MathF.Abs(Distance(at, ak) - Distance(bt, bk)) * RelaxationTables.DistanceSteps);
                var relative = (byte)(CylinderSet.Quantize(ak.Angle - at.Angle) - CylinderSet.Quantize(bk.Angle - bt.Angle));
                var radial = (byte)(Radial(at, ak) - Radial(bt, bk));
                rho[t, k] = rho[k, t] = RelaxationTables.Distance[Math.Min(dd, RelaxationTables.Distance.Length - 1)]
                    * RelaxationTables.Angle[Math.Min((int)relative, 256 - relative)]
                    * RelaxationTables.Angle[Math.Min((int)radial, 256 - radial)];
            }
        }

        var initial = selected.Select(s => s.Similarity).ToArray();
        var lambda = initial.ToArray();
        const float W = EngineParameters.RelaxationWeight;
        var spread = n > 1 ? (1 - W) / (n - 1) : 0;
        for (var iteration = 0; iteration < EngineParameters.RelaxationIterations; iteration++)
        {
            var next = new float[n];
            for (var t = 0; t < n; t++)
            {
                var support = 0f;
                for (var k = 0; k < n; k++)
                {
                    support += rho[t, k] * lambda[k];
                }

                next[t] = (W * lambda[t]) + (spread * support);
            }

            lambda = next;
        }

        var scored = EngineParameters.MinScoredPairs + (int)MathF.Round(
            RelaxationTables.Sigmoid(Math.Min(a.Count, b.Count), EngineParameters.ScoredPairsMu, EngineParameters.ScoredPairsTau)
            * (EngineParameters.MaxScoredPairs - EngineParameters.MinScoredPairs));
        var efficient = Enumerable.Range(0, n)
            .OrderByDescending(t => initial[t] > 0 ? lambda[t] / initial[t] : 0)
            .Take(scored)
            .ToList();
        var best = efficient.Sum(t => (double)lambda[t]);
        return (best / scored, [.. efficient.Take(EngineParameters.AlignmentAnchors).Select(t => (selected[t].I, selected[t].J, lambda[t]))]);
    }

    private static float Square(float value) => value * value;

    private static float Distance(Cylinder from, Cylinder to) => MathF.Sqrt(Square(to.X - from.X) + Square(to.Y - from.Y));

    private static byte Radial(Cylinder from, Cylinder to) => CylinderSet.Quantize(MathF.Atan2(to.Y - from.Y, to.X - from.X) - from.Angle);

    private sealed record Cylinder(float X, float Y, float Angle, bool[] Valid, bool[,] Bits);
}
