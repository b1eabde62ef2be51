namespace Huella.Biometrics.Formats.AnsiNist;

/// <summary>Compression of an image record, unified over binary GCA codes and tagged CGA labels.</summary>
public enum ImageCompression
{
    /// <summary>A code or label this library does not know; see <see cref="AnsiNistImage.CompressionLabel"/>.</summary>
    Unknown = 0,
    None,
    Wsq,
    JpegBaseline,
    JpegLossless,
    Jpeg2000,
    Jpeg2000Lossless,
    Png,
}

internal static class ImageCompressionCodes
{
    /// <summary>Binary GCA codes of Types 3–4 (ANSI/NIST-ITL 1-2011 compression table).</summary>
    public static ImageCompression FromCode(int code) => code switch
    {
        0 => ImageCompression.None,
        1 => ImageCompression.Wsq,
        2 => ImageCompression.JpegBaseline,
        3 => ImageCompression.JpegLossless,
        4 => ImageCompression.Jpeg2000,
        5 => ImageCompression.Jpeg2000Lossless,
        6 => ImageCompression.Png,
        _ => ImageCompression.Unknown,
    };

    /// <summary>Tagged CGA labels; older transactions wrote the numeric codes or "WSQ" instead.</summary>
    public static ImageCompression FromLabel(string label) => label.Trim().ToUpperInvariant() switch
    {
        "NONE" or "0" => ImageCompression.None,
        "WSQ20" or "WSQ" or "1" => ImageCompression.Wsq,
        "JPEGB" or "2" => ImageCompression.JpegBaseline,
        "JPEGL" or "3" => ImageCompression.JpegLossless,
        "JP2" or "4" => ImageCompression.Jpeg2000,
        "JP2L" or "5" => ImageCompression.Jpeg2000Lossless,
        "PNG" or "6" => ImageCompression.Png,
        _ => ImageCompression.Unknown,
    };
}
