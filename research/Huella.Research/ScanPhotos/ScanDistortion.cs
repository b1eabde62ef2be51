namespace Huella.Research.ScanPhotos;

/// <summary>What a generated photo suffers, one class at a time, or all at once (<see cref="Phone"/>).</summary>
public enum ScanDistortion
{
    /// <summary>Flat, sharp, 3–5 pixels a module, almost straight.</summary>
    Clean,

    /// <summary>Turned by any angle.</summary>
    Rotated,

    /// <summary>Photographed at a slant: each corner moved up to a fifth of the page.</summary>
    Perspective,

    /// <summary>Out of focus: Gaussian blur of 0.3–0.55 of a module.</summary>
    Blur,

    /// <summary>Sensor noise, uneven light and (on thermal strips) a worn head's streaks and specks.</summary>
    Noise,

    /// <summary>JPEG at quality 30–50 with 2.5–3.5 pixels a module.</summary>
    Jpeg,

    /// <summary>1.7–2.4 pixels a module.</summary>
    LowResolution,

    /// <summary>A phone photo: slant, turn, some blur and noise, uneven light, JPEG 30–80, cropped.</summary>
    Phone,
}

/// <summary>What was photographed.</summary>
public enum ScanDocument
{
    /// <summary>Huella's printed acta: an A4 page with the signed acta in its QR.</summary>
    HuellaPage,

    /// <summary>A CNE 2024 acta: a long thermal strip with the 38 counts in its QR.</summary>
    CneStrip,
}

/// <summary>
/// One generated photo: the encoded file and what its QR holds (the signed acta's bytes for Huella,
/// the payload text for CNE), so a reader's answer can be checked exactly.
/// </summary>
public sealed record ScanPhoto(string Name, ScanDistortion Distortion, ScanDocument Document, byte[] File, string Extension, byte[] ExpectedBytes, string ExpectedText, string Mesa)
{
    /// <summary>How the photo was taken, in words (module size, angle, slant, blur, noise, light, JPEG quality, crop).</summary>
    public string Conditions { get; init; } = "";
}
