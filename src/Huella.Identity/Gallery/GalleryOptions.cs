namespace Huella.Identity.Gallery;

/// <summary>How the gallery index splits work and how hard its pre-filter cuts.</summary>
public sealed record GalleryOptions
{
    /// <summary>Partitions searched in parallel; defaults to one per core.</summary>
    public int Partitions { get; init; } = Environment.ProcessorCount;

    /// <summary>Whether searches shortlist candidates with the pair descriptor before full matching.</summary>
    public bool Prefilter { get; init; } = true;

    /// <summary>Share of the gallery (per probe finger) that goes on to full matching.</summary>
    public double ShortlistFraction { get; init; } = 0.02;

    /// <summary>Never shortlist fewer than this many fingers per probe finger: small galleries are searched exhaustively.</summary>
    public int MinShortlist { get; init; } = 500;
}
