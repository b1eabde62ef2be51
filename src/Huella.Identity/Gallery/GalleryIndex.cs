using Huella.Biometrics;

namespace Huella.Identity.Gallery;

/// <summary>A probe finger for a search: its template and, when known, which finger it is.</summary>
public sealed record ProbeFinger(FingerprintTemplate Template, FingerPosition? Position);

/// <summary>A person a search found: best score over their fingers for each probe finger, fused by maximum.</summary>
public sealed record GalleryHit(PersonId PersonId, double Score, double ScoreSum, int Comparisons);

/// <summary>
/// Every gallery finger in memory, split into partitions searched in parallel, one matcher per
/// partition and probe finger. Loaded from the store at start-up and kept in step with it on every
/// insert and delete. A person's fingers always sit in one partition, so per-person fusion needs
/// no cross-partition merge until the final ranking. Thread-safe: searches run concurrently with
/// each other; an insert or delete waits only for the searches of the partition it changes.
/// </summary>
public sealed class GalleryIndex : IDisposable
{
    private GalleryPartition[] _partitions;
    private readonly Dictionary<PersonId, int> _home = [];
    private readonly Lock _homeLock = new();

    public GalleryIndex(GalleryOptions? options = null)
    {
        Options = options ?? new GalleryOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.Partitions);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Options.PartitionCapacity);
        _partitions = [.. Enumerable.Range(0, Options.Partitions).Select(_ => new GalleryPartition())];
    }

    public GalleryOptions Options { get; }

    /// <summary>Fingers in the index.</summary>
    public int FingerCount => Partitions.Sum(p => p.Count);

    /// <summary>Partitions now: <see cref="GalleryOptions.Partitions"/>, more once they fill up (<see cref="GalleryOptions.PartitionCapacity"/>).</summary>
    public int PartitionCount => Partitions.Length;

    private GalleryPartition[] Partitions => Volatile.Read(ref _partitions);

    /// <summary>Persons in the index.</summary>
    public int PersonCount
    {
        get
        {
            lock (_homeLock)
            {
                return _home.Count;
            }
        }
    }

    public bool Contains(PersonId person)
    {
        lock (_homeLock)
        {
            return _home.ContainsKey(person);
        }
    }

    /// <summary>Persons in the index with their finger positions, for checking it against the store.</summary>
    public IReadOnlyDictionary<PersonId, FingerPosition[]> Snapshot()
    {
        var all = new Dictionary<PersonId, List<FingerPosition>>();
        foreach (var partition in Partitions)
        {
            partition.CollectInto(all);
        }

        return all.ToDictionary(p => p.Key, p => p.Value.Order().ToArray());
    }

    /// <summary>Adds or replaces a person's fingers.</summary>
    public void Upsert(PersonId person, IEnumerable<(FingerPosition Position, FingerprintTemplate Template)> fingers)
    {
        ArgumentNullException.ThrowIfNull(fingers);
        Upsert(person, [.. fingers.Select(f => new GalleryFinger(f.Position, f.Template, null))]);
    }

    /// <summary>
    /// Adds or replaces a person's fingers from serialised templates (<see cref="FingerprintTemplate.ToBytes"/>).
    /// With <see cref="GalleryOptions.KeepPreparedTemplates"/> off, nothing is prepared for matching
    /// until a search shortlists it: the fast way to load a large gallery.
    /// </summary>
    public void UpsertSerialized(PersonId person, IEnumerable<(FingerPosition Position, byte[] Template)> fingers)
    {
        ArgumentNullException.ThrowIfNull(fingers);
        Upsert(person, [.. fingers.Select(f => new GalleryFinger(f.Position, null, f.Template))]);
    }

    private void Upsert(PersonId person, List<GalleryFinger> list)
    {
        var staged = GalleryPartition.Stage(list, Options.KeepPreparedTemplates);
        lock (_homeLock)
        {
            if (_home.TryGetValue(person, out var old))
            {
                _partitions[old].Remove(person);
                _home.Remove(person);
            }

            if (list.Count == 0)
            {
                return;
            }

            var target = 0;
            for (var i = 1; i < _partitions.Length; i++)
            {
                if (_partitions[i].Count < _partitions[target].Count)
                {
                    target = i;
                }
            }

            // Every partition full: open another rather than let a vote array outgrow the cache.
            if (_partitions[target].Count + list.Count > Options.PartitionCapacity && _partitions[target].Count > 0)
            {
                target = _partitions.Length;
                Volatile.Write(ref _partitions, [.. _partitions, new GalleryPartition()]);
            }

            _partitions[target].Add(person, staged);
            _home[person] = target;
        }
    }

    public bool Remove(PersonId person)
    {
        lock (_homeLock)
        {
            if (!_home.Remove(person, out var partition))
            {
                return false;
            }

            _partitions[partition].Remove(person);
            return true;
        }
    }

    /// <summary>
    /// The best <paramref name="maxResults"/> persons for these probe fingers (all of them scoring
    /// at least <paramref name="minScore"/>), best first. A probe with a position is compared only
    /// with gallery fingers of that position. <paramref name="restrictTo"/> limits the search to
    /// those persons (and switches the pre-filter off: the list is already short).
    /// </summary>
    public IReadOnlyList<GalleryHit> Search(IReadOnlyList<ProbeFinger> probes, int maxResults, double minScore = 0, IReadOnlySet<PersonId>? restrictTo = null) =>
        Search(probes, maxResults, minScore, restrictTo, prefilter: null, trace: null, tuning: null);

    /// <summary>
    /// As above, for the laboratory: <paramref name="prefilter"/> forces the pre-filter on or off
    /// (off: exhaustive), a <paramref name="trace"/> collects where the time went and
    /// <paramref name="tuning"/> overrides the index's pre-filter settings for this search only.
    /// </summary>
    internal IReadOnlyList<GalleryHit> Search(IReadOnlyList<ProbeFinger> probes, int maxResults, double minScore, IReadOnlySet<PersonId>? restrictTo, bool? prefilter, SearchTrace? trace, GalleryOptions? tuning)
    {
        ArgumentNullException.ThrowIfNull(probes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxResults);
        if (probes.Count == 0)
        {
            return [];
        }

        var entries = new List<uint>[probes.Count];
        for (var f = 0; f < probes.Count; f++)
        {
            PairKeys.Compute(probes[f].Template.Minutiae, widen: true, entries[f] = []);
        }

        var partitions = Partitions;
        var total = Math.Max(1, partitions.Sum(p => p.Count));
        var settings = tuning ?? Options;
        var usePrefilter = (prefilter ?? settings.Prefilter) && restrictTo is null;
        var shortlistShare = Math.Max(settings.ShortlistFraction, Math.Min(1.0, (double)settings.MinShortlist / total));
        var plan = new SearchPlan(
            usePrefilter && shortlistShare < 1,
            shortlistShare,
            settings.MaxShortlist > 0 ? Math.Max(1, settings.MaxShortlist / partitions.Length) : int.MaxValue,
            settings.MatchCandidates > 0 ? Math.Max(1, (settings.MatchCandidates + partitions.Length - 1) / partitions.Length) : int.MaxValue,
            minScore,
            restrictTo,
            trace);
        var perPartition = new List<GalleryHit>[partitions.Length];
        // One worker per core: more would only time-slice the partitions' vote arrays out of the cache.
        Parallel.For(0, partitions.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, p =>
        {
            perPartition[p] = partitions[p].Search(probes, entries, plan);
        });

        return [.. perPartition.SelectMany(h => h)
            .OrderByDescending(h => h.Score)
            .ThenByDescending(h => h.ScoreSum)
            .ThenBy(h => h.PersonId.Value, StringComparer.Ordinal)
            .Take(maxResults)];
    }

    /// <summary>Gives back spare capacity after a bulk load (the inverted file grows by half each time a list fills).</summary>
    public void TrimExcess()
    {
        foreach (var partition in Partitions)
        {
            partition.TrimExcess();
        }
    }

    public void Dispose()
    {
        foreach (var partition in Partitions)
        {
            partition.Dispose();
        }
    }
}
