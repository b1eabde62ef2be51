namespace Huella.Identity.Gallery;

/// <summary>How the gallery index splits work, how hard its pre-filter cuts and how it holds templates.</summary>
public sealed record GalleryOptions
{
    /// <summary>Partitions searched in parallel to start with; defaults to one per core.</summary>
    public int Partitions { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Fingers a partition takes before the index opens another. A search's pair votes go to 64
    /// counters per finger of a partition at random; at 32,768 fingers those are 4 MB, which stay in
    /// the processor's cache, where one partition of half a million fingers (64 MB) made every
    /// vote a trip to memory. Partitions beyond the core count are searched by the same threads.
    /// </summary>
    public int PartitionCapacity { get; init; } = 32_768;

    /// <summary>Whether searches shortlist candidates by rotation-consistent pair votes before full matching.</summary>
    public bool Prefilter { get; init; } = true;

    /// <summary>
    /// Share of the gallery (per probe finger) the pair votes shortlist for the alignment check.
    /// 5 % keeps the index within half a point of exhaustive search on synthetic galleries (accepted
    /// mates missed at 20,000 fingers: 6 of 1,000 searches at 2.5 %, 4 at 5 %).
    /// </summary>
    public double ShortlistFraction { get; init; } = 0.05;

    /// <summary>Never shortlist fewer than this many fingers per probe finger: small galleries are searched exhaustively.</summary>
    public int MinShortlist { get; init; } = 500;

    /// <summary>Never shortlist more than this many fingers per probe finger by votes (0 = no cap).</summary>
    public int MaxShortlist { get; init; } = 60_000;

    /// <summary>
    /// Fingers per probe finger (over all partitions) that the full matcher scores: the shortlist
    /// is ranked again by a cheap rigid alignment of the minutiae and only the best this many go
    /// on. 0 sends the whole shortlist to the matcher.
    /// </summary>
    public int MatchCandidates { get; init; } = 300;

    /// <summary>
    /// Keep every template prepared for matching (fast, but as large as the matcher's prepared form);
    /// false keeps them serialised and prepares only the shortlisted ones per search (least memory;
    /// exhaustive searches then prepare every template each time).
    /// </summary>
    public bool KeepPreparedTemplates { get; init; } = true;
}
