namespace Huella.Biometrics;

/// <summary>Why an image gave no template.</summary>
public enum NoFingerprintReason
{
    /// <summary>Extraction succeeded.</summary>
    None = 0,

    /// <summary>Smaller than a few ridge periods at 500 dpi: nothing to measure.</summary>
    ImageTooSmall,

    /// <summary>Larger than the engine accepts after resampling to 500 dpi.</summary>
    ImageTooLarge,

    /// <summary>No area with ridge contrast and coherent ridge flow (blank, saturated, noise).</summary>
    NoFingerprintArea,

    /// <summary>A ridge area was found but too few reliable minutiae in it.</summary>
    TooFewMinutiae,
}
