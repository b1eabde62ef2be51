namespace Huella.Biometrics.Formats.Wsq;

/// <summary>Every tunable of the WSQ codec, with the reason for its value.</summary>
internal static class WsqParameters
{
    /// <summary>
    /// Largest image the decoder accepts, in pixels: the limit of every decoder (4 x 4 inches at
    /// 1000 ppi, <see cref="Imaging.ImageDecoder.MaxPixels"/>). The decoder needs about 13 bytes of
    /// working memory per pixel, so the frame header is checked before any of it is allocated.
    /// </summary>
    public const long MaxPixels = Imaging.ImageDecoder.MaxPixels;

    /// <summary>
    /// Highest bit rate the encoder takes, in bits per pixel: above 2.25 (the FBI's highest) WSQ
    /// gains no fidelity, and from about 6 the finest bins push coefficients past what the format
    /// stores, so the file no longer decodes to the image (measured on FVC2002 101_1: worst pixel
    /// error 18 at 2.25–5, 49 at 6, 234 at 8).
    /// </summary>
    public const double MaxBitRate = 4;

    /// <summary>
    /// Pixels a single input byte may stand for. WSQ at its usual bit rates compresses 10-20:1 and
    /// even a blank frame stays well under 1000:1 because the tables alone take about 600 bytes;
    /// the bound stops a few bytes with a large frame size from costing gigabytes.
    /// </summary>
    public const int MaxPixelsPerInputByte = 2000;

    /// <summary>Bin centre C the encoder writes (0.44, as in the specification's examples).</summary>
    public const uint BinCenterRaw = 44;

    public const byte BinCenterScale = 2;

    /// <summary>Zero-bin width relative to bin width (Z = 1.2 Q).</summary>
    public const double ZeroBinRatio = 1.2;

    /// <summary>Subbands whose variance is below this carry no information worth coding.</summary>
    public const double VarianceThreshold = 1.01;

    /// <summary>
    /// When the four lowest bands' variances sum below this the image is nearly flat and variances
    /// are measured over whole subbands instead of their central windows.
    /// </summary>
    public const double LowVarianceSum = 20000;

    /// <summary>Encoder identifier written to the frame header, as the NIST reference encoder does.</summary>
    public const byte EncoderNumber = 2;

    /// <summary>Shortest side of any split region the 9/7 analysis can filter.</summary>
    public const int MinSplitLength = 5;

    /// <summary>Largest coefficient magnitude written (the reference decoder stores 16-bit signed).</summary>
    public const int MaxCoefficient = short.MaxValue;

    /// <summary>Finest bin widths the rate control tries, as a fraction of the specification's.</summary>
    public const double FinestBinScale = 0.4;

    /// <summary>Bisection steps of the rate control (each one quantizes and codes the image once more).</summary>
    public const int RateSearchSteps = 6;
}
