namespace Huella.Biometrics;

/// <summary>What kind of problem a <see cref="FingerprintFormatException"/> reports.</summary>
public enum FingerprintFormatError
{
    /// <summary>The bytes are truncated, corrupt or outside what the format allows.</summary>
    Malformed = 0,

    /// <summary>
    /// The header declares an image larger than Huella decodes (<see cref="Imaging.ImageDecoder.MaxPixels"/>):
    /// refused before anything that size is allocated.
    /// </summary>
    ImageTooLarge,
}
