using Huella.Biometrics;

namespace Huella.Identity.Gallery;

/// <summary>One share of the gallery in flat arrays: owners, positions, templates and pre-filter descriptors side by side.</summary>
internal sealed class GalleryPartition : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new();
    private PersonId[] _owners = new PersonId[64];
    private FingerPosition[] _positions = new FingerPosition[64];
    private FingerprintTemplate[] _templates = new FingerprintTemplate[64];
    private ulong[] _descriptors = new ulong[64 * PairDescriptor.Words];
    private float[] _norms = new float[64];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Add(PersonId owner, IReadOnlyList<(FingerPosition Position, FingerprintTemplate Template)> fingers)
    {
        // Descriptors are computed outside the lock: searches keep running meanwhile.
        var descriptors = new ulong[fingers.Count * PairDescriptor.Words];
        for (var f = 0; f < fingers.Count; f++)
        {
            PairDescriptor.Compute(fingers[f].Template, widen: true, descriptors.AsSpan(f * PairDescriptor.Words, PairDescriptor.Words));
        }

        _lock.EnterWriteLock();
        try
        {
            EnsureCapacity(_count + fingers.Count);
            for (var f = 0; f < fingers.Count; f++)
            {
                var i = _count + f;
                _owners[i] = owner;
                _positions[i] = fingers[f].Position;
                _templates[i] = fingers[f].Template;
                var target = _descriptors.AsSpan(i * PairDescriptor.Words, PairDescriptor.Words);
                descriptors.AsSpan(f * PairDescriptor.Words, PairDescriptor.Words).CopyTo(target);
                _norms[i] = PairDescriptor.Norm(target);
            }

            Volatile.Write(ref _count, _count + fingers.Count);
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
            var count = _count;
            for (var i = count - 1; i >= 0; i--)
            {
                if (_owners[i] != owner)
                {
                    continue;
                }

                // Swap the last finger into the hole; order inside a partition carries no meaning.
                var last = --count;
                _owners[i] = _owners[last];
                _positions[i] = _positions[last];
                _templates[i] = _templates[last];
                _norms[i] = _norms[last];
                _descriptors.AsSpan(last * PairDescriptor.Words, PairDescriptor.Words).CopyTo(_descriptors.AsSpan(i * PairDescriptor.Words));
                _templates[last] = null!;
            }

            Volatile.Write(ref _count, count);
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
            for (var i = 0; i < _count; i++)
            {
                if (!all.TryGetValue(_owners[i], out var list))
                {
                    all[_owners[i]] = list = [];
                }

                list.Add(_positions[i]);
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    public List<GalleryHit> Search(IReadOnlyList<ProbeFinger> probes, ulong[][] descriptors, bool prefilter, double shortlistShare, double minScore, IReadOnlySet<PersonId>? restrictTo)
    {
        var best = new Dictionary<PersonId, double[]>();
        var comparisons = new Dictionary<PersonId, int>();
        _lock.EnterReadLock();
        try
        {
            for (var f = 0; f < probes.Count; f++)
            {
                var probe = probes[f];
                var matcher = new FingerprintMatcher(probe.Template);
                foreach (var i in Candidates(probe.Position, descriptors[f], prefilter, shortlistShare, restrictTo))
                {
                    var owner = _owners[i];
                    var score = matcher.Match(_templates[i]);
                    if (!best.TryGetValue(owner, out var scores))
                    {
                        best[owner] = scores = new double[probes.Count];
                    }

                    scores[f] = Math.Max(scores[f], score);
                    comparisons[owner] = comparisons.GetValueOrDefault(owner) + 1;
                }
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
            if (max >= minScore)
            {
                hits.Add(new GalleryHit(owner, max, scores.Sum(), comparisons[owner]));
            }
        }

        return hits;
    }

    public void Dispose() => _lock.Dispose();

    private IEnumerable<int> Candidates(FingerPosition? position, ulong[] probe, bool prefilter, double shortlistShare, IReadOnlySet<PersonId>? restrictTo)
    {
        var eligible = new List<int>();
        for (var i = 0; i < _count; i++)
        {
            if ((position is null || _positions[i] == position) && (restrictTo is null || restrictTo.Contains(_owners[i])))
            {
                eligible.Add(i);
            }
        }

        var keep = (int)Math.Ceiling(shortlistShare * eligible.Count);
        if (!prefilter || keep >= eligible.Count)
        {
            return eligible;
        }

        var similarity = new float[eligible.Count];
        for (var k = 0; k < eligible.Count; k++)
        {
            var i = eligible[k];
            similarity[k] = PairDescriptor.Similarity(probe, _descriptors.AsSpan(i * PairDescriptor.Words, PairDescriptor.Words), _norms[i]);
        }

        // Partial selection of the top `keep` by descriptor similarity.
        var order = eligible.ToArray();
        Array.Sort(similarity, order);
        return order.AsSpan(order.Length - keep).ToArray();
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= _owners.Length)
        {
            return;
        }

        var size = Math.Max(needed, _owners.Length * 2);
        Array.Resize(ref _owners, size);
        Array.Resize(ref _positions, size);
        Array.Resize(ref _templates, size);
        Array.Resize(ref _norms, size);
        Array.Resize(ref _descriptors, size * PairDescriptor.Words);
    }
}
