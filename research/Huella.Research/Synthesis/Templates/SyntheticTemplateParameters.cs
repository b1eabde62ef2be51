namespace Huella.Research.Synthesis.Templates;

/// <summary>
/// Every tunable of synthetic minutiae templates, in one place. Lengths are pixels at 500 dpi,
/// angles degrees. The values are fitted to templates the engine extracts from the 320 images of
/// FVC2002 DB1–DB4 set B: <c>huella synth template-stats</c> prints the real and the synthetic
/// statistics side by side, and <c>huella synth template-scores</c> the score distributions.
/// </summary>
public sealed record SyntheticTemplateParameters
{
    public static SyntheticTemplateParameters Default { get; } = new();

    /// <summary>Class frequencies, singular points and finger outline are drawn as for synthetic images.</summary>
    public SynthesisParameters Layout { get; init; } = SynthesisParameters.Default;

    // ---- Master: every minutia of the finger ----------------------------------------------------

    /// <summary>Minutiae drawn per 10,000 square pixels of finger pad, before companions (which add about 80 %).</summary>
    public double MasterDensity { get; init; } = 4.1;

    /// <summary>Deviation of the logarithm of a finger's density around <see cref="MasterDensity"/>.</summary>
    public double MasterDensityDeviation { get; init; } = 0.3;

    /// <summary>No two master minutiae are closer than this: about one ridge period.</summary>
    public double MinimumSpacing { get; init; } = 7;

    /// <summary>Share of endings (the rest are bifurcations).</summary>
    public double EndingShare { get; init; } = 0.73;

    /// <summary>
    /// Chance a minutia points along the finger's preferred sense rather than against it: real
    /// neighbouring minutiae point the same way more often than not (58 % of pairs within 40 pixels on FVC2002;
    /// the synthetic pairs stay near 41 %, lowered by the companions, which face back).
    /// </summary>
    public double SenseCoherence { get; init; } = 0.8;

    /// <summary>
    /// Share of master minutiae that come with a companion along the same ridge, as real ones do:
    /// a short ridge (two endings pointing apart) or a small enclosure (two bifurcations facing
    /// each other), at this distance.
    /// </summary>
    public double CompanionShare { get; init; } = 0.9;

    public Interval CompanionDistance { get; init; } = new(12, 35);

    /// <summary>Deviation of a master minutia's direction from the ridge flow.</summary>
    public double FlowDeviation { get; init; } = 2;

    /// <summary>Minutia quality (the extractor's local coherence × 100): normal, cut to the range.</summary>
    public double QualityMean { get; init; } = 48.7;

    public double QualityDeviation { get; init; } = 20.4;

    public Interval QualityRange { get; init; } = new(5, 100);

    /// <summary>Template quality (clear ridge flow × area × evenness of clarity, 0–100): normal, cut to the range.</summary>
    public double TemplateQualityMean { get; init; } = 59;

    public double TemplateQualityDeviation { get; init; } = 14;

    public Interval TemplateQualityRange { get; init; } = new(10, 100);

    // ---- Impressions ------------------------------------------------------------------------------

    /// <summary>Size of the image the template claims to come from.</summary>
    public int ImpressionWidth { get; init; } = 300;

    public int ImpressionHeight { get; init; } = 400;

    /// <summary>Minutiae this close to the image edge are lost.</summary>
    public double EdgeMargin { get; init; } = 12;

    /// <summary>Contact region: an ellipse with these half-axes, centred near the pad's centre.</summary>
    public Interval ContactHalfWidth { get; init; } = new(80, 140);

    public Interval ContactHalfHeight { get; init; } = new(100, 195);

    public double ContactOffsetDeviation { get; init; } = 22;

    /// <summary>Rotation and translation of the impression: normal, cut at the limit.</summary>
    public double RotationDeviation { get; init; } = 8;

    public double RotationLimit { get; init; } = 25;

    public double TranslationDeviation { get; init; } = 10;

    public double TranslationLimit { get; init; } = 30;

    /// <summary>Plastic distortion: none within the rigid radius, full shift and twist past the transition.</summary>
    public Interval DistortionRigidRadius { get; init; } = new(35, 75);

    public Interval DistortionTransition { get; init; } = new(70, 140);

    public double DistortionShiftDeviation { get; init; } = 5;

    public double DistortionTwistDeviation { get; init; } = 3;

    /// <summary>Position and direction noise of each detected minutia.</summary>
    public double PositionJitter { get; init; } = 1.5;

    public double DirectionJitter { get; init; } = 3.5;

    /// <summary>Chance a minutia inside the contact is not detected, and the extra chance near the contact border.</summary>
    public double MissingRate { get; init; } = 0.12;

    public double BorderMissingRate { get; init; } = 0.3;

    /// <summary>Contact level (1 = border) past which the border loss applies.</summary>
    public double BorderBand { get; init; } = 0.8;

    /// <summary>Mean number of false minutiae per impression (Poisson); they follow the flow loosely.</summary>
    public double SpuriousMean { get; init; } = 6;

    public double SpuriousFlowDeviation { get; init; } = 10;

    /// <summary>Chance an ending is seen as a bifurcation or the reverse (pressure, moisture).</summary>
    public double TypeFlipRate { get; init; } = 0.05;

    /// <summary>
    /// Deviation of the logarithm of an impression's difficulty, which scales its lost and false
    /// minutiae and its noise: real impressions range from crisp to barely usable.
    /// </summary>
    public double DifficultyDeviation { get; init; } = 0.4;

    /// <summary>Deviation of a minutia's quality from one impression to the next.</summary>
    public double QualityJitter { get; init; } = 8;
}
