using System.Numerics;

namespace Huella.Biometrics.Matching;

/// <summary>
/// Scores two cylinder sets: local similarities of all comparable cylinder pairs (popcount over bit
/// vectors), the best one-to-one pairs, relaxation (LSS-R) that keeps the pairs whose geometry agrees
/// with the others, and the mean relaxed similarity of the most efficient pairs, weighted by how many
/// minutiae of the whole overlap agree with the alignment those pairs imply. Scratch buffers are
/// owned by the instance and reused: no allocation per comparison, one instance per thread.
/// </summary>
internal sealed class MccScorer
{
    private const int Buckets = 512;
    private const int MaxCount = EngineParameters.MaxMinutiae;

    private readonly float[] _gamma = new float[MaxCount * MaxCount];
    private readonly int[] _bucketStart = new int[Buckets + 1];
    private readonly int[] _sortedPairs = new int[MaxCount * MaxCount];
    private readonly int[] _candidates = new int[MaxCount * MaxCount];
    private readonly bool[] _usedA = new bool[MaxCount];
    private readonly bool[] _usedB = new bool[MaxCount];
    private readonly int[] _pairA = new int[MaxCount];
    private readonly int[] _pairB = new int[MaxCount];
    private readonly float[] _lambda = new float[MaxCount];
    private readonly float[] _next = new float[MaxCount];
    private readonly float[] _initial = new float[MaxCount];
    private readonly float[] _rho = new float[MaxCount * MaxCount];
    private readonly float[] _efficiency = new float[MaxCount];
    private readonly GlobalAgreement _agreement = new();

    public double Score(CylinderSet a, CylinderSet b)
    {
        var na = a.Count;
        var nb = b.Count;
        if (na == 0 || nb == 0)
        {
            return 0;
        }

        var pairs = LocalSimilarities(a, b);
        if (pairs == 0)
        {
            return 0;
        }

        var selected = SelectPairs(na, nb, pairs);
        if (selected == 0)
        {
            return 0;
        }

        Relax(a, b, selected);
        _agreement.Clear();

        var scored = EngineParameters.MinScoredPairs + (int)MathF.Round(
            RelaxationTables.Sigmoid(Math.Min(na, nb), EngineParameters.ScoredPairsMu, EngineParameters.ScoredPairsTau)
            * (EngineParameters.MaxScoredPairs - EngineParameters.MinScoredPairs));
        for (var t = 0; t < selected; t++)
        {
            _efficiency[t] = _initial[t] > 0 ? _lambda[t] / _initial[t] : 0;
        }

        // Partial selection of the most efficient pairs; the score averages their relaxed similarity.
        var take = Math.Min(scored, selected);
        double sum = 0;
        for (var s = 0; s < take; s++)
        {
            var best = -1;
            for (var t = 0; t < selected; t++)
            {
                if (_efficiency[t] >= 0 && (best < 0 || _efficiency[t] > _efficiency[best]))
                {
                    best = t;
                }
            }

            sum += _lambda[best];
            _efficiency[best] = -1;
            if (s < EngineParameters.AlignmentAnchors)
            {
                _agreement.AddAnchor(a, b, _pairA[best], _pairB[best], _lambda[best]);
            }
        }

        // Fewer pairs than the print size asks for: missing pairs count as zero similarity.
        var local = sum / scored;
        // Scaled so that a perfect local score with full agreement is 1: scores stay in [0, 1].
        const double Floor = EngineParameters.AgreementFloor;
        return local * (Floor + _agreement.Score(a, b)) / (1 + Floor);
    }

    private int LocalSimilarities(CylinderSet a, CylinderSet b)
    {
        var words = CylinderLayout.Words;
        var cellWords = CylinderLayout.CellWords;
        var cells = CylinderLayout.Cells;
        var minCommon = (int)(EngineParameters.MinMatchableCells * cells);
        var na = a.Count;
        var nb = b.Count;
        var gamma = _gamma;
        var angles = b.Angle;
        var limit = EngineParameters.MaxDirectionDifference;
        var nonZero = 0;
        gamma.AsSpan(0, na * nb).Clear();
        for (var i = 0; i < na; i++)
        {
            var angleA = a.Angle[i];
            var bitsA = a.Bits.AsSpan(i * words, words);
            var validA = a.Valid.AsSpan(i * words, words);
            var cellsA = a.ValidCells.AsSpan(i * cellWords, cellWords);
            var row = gamma.AsSpan(i * nb, nb);
            var fullA = a.ValidCellCount[i] == cells;

            // B's cylinders are sorted by direction: the comparable ones form one circular run.
            var from = angleA - limit;
            if (from < 0)
            {
                from += 2 * MathF.PI;
            }

            var start = LowerBound(angles, from);
            for (var step = 0; step < nb; step++)
            {
                var j = start + step;
                if (j >= nb)
                {
                    j -= nb;
                }

                var d = MathF.Abs(angleA - angles[j]);
                if (d > MathF.PI)
                {
                    d = (2 * MathF.PI) - d;
                }

                if (d > limit)
                {
                    break;
                }

                var fullB = b.ValidCellCount[j] == cells;
                if (!fullA || !fullB)
                {
                    var cellsB = b.ValidCells.AsSpan(j * cellWords, cellWords);
                    var common = 0;
                    for (var w = 0; w < cellsA.Length; w++)
                    {
                        common += BitOperations.PopCount(cellsA[w] & cellsB[w]);
                    }

                    if (common < minCommon)
                    {
                        continue;
                    }
                }

                var bitsB = b.Bits.AsSpan(j * words, words);
                int countA, countB, differ = 0;
                if (fullA && fullB)
                {
                    // Both cylinders valid everywhere (the common case inside the print): no masking needed.
                    countA = a.BitCount[i];
                    countB = b.BitCount[j];
                    for (var w = 0; w < bitsA.Length; w++)
                    {
                        differ += BitOperations.PopCount(bitsA[w] ^ bitsB[w]);
                    }
                }
                else
                {
                    var validB = b.Valid.AsSpan(j * words, words);
                    countA = 0;
                    countB = 0;
                    for (var w = 0; w < bitsA.Length; w++)
                    {
                        var x = bitsA[w] & validB[w];
                        var y = bitsB[w] & validA[w];
                        countA += BitOperations.PopCount(x);
                        countB += BitOperations.PopCount(y);
                        differ += BitOperations.PopCount(x ^ y);
                    }
                }

                if (countA + countB == 0)
                {
                    continue;
                }

                var similarity = 1 - (MathF.Sqrt(differ) / (MathF.Sqrt(countA) + MathF.Sqrt(countB)));
                if (similarity > 0)
                {
                    row[j] = similarity;
                    _candidates[nonZero++] = (i * nb) + j;
                }
            }
        }

        return nonZero;
    }

    // Greedy one-to-one assignment in order of falling similarity, via a counting sort on quantized similarity.
    private int SelectPairs(int na, int nb, int nonZero)
    {
        var starts = _bucketStart;
        Array.Clear(starts);
        var candidates = _candidates.AsSpan(0, nonZero);
        foreach (var p in candidates)
        {
            starts[Bucket(_gamma[p])]++;
        }

        var running = 0;
        for (var k = 0; k <= Buckets; k++)
        {
            var count = k < Buckets ? starts[k] : 0;
            starts[k] = running;
            running += count;
        }

        // Candidates were found row by row, so equal buckets keep (i, j) order: deterministic.
        foreach (var p in candidates)
        {
            _sortedPairs[starts[Bucket(_gamma[p])]++] = p;
        }

        Array.Clear(_usedA, 0, na);
        Array.Clear(_usedB, 0, nb);
        var wanted = Math.Min(na, nb);
        var selected = 0;
        for (var s = 0; s < nonZero && selected < wanted; s++)
        {
            var p = _sortedPairs[s];
            var i = p / nb;
            var j = p - (i * nb);
            if (_usedA[i] || _usedB[j])
            {
                continue;
            }

            _usedA[i] = true;
            _usedB[j] = true;
            _pairA[selected] = i;
            _pairB[selected] = j;
            _initial[selected] = _gamma[p];
            _lambda[selected] = _gamma[p];
            selected++;
        }

        return selected;
    }

    private void Relax(CylinderSet a, CylinderSet b, int n)
    {
        var na = a.Count;
        var nb = b.Count;
        var rho = _rho;
        var distance = RelaxationTables.Distance;
        var angle = RelaxationTables.Angle;
        var angleDistance = RelaxationTables.AngleDistance;
        for (var t = 0; t < n; t++)
        {
            rho[(t * n) + t] = 0;
            var rowA = _pairA[t] * na;
            var rowB = _pairB[t] * nb;
            for (var k = t + 1; k < n; k++)
            {
                var ia = rowA + _pairA[k];
                var ib = rowB + _pairB[k];
                var dd = (int)(MathF.Abs(a.Distance[ia] - b.Distance[ib]) * RelaxationTables.DistanceSteps);
                var value = distance[Math.Min(dd, distance.Length - 1)]
                    * angle[angleDistance[(byte)(a.RelativeAngle[ia] - b.RelativeAngle[ib])]]
                    * angle[angleDistance[(byte)(a.RadialAngle[ia] - b.RadialAngle[ib])]];
                rho[(t * n) + k] = value;
                rho[(k * n) + t] = value;
            }
        }

        const float W = EngineParameters.RelaxationWeight;
        var spread = n > 1 ? (1 - W) / (n - 1) : 0;
        var lambda = _lambda.AsSpan(0, n);
        var next = _next.AsSpan(0, n);
        for (var iteration = 0; iteration < EngineParameters.RelaxationIterations; iteration++)
        {
            for (var t = 0; t < n; t++)
            {
                var support = Dot(rho.AsSpan(t * n, n), lambda);

                next[t] = (W * lambda[t]) + (spread * support);
            }

            next.CopyTo(lambda);
        }
    }

    private static int Bucket(float similarity) => Buckets - 1 - Math.Min((int)(similarity * Buckets), Buckets - 1);

    // First index whose value is ≥ target in a sorted array, wrapping to 0 past the end.
    private static int LowerBound(float[] sorted, float target)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo == sorted.Length ? 0 : lo;
    }

    private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var acc = Vector<float>.Zero;
        var k = 0;
        for (; k <= x.Length - Vector<float>.Count; k += Vector<float>.Count)
        {
            acc += new Vector<float>(x[k..]) * new Vector<float>(y[k..]);
        }

        var sum = Vector.Sum(acc);
        for (; k < x.Length; k++)
        {
            sum += x[k] * y[k];
        }

        return sum;
    }
}
