using Huella.Identity.Gallery;

namespace Huella.Identity.Enrollment;

/// <summary>The registry's decision settings.</summary>
public sealed record RegistryOptions
{
    /// <summary>Captures below this image quality (0–100) are refused at enrollment.</summary>
    public int MinEnrollQuality { get; init; } = 20;

    /// <summary>
    /// False match rate per comparison behind the duplicate threshold at enrollment. The chance an
    /// enrollment is flagged against an unrelated person (FPIR) grows with the gallery: about
    /// N × fingers × this rate for small rates.
    /// </summary>
    public double DeduplicationFmr { get; init; } = 1e-4;

    /// <summary>False match rate of a 1:1 verification decision unless the caller asks for another.</summary>
    public double VerificationFmr { get; init; } = 1e-4;

    /// <summary>Candidates kept in an adjudication case and returned by identification by default.</summary>
    public int MaxCandidates { get; init; } = 10;

    public GalleryOptions Gallery { get; init; } = new();
}
