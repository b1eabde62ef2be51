using Huella.Identity.Gallery;

namespace Huella.Identity.Enrollment;

/// <summary>The registry's decision settings.</summary>
public sealed record RegistryOptions
{
    /// <summary>Captures below this image quality (0–100) are refused at enrollment.</summary>
    public int MinEnrollQuality { get; init; } = 20;

    /// <summary>
    /// False positive identification rate of the duplicate search at enrollment: the chance that an
    /// applicant who is not in the gallery is flagged as a possible duplicate. Each comparison's
    /// threshold is set at this rate divided by the comparisons the search makes (probe fingers ×
    /// fingers in the gallery), so the rate holds as the gallery grows; in a gallery small enough for
    /// that to be looser than <see cref="VerificationFmr"/>, the verification rate applies instead.
    /// </summary>
    public double DeduplicationFpir { get; init; } = 1e-3;

    /// <summary>False match rate of a 1:1 verification decision unless the caller asks for another.</summary>
    public double VerificationFmr { get; init; } = 1e-4;

    /// <summary>Candidates kept in an adjudication case and returned by identification by default.</summary>
    public int MaxCandidates { get; init; } = 10;

    public GalleryOptions Gallery { get; init; } = new();
}
