namespace Huella.Elections.Scan;

public enum PhotoErrorKind
{
    /// <summary>The bytes are no image format the scanner reads (JPEG, PNG, BMP, WebP, TIFF).</summary>
    NotAnImage,

    /// <summary>The image starts well but is truncated or corrupt.</summary>
    Unreadable,

    /// <summary>The file is larger than <see cref="PhotoLimits.MaxBytes"/>.</summary>
    TooManyBytes,

    /// <summary>The header declares more than <see cref="PhotoLimits.MaxPixels"/>.</summary>
    TooManyPixels,
}

/// <summary>Why a photo could not be turned into pixels.</summary>
public readonly record struct PhotoError(PhotoErrorKind Kind, string Message);
