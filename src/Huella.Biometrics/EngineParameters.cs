namespace Huella.Biometrics;

/// <summary>
/// Every tunable of the fingerprint engine, in one place. One set for all sensors: values are
/// expressed at 500 dpi (images are resampled first), so nothing here is tuned per data set.
/// </summary>
internal static class EngineParameters
{
    // ---- Input -------------------------------------------------------------------------------
    /// <summary>Every image is resampled to this resolution before anything else.</summary>
    public const double TargetDpi = 500;

    /// <summary>Resolutions this close to the target are used as they are.</summary>
    public const double DpiTolerance = 0.01;

    /// <summary>Larger images (after resampling) are refused rather than processed for seconds.</summary>
    public const int MaxSide = 2048;

    // ---- Blocks and segmentation -------------------------------------------------------------
    /// <summary>Side of the square blocks the orientation field and mask are computed on.</summary>
    public const int BlockSize = 8;

    /// <summary>Radius, in blocks, of the window block statistics are pooled over (1 = 3×3 blocks).</summary>
    public const int StatsRadius = 1;

    /// <summary>Gray-level standard deviation below which a window is flat background.</summary>
    public const float MinContrast = 9f;

    /// <summary>Contrast relative to the 90th percentile of the image below which a block is background.</summary>
    public const float RelativeContrast = 0.3f;

    /// <summary>Orientation coherence below which a window has no ridge flow (noise, smudge).</summary>
    public const float MinCoherence = 0.2f;

    /// <summary>Closing then opening radius, in blocks, that cleans the block mask.</summary>
    public const int MaskClosing = 2;

    public const int MaskOpening = 1;

    /// <summary>Fewer foreground blocks than this means there is no usable fingerprint.</summary>
    public const int MinForegroundBlocks = 80;

    // ---- Orientation and frequency -----------------------------------------------------------
    /// <summary>Passes of 3×3 block averaging applied to the doubled-angle orientation vectors.</summary>
    public const int OrientationSmoothingPasses = 4;

    /// <summary>
    /// Times the orientation field is measured again on the Gabor-enhanced image, and the blocks whose
    /// kernel changes filtered again. The raw image's gradients follow the dots of dry prints, pores,
    /// creases and smudges; the enhanced ridges do not.
    /// </summary>
    public const int OrientationRefinements = 1;

    /// <summary>Ridge periods (pixels at 500 dpi) outside this range are measurement errors.</summary>
    public const float MinRidgePeriod = 6f;

    public const float MaxRidgePeriod = 14f;

    /// <summary>Period used when the image gives no reliable estimate.</summary>
    public const float DefaultRidgePeriod = 9f;

    /// <summary>Length across and along the ridges of the window sampled to measure the period.</summary>
    public const int FrequencyWindowAcross = 32;

    public const int FrequencyWindowAlong = 12;

    /// <summary>Step between the candidate periods whose strength is measured on each profile, pixels.</summary>
    public const float FrequencyStep = 0.25f;

    // ---- Gabor enhancement -------------------------------------------------------------------
    /// <summary>Orientations in the precomputed Gabor bank.</summary>
    public const int GaborOrientations = 16;

    /// <summary>Step between periods in the bank, pixels.</summary>
    public const float GaborPeriodStep = 0.5f;

    /// <summary>Kernel radius; the kernel is (2r+1)².</summary>
    public const int GaborRadius = 6;

    /// <summary>Gaussian envelope widths as fractions of the ridge period.</summary>
    /// <remarks>
    /// Chosen on the four FVC sets together with blurred, sharpened and twice-upsampled copies of
    /// them, so that the filter suits prints from other sensors, not one set's appearance.
    /// </remarks>
    public const float GaborSigmaAlong = 0.6f;

    public const float GaborSigmaAcross = 0.27f;

    // ---- Minutiae ----------------------------------------------------------------------------
    /// <summary>How far a ridge is followed from a minutia to measure its direction.</summary>
    public const int DirectionTraceLength = 12;

    /// <summary>Ridges are followed at most this far when building the minutia graph.</summary>
    public const int MaxTraceLength = 40;

    /// <summary>A ridge fragment between two endings shorter than this is noise.</summary>
    /// <remarks>
    /// Shorter length limits (8/5/5) measured better on clean FVC images but kept the short spurs and
    /// bridges that compression noise makes: genuine scores fell 11 % after WSQ instead of 2.5 %.
    /// </remarks>
    public const int MinFragmentLength = 12;

    /// <summary>A branch between an ending and a bifurcation shorter than this is a spur.</summary>
    public const int MinSpurLength = 8;

    /// <summary>A ridge between two bifurcations shorter than this is a bridge.</summary>
    public const int MinBridgeLength = 8;

    /// <summary>Two bifurcations joined twice by ridges shorter than this enclose a hole (lake).</summary>
    public const int MaxLakeLength = 30;

    /// <summary>A ridge leaving a bifurcation and returning to it within this length is a hole.</summary>
    public const int MaxLoopLength = 40;

    /// <summary>Two endings closer than this and facing each other are one broken ridge.</summary>
    public const float MaxGapLength = 15f;

    /// <summary>How much facing endings may deviate from pointing at each other, radians.</summary>
    public const float GapAngleTolerance = MathF.PI / 4;

    /// <summary>Minutiae closer than this (pixels) to the edge of the fingerprint area are removed.</summary>
    public const float BorderDistance = 6f;

    /// <summary>A minutia with this many others within <see cref="ClusterRadius"/> sits in a noisy cluster.</summary>
    public const int ClusterSize = 5;

    public const float ClusterRadius = 12f;

    /// <summary>Minutiae in windows with less coherence than this are not trusted.</summary>
    public const float MinMinutiaCoherence = 0.1f;

    /// <summary>
    /// Minutiae in blocks whose Gabor response is below this share of the print's median (smudges,
    /// creases, dry patches) are not trusted: they are rarely found again in the next impression.
    /// </summary>
    public const float MinMinutiaClarity = 0.4f;

    /// <summary>
    /// Image quality looks at the print's weakest tenth of ridge clarity (relative to its median): a
    /// print with dry, wet or smudged patches fails to match far more often than its area suggests.
    /// </summary>
    public const float QualityClarityPercentile = 0.1f;

    /// <summary>A weakest tenth at this share of the median clarity or better costs no quality.</summary>
    public const float QualityClarityReference = 0.8f;

    /// <summary>Templates keep at most this many minutiae, the best by quality.</summary>
    public const int MaxMinutiae = 80;

    /// <summary>Fewer minutiae than this after filtering: not a usable fingerprint.</summary>
    public const int MinMinutiae = 4;

    // ---- Minutia Cylinder-Code ---------------------------------------------------------------
    /// <summary>Cylinder radius, pixels at 500 dpi.</summary>
    public const float CylinderRadius = 70f;

    /// <summary>Cells along the cylinder diameter and angular sections.</summary>
    public const int SpatialCells = 16;

    public const int AngularSections = 6;

    /// <summary>Spatial and directional Gaussian widths of a neighbour's contribution.</summary>
    public const float SigmaSpatial = 28f / 3f;

    public const float SigmaDirectional = 2f * MathF.PI / 9f;

    /// <summary>A cell's bit is set when the neighbours' summed contribution exceeds this.</summary>
    public const float CellThreshold = 0.005f;

    /// <summary>Margin around the convex hull of the minutiae where cells still count as valid.</summary>
    public const float HullMargin = 50f;

    /// <summary>A cylinder needs this share of valid cells and this many contributing neighbours.</summary>
    public const float MinValidCells = 0.75f;

    public const int MinContributingMinutiae = 2;

    /// <summary>Two cylinders are comparable only if this share of the cells is valid in both.</summary>
    public const float MinMatchableCells = 0.6f;

    /// <summary>Largest direction difference for two minutiae to be compared at all, radians.</summary>
    public const float MaxDirectionDifference = MathF.PI / 3;

    // ---- Relaxation (LSS-R) ------------------------------------------------------------------
    /// <summary>
    /// The relaxation takes at most this many pairs, the most similar ones the greedy selection finds.
    /// Its cost grows with the square of the count. Measured against no cap (all min(nA, nB) pairs) on
    /// the four FVC sets: EER 2.85/2.85/4.63/2.22 % instead of 2.85/2.85/5.00/2.20, db2b 1.08–1.09×
    /// faster, FNMR at 0.1 % three db2b pairs worse and one db3b pair better. At 24 db2b's EER rose.
    /// </summary>
    public const int MaxRelaxedPairs = 32;

    public const int RelaxationIterations = 5;

    public const float RelaxationWeight = 0.5f;

    public const float RelaxDistanceMu = 10f;

    public const float RelaxDistanceTau = -8f / 5f;

    public const float RelaxAngleMu = MathF.PI / 12f;

    public const float RelaxAngleTau = -30f;

    /// <summary>Pairs that make the final score: between these, more when both prints have many minutiae.</summary>
    public const int MinScoredPairs = 4;

    public const int MaxScoredPairs = 12;

    public const float ScoredPairsMu = 20f;

    public const float ScoredPairsTau = 2f / 5f;

    // ---- Global agreement --------------------------------------------------------------------
    /// <summary>The most efficient relaxed pairs that fix the alignment of the two prints.</summary>
    public const int AlignmentAnchors = 4;

    /// <summary>Weight of the anchors' directions against their positions (squared pixels) in the rotation fit.</summary>
    public const float AnchorDirectionWeight = 400f;

    /// <summary>After alignment, minutiae pair up within this distance plus a share of the distance from the anchors (distortion grows outwards).</summary>
    public const float PairingDistance = 12f;

    public const float PairingDistanceSlope = 0.08f;

    /// <summary>Largest direction difference of two aligned minutiae that pair up, radians.</summary>
    public const float PairingAngle = 0.5f;

    /// <summary>A minutia counts as inside the other print's area within this margin of its convex hull.</summary>
    public const float OverlapMargin = 8f;

    /// <summary>
    /// Minutiae of lower quality (clarity × coherence of their block, 0–100) that find no partner do not
    /// count against the agreement. Measured on the four FVC sets and their blurred, sharpened and
    /// upsampled copies (16 evaluations): mean EER 3.78 → 3.38 %, FNMR at FMR 1 % 5.72 → 4.75 %, at 0.1 %
    /// 10.00 → 9.64 %; 30–45 all helped, 60 did not.
    /// </summary>
    public const int MinTrustedQuality = 40;

    /// <summary>Smaller overlaps count as this many minutiae, so two tiny overlaps cannot agree perfectly by chance.</summary>
    public const int MinOverlapMinutiae = 8;

    /// <summary>
    /// The score is √(local score) times (floor + agreement): agreement in [0, 1] rewards prints whose whole
    /// overlap pairs up. The square root gives the cylinders' local similarity less say against the
    /// agreement and the ridge flow; measured against local × (0.25 + agreement) on the 16-evaluation
    /// robustness suite: mean EER 3.18 → 3.10 %, FNMR at FMR 1 % 4.29 → 4.00 %, at 0.1 % 7.43 → 6.87 %, and
    /// on minutiae alone as good or better on all four sets.
    /// </summary>
    public const double AgreementFloor = 0.5;

    // ---- Ridge flow ----------------------------------------------------------------------------
    /// <summary>Side, in pixels at 500 dpi, of the cells of the orientation map a template keeps.</summary>
    public const int OrientationCellSize = 16;

    /// <summary>Directions of the orientation map are stored in this many steps of the half turn: 4 bits, so a power of two up to 16.</summary>
    public const int OrientationLevels = 16;
}
