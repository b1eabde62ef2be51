using System.Buffers;
using System.Diagnostics;
using Huella.Biometrics;

namespace Huella.Identity.Gallery;

/// <summary>
/// One share of the gallery: per finger slot its owner, position and template, and an inverted
/// file from pair key (<see cref="PairKeys"/>) to the slots holding that pair, each entry
/// <c>slot &lt;&lt; 8 | line angle</c>. Removed slots are reused, so entries never need renumbering.
/// </summary>
/// <summary>A finger on its way into the index: prepared for matching, serialised (<see cref="FingerprintTemplate.ToBytes"/>), or both.</summary>
internal readonly record struct GalleryFinger(FingerPosition Position, FingerprintTemplate? Prepared, byte[]? Serialized);

/// <summary>Fingers ready to go into a partition (see <see cref="GalleryPartition.Stage"/>).</summary>
internal sealed record StagedFingers(FingerPosition[] Positions, FingerprintTemplate?[] Prepared, byte[]?[] Serialized, List<uint>[] Entries);

/// <summary>How one search cuts each partition's work: shortlist share and cap per probe finger, fingers sent on to the full matcher.</summary>
internal sealed record SearchPlan(bool Prefilter, double ShortlistShare, int MaxShortlist, int MatchCandidates, double MinScore, IReadOnlySet<PersonId>? RestrictTo, SearchTrace? Trace);

internal sealed class GalleryPartition : IDisposable
{
    private const int MaxSlots = 1 << 24;
    private readonly ReaderWriterLockSlim _lock = new();
    private readonly uint[]?[] _postings = new uint[IndexShape.Keys][];
    private readonly int[] _postingCounts = new int[IndexShape.Keys];
    private readonly Dictionary<PersonId, List<int>> _slotsOf = [];
    private readonly Stack<int> _free = new();
    private PersonId[] _owners = new PersonId[64];
    private FingerPosition[] _positions = new FingerPosition[64];
    private FingerprintTemplate?[] _prepared = new FingerprintTemplate?[64];
    private byte[]?[] _serialized = new byte[]?[64];
    private float[] _norms = new float[64];
    private bool[] _used = new bool[64];
    private int _slots;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Everything an insert needs, computed before any lock is taken (pair entries, and whichever
    /// template form the index keeps) so searches and other inserts keep running meanwhile.
    /// </summary>
    public static StagedFingers Stage(IReadOnlyList<GalleryFinger> fingers, bool keepPrepared)
    {
        var entries = new List<uint>[fingers.Count];
        var prepared = new FingerprintTemplate?[fingers.Count];
        var serialized = new byte[]?[fingers.Count];
        for (var f = 0; f < fingers.Count; f++)
        {
            var finger = fingers[f];
            prepared[f] = keepPrepared ? finger.Prepared ?? FingerprintTemplate.Parse(finger.Serialized) : null;
            serialized[f] = keepPrepared ? null : finger.Serialized ?? finger.Prepared!.ToBytes();
            var minutiae = finger.Prepared?.Minutiae ?? TemplateMinutiae.Read(finger.Serialized);
            PairKeys.Compute(minutiae, widen: false, entries[f] = []);
        }

        return new StagedFingers([.. fingers.Select(f => f.Position)], prepared, serialized, entries);
    }

    public void Add(PersonId owner, StagedFingers staged)
    {
        var (positions, prepared, serialized, entries) = staged;

        _lock.EnterWriteLock();
        try
        {
            var slots = new List<int>(positions.Length);
            for (var f = 0; f < positions.Length; f++)
            {
                var slot = _free.Count > 0 ? _free.Pop() : NewSlot();
                _owners[slot] = owner;
                _positions[slot] = positions[f];
                _prepared[slot] = prepared[f];
                _serialized[slot] = serialized[f];
                _norms[slot] = entries[f].Count == 0 ? 0 : 1 / MathF.Sqrt(entries[f].Count);
                _used[slot] = true;
                foreach (var entry in entries[f])
                {
                    Append(PairKeys.Key(entry), ((uint)slot << 8) | PairKeys.Angle(entry));
                }

                slots.Add(slot);
            }

            _slotsOf[owner] = slots;
            Volatile.Write(ref _count, _count + positions.Length);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void Remove(PersonId owner)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_slotsOf.Remove(owner, out var slots))
            {
                return;
            }

            var entries = new List<uint>();
            foreach (var slot in slots)
            {
                entries.Clear();
                PairKeys.Compute(_prepared[slot]?.Minutiae ?? TemplateMinutiae.Read(_serialized[slot]), widen: false, entries);
                foreach (var entry in entries)
                {
                    RemoveEntry(PairKeys.Key(entry), ((uint)slot << 8) | PairKeys.Angle(entry));
                }

                _used[slot] = false;
                _prepared[slot] = null;
                _serialized[slot] = null;
                _owners[slot] = default;
                _free.Push(slot);
            }

            Volatile.Write(ref _count, _count - slots.Count);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>Gives back the spare capacity of the inverted file (after a bulk load).</summary>
    public void TrimExcess()
    {
        _lock.EnterWriteLock();
        try
        {
            for (var k = 0; k < _postings.Length; k++)
            {
                if (_postings[k] is { } list && list.Length != _postingCounts[k])
                {
                    Array.Resize(ref _postings[k], _postingCounts[k]);
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public void CollectInto(Dictionary<PersonId, List<FingerPosition>> all)
    {
        _lock.EnterReadLock();
        try
        {
            foreach (var (owner, slots) in _slotsOf)
            {
                all[owner] = [.. slots.Select(s => _positions[s])];
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public List<GalleryHit> Search(IReadOnlyList<ProbeFinger> probes, List<uint>[] probeEntries, SearchPlan plan)
    {
        var best = new Dictionary<PersonId, double[]>();
        var comparisons = new Dictionary<PersonId, int>();
        var trace = plan.Trace;
        _lock.EnterReadLock();
        try
        {
            for (var f = 0; f < probes.Count; f++)
            {
                var probe = probes[f];
                var started = Stopwatch.GetTimestamp();
                List<int> candidates;
                if (plan.Prefilter && plan.RestrictTo is null)
                {
                    var mate = MateSlot(trace?.Follow, probe.Position);
                    var follow = mate >= 0 ? new MateFollow(mate) : null;
                    var (slots, rotations, voteScores) = Shortlist(probe.Position, probeEntries[f], plan.ShortlistShare, plan.MaxShortlist, follow);
                    var voted = Stopwatch.GetTimestamp();
                    trace?.AddPrefilter(voted - started, slots.Count);
                    candidates = slots.Count > plan.MatchCandidates ? Aligned(probe.Template, slots, rotations, voteScores, plan.MatchCandidates, follow) : slots;
                    if (candidates != slots)
                    {
                        trace?.AddAlign(Stopwatch.GetTimestamp() - voted, slots.Count);
                    }

                    if (follow is not null)
                    {
                        trace!.AddMate(follow.Result(slots.Count, candidates.Count, (int)MathF.Round(1 / (_norms[mate] * _norms[mate]))));
                    }
                }
                else
                {
                    candidates = Eligible(probe.Position, plan.RestrictTo);
                }

                var matching = Stopwatch.GetTimestamp();
                var matcher = new FingerprintMatcher(probe.Template);
                foreach (var slot in candidates)
                {
                    var owner = _owners[slot];
                    var score = matcher.Match(Template(slot));
                    if (!best.TryGetValue(owner, out var scores))
                    {
                        best[owner] = scores = new double[probes.Count];
                    }

                    scores[f] = Math.Max(scores[f], score);
                    comparisons[owner] = comparisons.GetValueOrDefault(owner) + 1;
                }

                trace?.AddMatch(Stopwatch.GetTimestamp() - matching, candidates.Count);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        var hits = new List<GalleryHit>();
        foreach (var (owner, scores) in best)
        {
            var max = scores.Max();
            if (max >= plan.MinScore)
            {
                hits.Add(new GalleryHit(owner, max, scores.Sum(), comparisons[owner]));
            }
        }

        return hits;
    }

    public void Dispose() => _lock.Dispose();

    private FingerprintTemplate Template(int slot) => _prepared[slot] ?? FingerprintTemplate.Parse(_serialized[slot]);

    /// <summary>
    /// The <paramref name="keep"/> shortlisted slots that go to the full matcher: the best
    /// <see cref="IndexShape.VoteReserve"/>th of them by votes whatever their alignment (the rigid
    /// check can misjudge a strongly voted mate), the rest by how well they align with the probe
    /// (see <see cref="AlignmentCheck"/>).
    /// </summary>
    private List<int> Aligned(FingerprintTemplate probe, List<int> slots, byte[] rotations, float[] voteScores, int keep, MateFollow? follow)
    {
        var check = new AlignmentCheck(probe.Minutiae);
        var scores = new float[slots.Count];
        var order = new int[slots.Count];
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var rotation = (rotations[i] << IndexShape.RotationShift) + (1 << IndexShape.RotationShift);
            scores[i] = -(_prepared[slot] is { } prepared ? check.Score(prepared.Minutiae, rotation) : check.Score(_serialized[slot]!, rotation));
            order[i] = i;
        }

        var byVotes = new int[slots.Count];
        var negatedVotes = new float[slots.Count];
        for (var i = 0; i < slots.Count; i++)
        {
            byVotes[i] = i;
            negatedVotes[i] = -voteScores[i];
        }

        Array.Sort(negatedVotes, byVotes);
        var reserved = keep / IndexShape.VoteReserve;
        var taken = new bool[slots.Count];
        var result = new List<int>(keep);
        for (var r = 0; r < reserved; r++)
        {
            taken[byVotes[r]] = true;
            result.Add(slots[byVotes[r]]);
        }

        var followed = follow is null ? -1 : slots.IndexOf(follow.Slot);
        if (follow is not null)
        {
            follow.AlignScore = followed < 0 ? 0 : -scores[followed];
        }

        Array.Sort(scores, order);
        for (var i = 0; i < order.Length && result.Count < keep; i++)
        {
            if (!taken[order[i]])
            {
                result.Add(slots[order[i]]);
            }
        }

        if (follow is not null)
        {
            follow.AlignRank = followed < 0 ? -1 : Array.IndexOf(order, followed);
        }

        return result;
    }

    private List<int> Eligible(FingerPosition? position, IReadOnlySet<PersonId>? restrictTo)
    {
        var eligible = new List<int>();
        for (var slot = 0; slot < _slots; slot++)
        {
            if (_used[slot] && (position is null || _positions[slot] == position) && (restrictTo is null || restrictTo.Contains(_owners[slot])))
            {
                eligible.Add(slot);
            }
        }

        return eligible;
    }

    /// <summary>The followed person's slot for this probe finger in this partition, or -1.</summary>
    private int MateSlot(PersonId? person, FingerPosition? position)
    {
        if (person is not { } p || !_slotsOf.TryGetValue(p, out var slots))
        {
            return -1;
        }

        foreach (var slot in slots)
        {
            if (position is null || _positions[slot] == position)
            {
                return slot;
            }
        }

        return -1;
    }

    /// <summary>
    /// The slots with the most rotation-consistent pair votes. Every probe pair entry found in a
    /// gallery finger votes for the rotation between the two line angles, weighted by how rare
    /// its key is (<see cref="RotationVotes.Weight"/>); a finger's score is its best pair of
    /// adjacent rotation bins above chance, scaled by 1/√(its pairs) so that fingers with many
    /// minutiae do not win by size alone.
    /// </summary>
    private (List<int> Slots, byte[] Rotations, float[] Scores) Shortlist(FingerPosition? position, List<uint> probeEntries, double shortlistShare, int maxShortlist, MateFollow? follow)
    {
        const int Bins = IndexShape.RotationBins;
        var slots = _slots;
        var votes = ArrayPool<ushort>.Shared.Rent((slots * Bins) + RotationVotes.Padding);
        var scores = ArrayPool<float>.Shared.Rent(Math.Max(1, slots));
        try
        {
            Array.Clear(votes, 0, (slots * Bins) + RotationVotes.Padding);
            var fingers = Math.Max(2, _count);
            foreach (var probeEntry in probeEntries)
            {
                var key = PairKeys.Key(probeEntry);
                if (_postings[key] is not { } list)
                {
                    continue;
                }

                var angle = PairKeys.Angle(probeEntry);
                var count = _postingCounts[key];
                var weight = RotationVotes.Weight(count, fingers);
                for (var q = 0; q < count; q++)
                {
                    var entry = list[q];
                    var rotation = (byte)(angle - (byte)entry) >> IndexShape.RotationShift;
                    ref var vote = ref votes[((int)(entry >> 8) * Bins) + rotation];
                    vote = (ushort)Math.Min(vote + weight, RotationVotes.MaxVotes);
                }
            }

            var eligible = 0;
            var max = 0f;
            for (var slot = 0; slot < slots; slot++)
            {
                if (!_used[slot] || (position is not null && _positions[slot] != position))
                {
                    scores[slot] = -1;
                    continue;
                }

                eligible++;
                scores[slot] = RotationVotes.Peak(votes.AsSpan(slot * Bins, Bins + RotationVotes.Padding)) * _norms[slot];
                max = Math.Max(max, scores[slot]);
            }

            if (follow is not null)
            {
                var mateScore = scores[follow.Slot];
                var above = 0;
                for (var slot = 0; slot < slots; slot++)
                {
                    above += scores[slot] > mateScore ? 1 : 0;
                }

                follow.VoteRank = above;
                follow.Eligible = eligible;
                follow.PeakVotes = RotationVotes.Best(votes.AsSpan(follow.Slot * Bins, Bins + RotationVotes.Padding), out var total);
                follow.TotalVotes = total;
            }

            var keep = (int)Math.Min(maxShortlist, Math.Ceiling(shortlistShare * eligible));
            var shortlist = Top(scores.AsSpan(0, slots), keep, max);
            var rotations = new byte[shortlist.Count];
            var shortlistScores = new float[shortlist.Count];
            for (var i = 0; i < shortlist.Count; i++)
            {
                shortlistScores[i] = scores[shortlist[i]];
                rotations[i] = RotationVotes.BestBin(votes.AsSpan(shortlist[i] * Bins, Bins));
            }

            return (shortlist, rotations, shortlistScores);
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(votes);
            ArrayPool<float>.Shared.Return(scores);
        }
    }

    /// <summary>The indices of the <paramref name="keep"/> highest non-negative scores, by a histogram instead of a sort.</summary>
    private static List<int> Top(ReadOnlySpan<float> scores, int keep, float max)
    {
        const int Buckets = 4096;
        var result = new List<int>(keep);
        if (keep <= 0)
        {
            return result;
        }

        var scale = max > 0 ? (Buckets - 1) / max : 0;
        Span<int> histogram = new int[Buckets];
        foreach (var s in scores)
        {
            if (s >= 0)
            {
                histogram[(int)(s * scale)]++;
            }
        }

        // Every bucket above the cut goes in whole; the cut bucket is sorted to fill what is left.
        var cut = Buckets - 1;
        var taken = 0;
        while (cut > 0 && taken + histogram[cut] < keep)
        {
            taken += histogram[cut];
            cut--;
        }

        var partial = new List<(float Score, int Slot)>();
        for (var slot = 0; slot < scores.Length; slot++)
        {
            var s = scores[slot];
            if (s < 0)
            {
                continue;
            }

            var bucket = (int)(s * scale);
            if (bucket > cut)
            {
                result.Add(slot);
            }
            else if (bucket == cut)
            {
                partial.Add((s, slot));
            }
        }

        partial.Sort((a, b) => b.Score.CompareTo(a.Score));
        result.AddRange(partial.Take(keep - result.Count).Select(p => p.Slot));
        return result;
    }

    private int NewSlot()
    {
        if (_slots >= MaxSlots)
        {
            throw new InvalidOperationException($"A gallery partition holds at most {MaxSlots} fingers; use more partitions.");
        }

        if (_slots == _owners.Length)
        {
            var size = Math.Min(MaxSlots, _owners.Length * 2);
            Array.Resize(ref _owners, size);
            Array.Resize(ref _positions, size);
            Array.Resize(ref _prepared, size);
            Array.Resize(ref _serialized, size);
            Array.Resize(ref _norms, size);
            Array.Resize(ref _used, size);
        }

        return _slots++;
    }

    private void Append(int key, uint value)
    {
        var list = _postings[key];
        var count = _postingCounts[key];
        if (list is null || count == list.Length)
        {
            Array.Resize(ref _postings[key], Math.Max(4, count + (count / 2)));
            list = _postings[key]!;
        }

        list[count] = value;
        _postingCounts[key] = count + 1;
    }

    private void RemoveEntry(int key, uint value)
    {
        var list = _postings[key];
        var count = _postingCounts[key];
        for (var q = 0; q < count; q++)
        {
            if (list![q] == value)
            {
                list[q] = list[count - 1];
                _postingCounts[key] = count - 1;
                return;
            }
        }
    }

    /// <summary>What the stages saw of one followed slot (see <see cref="SearchTrace.Follow"/>).</summary>
    private sealed class MateFollow(int slot)
    {
        public int Slot { get; } = slot;

        public int VoteRank { get; set; } = -1;

        public int Eligible { get; set; }

        public int AlignRank { get; set; } = -1;

        public float AlignScore { get; set; }

        public int PeakVotes { get; set; }

        public int TotalVotes { get; set; }

        public MateTrace Result(int shortlisted, int matched, int pairs) =>
            new(VoteRank, Eligible, shortlisted, AlignRank, matched, PeakVotes, TotalVotes, pairs, AlignScore);
    }
}
