using System.Diagnostics;

namespace Huella.Identity.Gallery;

/// <summary>
/// Where a search spent its time, summed over partitions and probe fingers (so with partitions
/// running in parallel the stage times add up to more than the wall time). Pass one to
/// <see cref="GalleryIndex.Search"/> to find out what to tune; thread-safe.
/// </summary>
internal sealed class SearchTrace
{
    private long _prefilterTicks;
    private long _alignTicks;
    private long _matchTicks;
    private long _shortlisted;
    private long _aligned;
    private long _matched;

    /// <summary>Pair votes over the inverted file and the shortlist cut.</summary>
    public TimeSpan Prefilter => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _prefilterTicks));

    /// <summary>Rigid alignment of the shortlisted fingers.</summary>
    public TimeSpan Align => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _alignTicks));

    /// <summary>The full matcher (including preparing templates kept compact).</summary>
    public TimeSpan Match => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _matchTicks));

    public long Shortlisted => Interlocked.Read(ref _shortlisted);

    public long Aligned => Interlocked.Read(ref _aligned);

    public long Matched => Interlocked.Read(ref _matched);

    /// <summary>
    /// A person whose fingers the search should follow through the stages (the known mate, in
    /// an evaluation): where their best finger ranked in the pair votes and in the alignment
    /// check is recorded in <see cref="Mates"/>.
    /// </summary>
    public PersonId? Follow { get; set; }

    /// <summary>One row per partition and probe finger in which <see cref="Follow"/> had a finger.</summary>
    public IReadOnlyList<MateTrace> Mates
    {
        get
        {
            lock (_mates)
            {
                return [.. _mates];
            }
        }
    }

    private readonly List<MateTrace> _mates = [];

    internal void AddMate(MateTrace mate)
    {
        lock (_mates)
        {
            _mates.Add(mate);
        }
    }

    /// <summary>Forgets the followed person's rows (between searches).</summary>
    public void ClearMates()
    {
        lock (_mates)
        {
            _mates.Clear();
        }
    }

    internal void AddPrefilter(long ticks, int shortlisted)
    {
        Interlocked.Add(ref _prefilterTicks, ticks);
        Interlocked.Add(ref _shortlisted, shortlisted);
    }

    internal void AddAlign(long ticks, int aligned)
    {
        Interlocked.Add(ref _alignTicks, ticks);
        Interlocked.Add(ref _aligned, aligned);
    }

    internal void AddMatch(long ticks, int matched)
    {
        Interlocked.Add(ref _matchTicks, ticks);
        Interlocked.Add(ref _matched, matched);
    }
}

/// <summary>
/// Where a followed finger fell in one partition: its rank by pair votes among the eligible
/// fingers (0 = best) and the shortlist length, its rank by the alignment check among the
/// shortlist (-1 when not shortlisted or not aligned) and how many went on to the matcher, and
/// its vote figures (best window, all votes, pairs stored).
/// </summary>
internal readonly record struct MateTrace(int VoteRank, int Eligible, int Shortlisted, int AlignRank, int Matched, int PeakVotes, int TotalVotes, int Pairs, float AlignScore);
