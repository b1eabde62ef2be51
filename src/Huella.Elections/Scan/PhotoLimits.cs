namespace Huella.Elections.Scan;

/// <summary>
/// How large a photo the scanner takes. A phone photo is 3–12 MB and up to 48 megapixels; a
/// 600 dpi scan of an A4 page is 35 megapixels. Above <see cref="MaxDecodedPixels"/> a JPEG is
/// decoded at a reduced scale (its codec does that for free), which still leaves a printed QR
/// several pixels a module.
/// </summary>
public sealed record PhotoLimits
{
    public static PhotoLimits Default { get; } = new();

    /// <summary>Largest file, bytes.</summary>
    public long MaxBytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>Largest image a header may declare (width × height); larger is refused before any pixel is decoded.</summary>
    public long MaxPixels { get; init; } = 64L * 1000 * 1000;

    /// <summary>Most pixels kept after decoding; a larger JPEG is decoded at 1/2, 1/4 or 1/8 scale.</summary>
    public long MaxDecodedPixels { get; init; } = 16L * 1000 * 1000;
}
