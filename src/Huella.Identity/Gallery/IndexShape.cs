namespace Huella.Identity.Gallery;

/// <summary>
/// Every tunable of the pre-filter's pair features (see <see cref="PairKeys"/>). Chosen on
/// synthetic galleries of 20,000 fingers with 1,000 mated probes by how often the mate of a probe
/// the matcher accepts (score at FMR 1e-4) ranks within the top 0.5 % of votes: with these shapes
/// and rotation-consistent voting about 7 % miss that cut, against 54 % for an unordered 3,072-bit
/// set of pairs; minutia types and finer bins also cut the votes cast per search fourfold.
/// </summary>
internal static class IndexShape
{
    /// <summary>
    /// Nearest neighbours each minutia forms pairs with. 14 because the gallery stores each pair in
    /// one order only: at 12 with both orders stored, 2,302 bytes per finger and 4 of
    /// 600 accepted mates missed at 100,000 fingers; at 14 with one order, 1,758 bytes and 2.
    /// </summary>
    public const int Neighbours = 14;

    /// <summary>Closer pairs are skipped: their line angle is too noisy.</summary>
    public const float MinDistance = 10f;

    /// <summary>Width of a distance bin, pixels at 500 dpi.</summary>
    public const float DistanceBin = 6f;

    public const int DistanceBins = 20;

    /// <summary>Bins for each of the two minutia directions relative to the line joining the pair.</summary>
    public const int Sectors = 24;

    /// <summary>Both minutia types (ending, bifurcation) are part of the key: they flip in about 5 % of impressions.</summary>
    public const int TypeCombinations = 4;

    /// <summary>Number of distinct pair keys.</summary>
    public const int Keys = DistanceBins * Sectors * Sectors * TypeCombinations;

    /// <summary>
    /// Rotation accumulators per gallery finger: a pair found in both fingers votes for the angle
    /// between its two line directions, and only a true mate concentrates its votes on one angle.
    /// Must be a power of two (the 8-bit line angle is shifted down to it).
    /// </summary>
    public const int RotationBins = 64;

    /// <summary>log2(256 / <see cref="RotationBins"/>).</summary>
    public const int RotationShift = 2;

    /// <summary>Translation histogram of the alignment check: cells this wide (pixels), on a square grid this many cells across.</summary>
    public const float AlignCell = 16f;

    public const int AlignGrid = 64;

    /// <summary>Minutia pairs whose directions (after the voted rotation) differ by at most this many 256ths of a turn vote for a shift (about 30°).</summary>
    public const int AlignVoteAngle = 21;

    /// <summary>Aligned minutiae pair up within this distance (pixels) and direction difference (256ths of a turn, about 25°).</summary>
    public const float AlignRadius = 15f;

    public const int AlignPairAngle = 18;

    /// <summary>
    /// This share (1/n) of the fingers sent to the full matcher are the best by votes, whatever
    /// the alignment check says: on 20,000 synthetic fingers one accepted mate ranked first by
    /// votes was dropped by a misjudged alignment; at 100,000 a mate ranked 8th by votes was lost
    /// with a tenth (7 per partition) and kept with a fifth (4 → 3 misses in 600 searches).
    /// </summary>
    public const int VoteReserve = 5;
}
