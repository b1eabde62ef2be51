namespace Huella.Elections.Scan;

public enum ScanOutcome
{
    /// <summary>The acta was read and agrees with what was published for its mesa.</summary>
    Agrees,

    /// <summary>The acta was read and at least one number differs from what was published.</summary>
    Differs,

    /// <summary>The acta was read; nothing was published for its mesa.</summary>
    NotPublished,

    /// <summary>The acta was read and checked; no published source was given to compare with.</summary>
    NotCompared,

    /// <summary>A Huella acta whose signatures or numbers do not check, or a CNE payload that does not parse.</summary>
    Invalid,

    /// <summary>A QR code was read, but it is not an acta.</summary>
    NotAnActa,

    /// <summary>The photo was read, but no QR code was found in it.</summary>
    NoCode,

    /// <summary>The file is not a readable image within the limits.</summary>
    BadPhoto,
}
