namespace Huella.Biometrics.Imaging;

/// <summary>Image container formats Huella reads, recognised from their first bytes.</summary>
public enum ImageFormat
{
    Unknown,
    Png,
    Jpeg,
    Bmp,
    Tiff,
    Pgm,
    Wsq,
}
