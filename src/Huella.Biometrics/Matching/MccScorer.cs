using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Huella.Biometrics.Matching;

/// <summary>
/// Scores two cylinder sets: local similarities of all comparable cylinder pairs (popcount over bit
/// vectors), the best one-to-one pairs, relaxation (LSS-R) that keeps the pairs whose geometry agrees
/// with the others, and the mean relaxed similarity of the most efficient pairs, weighted by how many
/// minutiae of the whole overlap agree with the alignment those pairs imply. Scratch buffers are
/// reused (the large ones per thread, the rest per instance): no allocation per comparison, one
/// instance per thread at a time.
/// </summary>
internal sealed class MccScorer
{
    private const int Buckets = 512;
    private const int MaxCount = EngineParameters.MaxMinutiae;
    private const float TwoPi = 2 * MathF.PI;

    // Room past the last pair for the relaxation's whole vectors.
    private const int Pad = 8;

    // The pairs with positive local similarity, in the order they were found (row by row); a key packs
    // the pair's number among the comparable pairs (where its similarity is) with both cylinder indices,
    // so the greedy pass reads one value per pair (fits an int while MaxMinutiae ≤ 181).
    private int[] _pairKey = [];
    private short[] _pairBucket = [];
    private readonly int[] _bucketStart = new int[Buckets + 1];
    private int[] _sortedPairs = [];
    private ulong[] _candidateValid = [];

    // The comparable pairs, numbered in the order they are found: (i, j) and local similarity (16 bits
    // suffice while MaxMinutiae ≤ 255). B's cylinders by kind, in B's order, and how many of each kind
    // come before every index.
    private ushort[] _gatedCells = [];
    private float[] _gatedSimilarity = [];
    private readonly float[] _bAngles = new float[(2 * MaxCount) + Pad];
    private readonly byte[] _fullList = new byte[MaxCount];
    private readonly byte[] _partialList = new byte[MaxCount];
    private readonly byte[] _fullBefore = new byte[MaxCount + 1];
    private readonly byte[] _partialBefore = new byte[MaxCount + 1];
    private readonly byte[] _usedA = new byte[MaxCount];
    private readonly byte[] _usedB = new byte[MaxCount];

    // The selected one-to-one pairs, with the geometry of both ends gathered side by side.
    private readonly int[] _selectedKey = new int[MaxCount];
    private readonly int[] _selectedA = new int[MaxCount];
    private readonly int[] _selectedB = new int[MaxCount];
    private readonly int[] _probeIndex = new int[MaxCount + Pad];
    private readonly int[] _candidateIndex = new int[MaxCount];
    private readonly float[] _cx = new float[MaxCount + Pad];
    private readonly float[] _cy = new float[MaxCount + Pad];
    private readonly ushort[] _cUnits = new ushort[MaxCount];
    private readonly float[] _cAngle = new float[MaxCount];
    private readonly float[] _lambda = new float[MaxCount];
    private readonly float[] _next = new float[MaxCount];
    private readonly float[] _initial = new float[MaxCount];
    private float[] _rho = [];
    private readonly float[] _probeRow = new float[MaxCount + Pad];
    private readonly int[] _distanceRow = new int[MaxCount + Pad];
    private readonly float[] _efficiency = new float[MaxCount];
    private readonly int[] _top = new int[EngineParameters.MaxScoredPairs];
    private readonly GlobalAgreement _agreement = new();
    private int _lowestBucket;
    private int _highestBucket;

    // The large scratch buffers (up to MaxCount² entries) belong to the thread, not to the scorer: a matcher
    // is prepared per probe, and allocating and clearing them for every probe cost more than a 1:N search
    // of a small gallery spends on it. Score takes the calling thread's set on entry; it never calls out,
    // so no other scorer on the same thread can use them meanwhile.
    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>√k for every possible bit count, so the local similarity needs no square roots.</summary>
    private static readonly float[] SquareRoot = BuildSquareRoots(CylinderLayout.Words * 64);

    /// <summary>
    /// Scores a prepared probe against a candidate. <paramref name="probeFirst"/> says which of the
    /// two plays the first role (pairs are enumerated in its cylinder order, which decides ties):
    /// the caller fixes it by a canonical order so that the score does not depend on who is the probe.
    /// </summary>
    public double Score(PreparedProbe probe, CylinderSet candidate, bool probeFirst)
    {
        var scratch = t_scratch ??= new Scratch();
        (_pairKey, _pairBucket, _sortedPairs) = (scratch.PairKey, scratch.PairBucket, scratch.SortedPairs);
        (_gatedCells, _gatedSimilarity, _rho, _candidateValid) = (scratch.GatedCells, scratch.GatedSimilarity, scratch.Rho, scratch.CandidateValid);
        var na = probeFirst ? probe.Cylinders.Count : candidate.Count;
        var nb = probeFirst ? candidate.Count : probe.Cylinders.Count;
        if (na == 0 || nb == 0)
        {
            return 0;
        }

        var pairs = LocalSimilarities(probe, candidate, probeFirst);
        if (pairs == 0)
        {
            return 0;
        }

        var selected = SelectPairs(na, nb, pairs);
        if (selected == 0)
        {
            return 0;
        }

        Relax(probe, candidate, probeFirst, selected);
        _agreement.Clear();
        var a = probeFirst ? probe.Cylinders : candidate;
        var b = probeFirst ? candidate : probe.Cylinders;

        var scored = EngineParameters.MinScoredPairs + (int)MathF.Round(
            RelaxationTables.Sigmoid(Math.Min(na, nb), EngineParameters.ScoredPairsMu, EngineParameters.ScoredPairsTau)
            * (EngineParameters.MaxScoredPairs - EngineParameters.MinScoredPairs));
        for (var t = 0; t < selected; t++)
        {
            _efficiency[t] = _initial[t] > 0 ? _lambda[t] / _initial[t] : 0;
        }

        // The most efficient pairs, by falling efficiency and rising index on ties, in one pass; the
        // score averages their relaxed similarity.
        var take = Math.Min(scored, selected);
        var top = _top;
        var efficiency = _efficiency;
        var kept = 0;
        for (var t = 0; t < selected; t++)
        {
            var e = efficiency[t];
            if (kept == take && !(e > efficiency[top[kept - 1]]))
            {
                continue;
            }

            var at = kept < take ? kept++ : take - 1;
            while (at > 0 && efficiency[top[at - 1]] < e)
            {
                top[at] = top[at - 1];
                at--;
            }

            top[at] = t;
        }

        double sum = 0;
        for (var s = 0; s < take; s++)
        {
            var best = top[s];
            sum += _lambda[best];
            if (s < EngineParameters.AlignmentAnchors)
            {
                _agreement.AddAnchor(a, b, _selectedA[best], _selectedB[best], _lambda[best]);
            }
        }

        // Fewer pairs than the print size asks for: missing pairs count as zero similarity.
        var local = sum / scored;
        // Scaled so that a perfect local score with full agreement is 1: scores stay in [0, 1]. The square
        // root lets a low local score (a wet or dry print's cylinders) be made up by a whole overlap that
        // pairs up and ridge flow that agrees.
        const double Floor = EngineParameters.AgreementFloor;
        var score = Math.Sqrt(local) * (Floor + _agreement.Score(a, b)) / (1 + Floor);
        if (a.Orientation is not { } flowA || b.Orientation is not { } flowB)
        {
            return score;
        }

        // Squared, so that ridge flow at odds with the alignment (a wrong one, or another finger's
        // pattern) weighs more than small disagreements, which distortion and smudges make.
        var flow = Math.Max(0, flowA.Agreement(flowB, _agreement.Rotation, _agreement.ShiftX, _agreement.ShiftY));
        return score * flow * flow;
    }

    // Zero when neither cylinder has a bit set in the cells they share: such a pair is not recorded.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Similarity(int differ, int countP, int countC, float[] squareRoot) =>
        countP + countC == 0 ? 0 : 1 - (squareRoot[differ] / (squareRoot[countP] + squareRoot[countC]));

    // Similarities lie in (0, 1], so the product is in range and the plain truncating conversion (one
    // instruction, without the saturation fix-ups of a C# cast) gives the same integer.
    private static int Bucket(float similarity)
    {
        var scaled = similarity * Buckets;
        var truncated = Sse.IsSupported ? Sse.ConvertToInt32WithTruncation(Vector128.CreateScalarUnsafe(scaled)) : (int)scaled;
        return Buckets - 1 - Math.Min(truncated, Buckets - 1);
    }

    private static int CommonCells(ReadOnlySpan<ushort> maskA, ReadOnlySpan<ushort> maskB)
    {
        var wa = MemoryMarshal.Cast<ushort, ulong>(maskA);
        var wb = MemoryMarshal.Cast<ushort, ulong>(maskB);
        var common = 0;
        for (var w = 0; w < wa.Length; w++)
        {
            common += BitOperations.PopCount(wa[w] & wb[w]);
        }

        return common;
    }

    private static float[] BuildSquareRoots(int max)
    {
        var table = new float[max + 1];
        for (var k = 0; k <= max; k++)
        {
            table[k] = MathF.Sqrt(k);
        }

        return table;
    }

    private int LocalSimilarities(PreparedProbe prepared, CylinderSet candidate, bool probeFirst)
    {
        var words = CylinderLayout.Words;
        var probe = prepared.Cylinders;
        var a = probeFirst ? probe : candidate;
        var b = probeFirst ? candidate : probe;
        var na = a.Count;
        var nb = b.Count;
        var anglesA = a.Angle;
        var angles = b.Angle;
        var limit = EngineParameters.MaxDirectionDifference;
        var starts = _bucketStart;
        var candidateSlot = candidate.MaskSlot;
        var pairKey = _pairKey;
        var pairBucket = _pairBucket;

        // The candidate keeps compact cell masks; widen those of its partial cylinders once per comparison.
        for (var c = 0; c < candidate.Count; c++)
        {
            if (candidateSlot[c] >= 0)
            {
                var mask = candidate.Mask(c);
                var target = _candidateValid.AsSpan(c * words, words);
                for (var w = 0; w < target.Length; w++)
                {
                    target[w] = CylinderLayout.WidenCells[mask[w]];
                }
            }
        }

        // B's cylinders split by kind (valid everywhere or partial), each list in B's order, with how many
        // of each come before every index: a run of B becomes one run in each list, so every similarity
        // kernel loops over one kind without a branch per pair.
        var bSlot = b.MaskSlot;
        var fullList = _fullList;
        var partialList = _partialList;
        var fullBefore = _fullBefore;
        var partialBefore = _partialBefore;
        int fulls = 0, partials = 0;
        for (var j = 0; j < nb; j++)
        {
            fullBefore[j] = (byte)fulls;
            partialBefore[j] = (byte)partials;
            if (bSlot[j] < 0)
            {
                fullList[fulls++] = (byte)j;
            }
            else
            {
                partialList[partials++] = (byte)j;
            }
        }

        fullBefore[nb] = (byte)fulls;
        partialBefore[nb] = (byte)partials;

        // The comparable pairs are numbered row by row, along each run from its start: that order decides
        // ties later. Each pair's similarity and cells are written at its number, kind by kind.
        // B's directions twice over, so a circular run is one stretch of memory.
        angles.AsSpan(0, nb).CopyTo(_bAngles);
        angles.AsSpan(0, nb).CopyTo(_bAngles.AsSpan(nb));
        var gated = 0;
        var aSlot = a.MaskSlot;
        for (var i = 0; i < na; i++)
        {
            var angleA = anglesA[i];

            // B's cylinders are sorted by direction: the comparable ones form one circular run.
            var from = angleA - limit;
            if (from < 0)
            {
                from += TwoPi;
            }

            var start = SortedSearch.LowerBound(angles.AsSpan(0, nb), from);
            start = start == nb ? 0 : start; // wrap past the end: directions are circular
            var length = RunLength(_bAngles, angleA, start, nb, vectorized: true);
            var partialA = aSlot[i] >= 0;
            var end = Math.Min(start + length, nb);
            Segment(prepared, candidate, probeFirst, partialA, i, start, end, gated - start);
            if (start + length > nb)
            {
                Segment(prepared, candidate, probeFirst, partialA, i, 0, start + length - nb, gated + nb - start);
            }

            gated += length;
        }

        var similarities = _gatedSimilarity;
        ref var cellsAt = ref MemoryMarshal.GetArrayDataReference(_gatedCells);
        int found = 0, lowest = Buckets, highest = -1;
        ref var startsAt = ref MemoryMarshal.GetArrayDataReference(starts);
        ref var keyAt = ref MemoryMarshal.GetArrayDataReference(pairKey);
        ref var bucketAt = ref MemoryMarshal.GetArrayDataReference(pairBucket);
        ref var gatedAt = ref MemoryMarshal.GetArrayDataReference(similarities);
        for (var g = 0; g < gated; g++)
        {
            var similarity = Unsafe.Add(ref gatedAt, g);
            if (similarity > 0)
            {
                // Bucket is within [0, Buckets) and found never passes gated: no bounds to check.
                var bucket = Bucket(similarity);
                Unsafe.Add(ref startsAt, bucket)++;
                lowest = Math.Min(lowest, bucket);
                highest = Math.Max(highest, bucket);
                Unsafe.Add(ref keyAt, found) = (g << 16) | Unsafe.Add(ref cellsAt, g);
                Unsafe.Add(ref bucketAt, found) = (short)bucket;
                found++;
            }
        }

        _lowestBucket = lowest;
        _highestBucket = highest;
        return found;
    }

    /// <summary>
    /// How many of B's directions from <paramref name="start"/> on (circularly) lie within the limit of
    /// A's direction, stopping at the first that does not. <paramref name="doubled"/> holds B's
    /// <paramref name="nb"/> directions twice over and then at least a vector's worth more, so a run is
    /// one stretch of memory. Eight at a time where vectors are fast (and <paramref name="vectorized"/>),
    /// each with the same float operations as the scalar test, so both give the same run.
    /// </summary>
    internal static int RunLength(float[] doubled, float angleA, int start, int nb, bool vectorized)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, nb - 1);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(doubled.Length, (2 * nb) + Vector256<float>.Count);
        const float Limit = EngineParameters.MaxDirectionDifference;
        var length = 0;
        if (vectorized && Vector256.IsHardwareAccelerated)
        {
            var va = Vector256.Create(angleA);
            ref var first = ref MemoryMarshal.GetArrayDataReference(doubled);

            // start < nb and length ≤ nb: every load lies within the 2 × nb directions and the vector after.
            while (true)
            {
                var d = Vector256.Abs(va - Vector256.LoadUnsafe(ref first, (nuint)(start + length)));
                d = Vector256.ConditionalSelect(Vector256.GreaterThan(d, Vector256.Create(MathF.PI)), Vector256.Create(TwoPi) - d, d);
                var stop = Vector256.GreaterThan(d, Vector256.Create(Limit)).ExtractMostSignificantBits();

                // Lanes at or past a whole turn stop the run too.
                var left = nb - length;
                stop |= left >= Vector256<float>.Count ? 0 : 0xFFu << left;
                if ((stop & 0xFF) != 0)
                {
                    return length + BitOperations.TrailingZeroCount(stop);
                }

                length += Vector256<float>.Count;
            }
        }

        for (; length < nb; length++)
        {
            var d = MathF.Abs(angleA - doubled[start + length]);
            if (d > MathF.PI)
            {
                d = TwoPi - d;
            }

            if (d > Limit)
            {
                break;
            }
        }

        return length;
    }

    // The pairs of A's cylinder i with B's cylinders [lo, hi), numbered offset + B's index.
    private void Segment(PreparedProbe prepared, CylinderSet candidate, bool probeFirst, bool partialA, int i, int lo, int hi, int offset)
    {
        var full = _fullList.AsSpan(_fullBefore[lo], _fullBefore[hi] - _fullBefore[lo]);
        var partial = _partialList.AsSpan(_partialBefore[lo], _partialBefore[hi] - _partialBefore[lo]);

        // Kind: bit 0 set when the probe cylinder is partial, bit 1 when the candidate's is.
        var kindFull = partialA ? (probeFirst ? 1 : 2) : 0;
        var kindPartial = partialA ? 3 : (probeFirst ? 2 : 1);
        Kernel(kindFull, prepared, candidate, probeFirst, i, full, offset);
        Kernel(kindPartial, prepared, candidate, probeFirst, i, partial, offset);
    }

    private void Kernel(int kind, PreparedProbe prepared, CylinderSet candidate, bool probeFirst, int i, ReadOnlySpan<byte> others, int offset)
    {
        if (others.IsEmpty)
        {
            return;
        }

        switch (kind)
        {
            case 0:
                BothFull(prepared.Cylinders, candidate, probeFirst, i, others, offset);
                break;
            case 1:
                OnePartial(prepared.Cylinders, prepared.Valid, candidate, partialIsA: probeFirst, i, others, offset);
                break;
            case 2:
                OnePartial(candidate, _candidateValid, prepared.Cylinders, partialIsA: !probeFirst, i, others, offset);
                break;
            default:
                BothPartial(prepared, candidate, probeFirst, i, others, offset);
                break;
        }
    }

    // Both cylinders valid everywhere (the common case inside the print): no masking needed.
    private void BothFull(CylinderSet probe, CylinderSet candidate, bool probeFirst, int i, ReadOnlySpan<byte> others, int offset)
    {
        var words = CylinderLayout.Words;
        var squareRoot = SquareRoot;
        ref var probeBits = ref MemoryMarshal.GetArrayDataReference(probe.Bits);
        ref var candidateBits = ref MemoryMarshal.GetArrayDataReference(candidate.Bits);
        var probeCount = probe.BitCount;
        var candidateCount = candidate.BitCount;
        var similarities = _gatedSimilarity;
        var cells = _gatedCells;
        foreach (var j in others)
        {
            int p = probeFirst ? i : j, c = probeFirst ? j : i;
            var bitsP = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref probeBits, p * words), words);
            var bitsC = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref candidateBits, c * words), words);
            similarities[offset + j] = Similarity(PopCount.Xor(bitsP, bitsC), probeCount[p], candidateCount[c], squareRoot);
            cells[offset + j] = (ushort)((i << 8) | j);
        }
    }

    // One side valid everywhere: the cells in common are the partial side's, and bits are zero outside
    // their own cylinder's valid cells, so the full side's norm needs no mask. partialIsA says whether
    // the partial cylinder is A's i (else B's j).
    private void OnePartial(CylinderSet partial, ulong[] partialValid, CylinderSet full, bool partialIsA, int i, ReadOnlySpan<byte> others, int offset)
    {
        var words = CylinderLayout.Words;
        var minCommon = (int)(EngineParameters.MinMatchableCells * CylinderLayout.Cells);
        var squareRoot = SquareRoot;
        ref var partialBits = ref MemoryMarshal.GetArrayDataReference(partial.Bits);
        ref var fullBits = ref MemoryMarshal.GetArrayDataReference(full.Bits);
        ref var valid = ref MemoryMarshal.GetArrayDataReference(partialValid);
        var partialCount = partial.BitCount;
        var similarities = _gatedSimilarity;
        var cells = _gatedCells;
        foreach (var j in others)
        {
            int q = partialIsA ? i : j, f = partialIsA ? j : i;
            cells[offset + j] = (ushort)((i << 8) | j);
            if (partial.ValidCellCount[q] < minCommon)
            {
                similarities[offset + j] = 0;
                continue;
            }

            var bitsQ = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref partialBits, q * words), words);
            var bitsF = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref fullBits, f * words), words);
            var validQ = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref valid, q * words), words);
            PopCount.Masked(bitsQ, bitsF, validQ, out var countF, out var differ);

            // The norms are added, so which side is named first does not change the float result.
            similarities[offset + j] = Similarity(differ, partialCount[q], countF, squareRoot);
        }
    }

    private void BothPartial(PreparedProbe prepared, CylinderSet candidate, bool probeFirst, int i, ReadOnlySpan<byte> others, int offset)
    {
        var probe = prepared.Cylinders;
        var words = CylinderLayout.Words;
        var minCommon = (int)(EngineParameters.MinMatchableCells * CylinderLayout.Cells);
        var squareRoot = SquareRoot;
        ref var probeBits = ref MemoryMarshal.GetArrayDataReference(probe.Bits);
        ref var candidateBits = ref MemoryMarshal.GetArrayDataReference(candidate.Bits);
        ref var probeValid = ref MemoryMarshal.GetArrayDataReference(prepared.Valid);
        ref var candidateValid = ref MemoryMarshal.GetArrayDataReference(_candidateValid);
        var similarities = _gatedSimilarity;
        var cells = _gatedCells;
        foreach (var j in others)
        {
            int p = probeFirst ? i : j, c = probeFirst ? j : i;
            cells[offset + j] = (ushort)((i << 8) | j);
            if (CommonCells(probe.Mask(p), candidate.Mask(c)) < minCommon)
            {
                similarities[offset + j] = 0;
                continue;
            }

            var bitsP = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref probeBits, p * words), words);
            var bitsC = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref candidateBits, c * words), words);
            var validP = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref probeValid, p * words), words);
            var validC = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref candidateValid, c * words), words);
            PopCount.MaskedBoth(bitsP, bitsC, validP, validC, out var countP, out var countC, out var differ);
            similarities[offset + j] = Similarity(differ, countP, countC, squareRoot);
        }
    }

    // Greedy one-to-one assignment in order of falling similarity, via a counting sort on quantized similarity.
    private int SelectPairs(int na, int nb, int found)
    {
        // Only the buckets between the lowest and highest used hold counts; the rest stay zero.
        var starts = _bucketStart.AsSpan(_lowestBucket, _highestBucket - _lowestBucket + 1);
        var running = 0;
        foreach (ref var start in starts)
        {
            var count = start;
            start = running;
            running += count;
        }

        // Pairs were found row by row, so equal buckets keep (i, j) order: deterministic. Buckets lie within
        // [0, Buckets) and the starts of the found pairs stay below found: no bounds to check.
        ref var startAt = ref MemoryMarshal.GetArrayDataReference(_bucketStart);
        ref var bucketAt = ref MemoryMarshal.GetArrayDataReference(_pairBucket);
        ref var keyAt = ref MemoryMarshal.GetArrayDataReference(_pairKey);
        ref var sortedAt = ref MemoryMarshal.GetArrayDataReference(_sortedPairs);
        for (var p = 0; p < found; p++)
        {
            ref var start = ref Unsafe.Add(ref startAt, Unsafe.Add(ref bucketAt, p));
            Unsafe.Add(ref sortedAt, start++) = Unsafe.Add(ref keyAt, p);
        }

        Array.Clear(_usedA, 0, na);
        Array.Clear(_usedB, 0, nb);
        var wanted = Math.Min(Math.Min(na, nb), EngineParameters.MaxRelaxedPairs);
        var selected = 0;

        // Branch-free: whether a pair is taken depends on all the pairs before it, which the branch
        // predictor cannot follow. Every pair's key is written at the next free slot, which only advances
        // (and marks both ends used) when the pair is taken. Indices are bytes of the key, so within
        // bounds; the slots stay below wanted.
        ref var usedA = ref MemoryMarshal.GetArrayDataReference(_usedA);
        ref var usedB = ref MemoryMarshal.GetArrayDataReference(_usedB);
        ref var sorted = ref MemoryMarshal.GetArrayDataReference(_sortedPairs);
        ref var selectedKey = ref MemoryMarshal.GetArrayDataReference(_selectedKey);
        for (var s = 0; s < found && selected < wanted; s++)
        {
            var key = Unsafe.Add(ref sorted, s);
            ref var a = ref Unsafe.Add(ref usedA, (key >> 8) & 255);
            ref var b = ref Unsafe.Add(ref usedB, key & 255);
            var free = (a | b) ^ 1;
            Unsafe.Add(ref selectedKey, selected) = key;
            a |= (byte)free;
            b |= (byte)free;
            selected += free;
        }

        // Only the selected pairs are unpacked.
        for (var t = 0; t < selected; t++)
        {
            var key = _selectedKey[t];
            _selectedA[t] = (key >> 8) & 255;
            _selectedB[t] = key & 255;
            _initial[t] = _gatedSimilarity[key >> 16];
            _lambda[t] = _initial[t];
        }

        // Ready for the next comparison: zero again the buckets this one used.
        starts.Clear();
        return selected;
    }

    private void Relax(PreparedProbe prepared, CylinderSet candidate, bool probeFirst, int n)
    {
        var probe = prepared.Cylinders;
        var np = probe.Count;
        var nc = candidate.Count;
        var probeIndex = _probeIndex;
        var candidateIndex = _candidateIndex;
        var cxs = _cx;
        var cys = _cy;
        var cUnits = _cUnits;
        var cAngles = _cAngle;
        for (var t = 0; t < n; t++)
        {
            var p = probeFirst ? _selectedA[t] : _selectedB[t];
            var c = probeFirst ? _selectedB[t] : _selectedA[t];
            probeIndex[t] = p;
            candidateIndex[t] = c;
            cxs[t] = candidate.X[c];
            cys[t] = candidate.Y[c];
            cUnits[t] = candidate.AngleUnits[c];
            cAngles[t] = candidate.Angle[c];
        }

        // Padding up to whole vectors: index 0 keeps the probe lookups inside its table.
        var padded = (n + Vector256<float>.Count - 1) & ~(Vector256<float>.Count - 1);
        for (var t = n; t < padded; t++)
        {
            probeIndex[t] = 0;
            cxs[t] = 0;
            cys[t] = 0;
        }

        // Hot loop: indices come from the cylinder sets themselves, so the tables are read without bounds checks.
        ref var probeDistance = ref MemoryMarshal.GetArrayDataReference(prepared.Distance);
        ref var probeRelative = ref MemoryMarshal.GetArrayDataReference(prepared.Relative);
        ref var radialP = ref MemoryMarshal.GetArrayDataReference(probe.RadialAngle);
        ref var radialC = ref MemoryMarshal.GetArrayDataReference(candidate.RadialAngle);
        ref var distance = ref MemoryMarshal.GetArrayDataReference(RelaxationTables.Distance);
        ref var angle = ref MemoryMarshal.GetArrayDataReference(RelaxationTables.AngleFactor);
        ref var rho = ref MemoryMarshal.GetArrayDataReference(_rho);
        ref var probeRow = ref MemoryMarshal.GetArrayDataReference(_probeRow);
        ref var distanceRow = ref MemoryMarshal.GetArrayDataReference(_distanceRow);
        ref var pIndex = ref MemoryMarshal.GetArrayDataReference(probeIndex);
        ref var cIndex = ref MemoryMarshal.GetArrayDataReference(candidateIndex);
        ref var cx = ref MemoryMarshal.GetArrayDataReference(cxs);
        ref var cy = ref MemoryMarshal.GetArrayDataReference(cys);
        ref var units = ref MemoryMarshal.GetArrayDataReference(cUnits);
        ref var angles = ref MemoryMarshal.GetArrayDataReference(cAngles);

        // ρ compares the geometry of pair t→k on both sides; the angular distance table is symmetric,
        // so which side is subtracted from which does not matter.
        for (var t = 0; t < n; t++)
        {
            Unsafe.Add(ref rho, (t * n) + t) = 0;
            var rowP = Unsafe.Add(ref pIndex, t) * np;
            var rowC = Unsafe.Add(ref cIndex, t) * nc;
            float cxt = Unsafe.Add(ref cx, t), cyt = Unsafe.Add(ref cy, t), cAngleT = Unsafe.Add(ref angles, t);
            var cUnitsT = Unsafe.Add(ref units, t);

            // The distance steps of the row first, in whole vectors from the one holding t + 1 to the padding
            // (no scalar tail: the steps outside (t, n) are computed but not read), then the lookups.
            var from = (t + 1) & ~(Vector256<float>.Count - 1);
            for (var k = from; k < padded; k++)
            {
                Unsafe.Add(ref probeRow, k) = Unsafe.Add(ref probeDistance, rowP + Unsafe.Add(ref pIndex, k));
            }

            DistanceSteps.Row(ref cx, ref cy, ref probeRow, cxt, cyt, from, padded, ref distanceRow, vectorized: true);
            for (var k = t + 1; k < n; k++)
            {
                var atP = rowP + Unsafe.Add(ref pIndex, k);
                var atC = rowC + Unsafe.Add(ref cIndex, k);
                var relative = (byte)(Unsafe.Add(ref probeRelative, atP) - CylinderSet.RelativeSteps(cUnitsT, Unsafe.Add(ref units, k), cAngleT, Unsafe.Add(ref angles, k)));
                var radial = (byte)(Unsafe.Add(ref radialP, atP) - Unsafe.Add(ref radialC, atC));
                var value = Unsafe.Add(ref distance, Unsafe.Add(ref distanceRow, k))
                    * Unsafe.Add(ref angle, relative)
                    * Unsafe.Add(ref angle, radial);
                Unsafe.Add(ref rho, (t * n) + k) = value;
                Unsafe.Add(ref rho, (k * n) + t) = value;
            }
        }

        var rhoArray = _rho;
        const float W = EngineParameters.RelaxationWeight;
        var spread = n > 1 ? (1 - W) / (n - 1) : 0;
        var lambda = _lambda.AsSpan(0, n);
        var next = _next.AsSpan(0, n);
        for (var iteration = 0; iteration < EngineParameters.RelaxationIterations; iteration++)
        {
            // Two rows at a time, for independent chains of additions; each row sums as the one-row Dot does.
            var t = 0;
            for (; t + 1 < n; t += 2)
            {
                var (first, second) = VectorMath.Dot(rhoArray.AsSpan(t * n, n), rhoArray.AsSpan((t + 1) * n, n), lambda);
                next[t] = (W * lambda[t]) + (spread * first);
                next[t + 1] = (W * lambda[t + 1]) + (spread * second);
            }

            if (t < n)
            {
                next[t] = (W * lambda[t]) + (spread * VectorMath.Dot(rhoArray.AsSpan(t * n, n), lambda));
            }

            next.CopyTo(lambda);
        }
    }

    private sealed class Scratch
    {
        public int[] PairKey { get; } = new int[MaxCount * MaxCount];

        public short[] PairBucket { get; } = new short[MaxCount * MaxCount];

        public int[] SortedPairs { get; } = new int[MaxCount * MaxCount];

        public ushort[] GatedCells { get; } = new ushort[MaxCount * MaxCount];

        public float[] GatedSimilarity { get; } = new float[MaxCount * MaxCount];

        public float[] Rho { get; } = new float[MaxCount * MaxCount];

        public ulong[] CandidateValid { get; } = new ulong[MaxCount * CylinderLayout.Words];
    }
}
