namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>
/// The two 2004/2005-era finger minutiae record standards. Both begin "FMR\0" " 20\0" and share
/// the view and minutia layout; they differ in the header (ANSI adds a CBEFF product id and uses a
/// 2- or 6-byte length, ISO a 4-byte length) and in the unit of the minutia angle.
/// </summary>
public enum MinutiaeStandard
{
    /// <summary>ISO/IEC 19794-2:2005; angles in 360/256 = 1.40625° steps (0–255).</summary>
    Iso19794v2005 = 1,

    /// <summary>ANSI INCITS 378-2004; angles in 2° steps (0–179).</summary>
    Ansi378v2004 = 2,
}

/// <summary>Angle units of each standard, so callers never hard-code 1.40625 or 2.</summary>
internal static class MinutiaeStandardExtensions
{
    /// <summary>How many raw angle units make a full circle: 256 for ISO, 180 for ANSI.</summary>
    public static int AngleUnitsPerCircle(this MinutiaeStandard standard) => standard switch
    {
        MinutiaeStandard.Iso19794v2005 => 256,
        MinutiaeStandard.Ansi378v2004 => 180,
        _ => throw new ArgumentOutOfRangeException(nameof(standard), standard, "Unknown minutiae standard."),
    };

    /// <summary>Human-readable name, also used as <see cref="FingerprintFormatException.Format"/>.</summary>
    public static string DisplayName(this MinutiaeStandard standard) => standard switch
    {
        MinutiaeStandard.Iso19794v2005 => "ISO/IEC 19794-2:2005",
        MinutiaeStandard.Ansi378v2004 => "ANSI INCITS 378-2004",
        _ => throw new ArgumentOutOfRangeException(nameof(standard), standard, "Unknown minutiae standard."),
    };
}
