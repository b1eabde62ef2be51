namespace Huella.Research.Synthesis;

/// <summary>A closed range of values a random draw is taken from.</summary>
public readonly record struct Interval(double Min, double Max);

/// <summary>
/// Every tunable of fingerprint synthesis in one place. Lengths are pixels at 500 dpi, angles
/// degrees. The defaults aim at FVC-like difficulty: partial contact, up to ±20° of rotation,
/// plastic skin distortion, dry and wet skin, sensor noise.
/// </summary>
public sealed record SynthesisParameters
{
    public static SynthesisParameters Default { get; } = new();

    // ---- Master print -------------------------------------------------------------------------

    /// <summary>Canvas the master print is grown on.</summary>
    public int MasterWidth { get; init; } = 320;

    public int MasterHeight { get; init; } = 448;

    /// <summary>
    /// Relative frequency of each class, in <see cref="FingerClass"/> order (arch, tented arch,
    /// left loop, right loop, whorl): the proportions found in large fingerprint populations.
    /// </summary>
    public IReadOnlyList<double> ClassFrequencies { get; init; } = [0.04, 0.03, 0.34, 0.31, 0.28];

    /// <summary>Width of the finger silhouette.</summary>
    public Interval SilhouetteWidth { get; init; } = new(250, 300);

    /// <summary>Height of the finger silhouette.</summary>
    public Interval SilhouetteHeight { get; init; } = new(350, 400);

    /// <summary>
    /// Exponent of the super-ellipse below the silhouette's centre: 2 is an ellipse, larger values
    /// give the squarer lower phalanx of a real fingertip print.
    /// </summary>
    public Interval SilhouetteLowerExponent { get; init; } = new(2.6, 4.0);

    /// <summary>Whole-print rotation of the master, on top of each impression's own rotation.</summary>
    public double MasterRotationDeviation { get; init; } = 6;

    /// <summary>Mean ridge period of a finger (pixels from one ridge to the next).</summary>
    public Interval RidgePeriod { get; init; } = new(8.4, 10.2);

    /// <summary>Amplitude and scale of the slow variation of the ridge period over the finger.</summary>
    public double RidgePeriodVariation { get; init; } = 0.7;

    public double RidgePeriodVariationCell { get; init; } = 110;

    /// <summary>Extra period at the fingertip, fading to none at the silhouette's centre.</summary>
    public double FingertipPeriodIncrease { get; init; } = 0.9;

    /// <summary>Ridge periods are kept within this range (the Gabor bank covers exactly it).</summary>
    public Interval RidgePeriodLimits { get; init; } = new(7, 12.5);

    /// <summary>
    /// Distance from the nearest core beyond which the zero-pole field is blended toward an arch
    /// field, and the width of that blend: the zero-pole model alone flattens the ridges above the
    /// core, where real ridges follow the fingertip.
    /// </summary>
    public double ArchBlendStart { get; init; } = 70;

    public double ArchBlendWidth { get; init; } = 150;

    /// <summary>Strongest share of the arch field far from every singularity.</summary>
    public double ArchBlendMaximum { get; init; } = 0.85;

    /// <summary>How steeply the arch field's ridges bend down toward the sides of the fingertip.</summary>
    public Interval ArchCurvature { get; init; } = new(0.9, 1.6);

    // ---- Ridge growth ---------------------------------------------------------------------------

    /// <summary>Orientation steps of the Gabor bank over 180°.</summary>
    public int GaborOrientations { get; init; } = 24;

    /// <summary>Ridge-period step of the Gabor bank.</summary>
    public double GaborPeriodStep { get; init; } = 0.5;

    /// <summary>Kernel half-size; kernels are (2r+1)² and evaluated 16 floats wide.</summary>
    public int GaborRadius { get; init; } = 7;

    /// <summary>Gaussian envelope deviations across and along the ridges, as fractions of the period.</summary>
    public double GaborSigmaAcross { get; init; } = 0.42;

    public double GaborSigmaAlong { get; init; } = 0.5;

    /// <summary>Mean spacing of the random impulses the ridges grow from.</summary>
    public double GrowthSeedSpacing { get; init; } = 34;

    /// <summary>Amplification before clipping to [-1, 1] at each growth step.</summary>
    public double GrowthGain { get; init; } = 7;

    /// <summary>Upper bound on growth iterations; growth stops earlier once the area is filled.</summary>
    public int GrowthMaxIterations { get; init; } = 12;

    /// <summary>Extra iterations after the area is filled, letting ridge breaks settle into minutiae.</summary>
    public int GrowthSettleIterations { get; init; } = 2;

    /// <summary>Mean spacing of sweat pores along the ridges.</summary>
    public double PoreSpacing { get; init; } = 14;

    // ---- Impressions ----------------------------------------------------------------------------

    public int ImpressionWidth { get; init; } = 300;

    public int ImpressionHeight { get; init; } = 400;

    /// <summary>Rotation of an impression: normal with this deviation, cut at the limit.</summary>
    public double RotationDeviation { get; init; } = 8;

    public double RotationLimit { get; init; } = 20;

    /// <summary>Translation of an impression per axis: normal with this deviation, cut at the limit.</summary>
    public double TranslationDeviation { get; init; } = 14;

    public double TranslationLimit { get; init; } = 40;

    /// <summary>
    /// Contact region size as a fraction of the silhouette's half-axes (above 1 the silhouette
    /// itself bounds the print: a firm press of the whole pad).
    /// </summary>
    public Interval ContactSize { get; init; } = new(0.75, 1.15);

    /// <summary>Band inside the contact border (fraction of the half-axes) over which pressure builds up.</summary>
    public double ContactPressureBand { get; init; } = 0.14;

    /// <summary>Deviation of the contact region's centre from the silhouette's centre.</summary>
    public double ContactOffsetDeviation { get; init; } = 28;

    /// <summary>Scale and depth of the ragged contact border.</summary>
    public double ContactBorderCell { get; init; } = 60;

    public double ContactBorderRoughness { get; init; } = 0.07;

    /// <summary>
    /// Plastic distortion (Cappelli, Maio, Maltoni 2001): skin within the rigid radius of the
    /// contact centre does not move; beyond it, through the transition width, the displacement
    /// grows smoothly to the full outer shift and twist.
    /// </summary>
    public Interval DistortionRigidRadius { get; init; } = new(35, 75);

    public Interval DistortionTransition { get; init; } = new(70, 140);

    public double DistortionShiftDeviation { get; init; } = 6;

    public double DistortionTwistDeviation { get; init; } = 3;

    /// <summary>Small random displacement field over the whole impression (amplitude, scale).</summary>
    public double WobbleAmplitude { get; init; } = 1.6;

    public double WobbleCell { get; init; } = 70;

    /// <summary>
    /// Skin moisture: -1 is very dry (thin, broken ridges), +1 very wet (thick, merged ridges).
    /// Drawn normal with this deviation, cut at ±1.
    /// </summary>
    public double MoistureDeviation { get; init; } = 0.5;

    /// <summary>Ridge threshold shift at moisture ±1 (the master ridge map spans [-1, 1]).</summary>
    public double MoistureThresholdShift { get; init; } = 0.5;

    /// <summary>Thinner, fainter ridges where pressure drops at the contact border.</summary>
    public double BorderPressureLoss { get; init; } = 0.8;

    /// <summary>Fine noise on the ridge edges (amplitude, scale).</summary>
    public double RidgeNoiseAmplitude { get; init; } = 0.5;

    public double RidgeNoiseCell { get; init; } = 2.5;

    /// <summary>Pixel-level grain of the ink (skin texture, residue), as a fraction of full ink.</summary>
    public Interval InkGrain { get; init; } = new(0.1, 0.4);

    /// <summary>Breaks in dry ridges: strength at moisture -1 and scale of the dry patches.</summary>
    public double DryBreaks { get; init; } = 0.75;

    public double DryBreakCell { get; init; } = 6;

    /// <summary>How much of a pore shows, drawn per impression.</summary>
    public Interval PoreVisibility { get; init; } = new(0.1, 0.7);

    /// <summary>Gray level of the background and of the darkest ridge.</summary>
    public Interval BackgroundLevel { get; init; } = new(170, 215);

    public Interval RidgeLevel { get; init; } = new(10, 55);

    /// <summary>Slow stains and shading of the background (amplitude in gray levels, scale).</summary>
    public double BackgroundTextureAmplitude { get; init; } = 7;

    public double BackgroundTextureCell { get; init; } = 64;

    /// <summary>Gaussian blur deviation of the optics.</summary>
    public Interval Blur { get; init; } = new(0.5, 1.1);

    /// <summary>Deviation of the sensor's per-pixel noise, in gray levels.</summary>
    public Interval SensorNoise { get; init; } = new(2, 7);
}
