using Huella.Biometrics.Imaging;

namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// FBI Wavelet Scalar Quantization (WSQ 3.1), the lossy format of 500 ppi fingerprint images in
/// ANSI/NIST-ITL transactions. Decoding matches the NIST reference decoder pixel for pixel.
/// </summary>
public static class WsqCodec
{
    /// <summary>Highest bit rate <see cref="Encode"/> takes: beyond it the file stops decoding faithfully.</summary>
    public const double MaxBitRate = WsqParameters.MaxBitRate;

    /// <summary>Whether <paramref name="data"/> starts with the WSQ start-of-image marker.</summary>
    public static bool IsWsq(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && data[0] == 0xFF && data[1] == 0xA0;

    /// <summary>
    /// Decodes a WSQ file. The resolution comes from the NISTCOM comment's PPI field when present,
    /// else <see cref="GrayImage.DefaultDpi"/>.
    /// </summary>
    /// <exception cref="FingerprintFormatException">The data is not valid WSQ.</exception>
    public static GrayImage Decode(ReadOnlySpan<byte> data) => WsqDecoder.Decode(data);

    /// <summary>
    /// Compresses <paramref name="image"/> at about <paramref name="bitRate"/> bits per pixel
    /// (0.75 is the FBI's rate for 500 ppi fingerprints, about 15:1). Writes a NISTCOM comment
    /// with the image's resolution, then <paramref name="comment"/> (if any) as a comment of its own.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bitRate"/> is not in (0, <see cref="MaxBitRate"/>].</exception>
    public static byte[] Encode(GrayImage image, double bitRate = 0.75, string? comment = null) =>
        WsqEncoder.Encode(image, bitRate, comment);
}
