namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>The 2-bit minutia type stored above the x coordinate.</summary>
public enum RecordMinutiaType : byte
{
    Other = 0,
    Ending = 1,
    Bifurcation = 2,

    /// <summary>Bit pattern 11, reserved by both standards; kept so such records still round-trip.</summary>
    Reserved = 3,
}
