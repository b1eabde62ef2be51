namespace Huella.Biometrics.Formats.Minutiae;

/// <summary>
/// One minutia as stored in a finger minutiae record: pixel position (origin top-left), angle in
/// the record's own raw units (see <see cref="MinutiaeStandardExtensions.AngleUnitsPerCircle"/>),
/// and quality 0–100 (0 = not reported).
/// </summary>
/// <remarks>X and Y are 14-bit fields (0–16383). The angle is kept raw rather than in degrees so a
/// record reads and writes back byte for byte; convert with <see cref="AngleDegrees"/>.</remarks>
public readonly record struct RecordMinutia(RecordMinutiaType Type, int X, int Y, int Angle, int Quality)
{
    /// <summary>Largest value a 14-bit coordinate field can hold.</summary>
    public const int MaxCoordinate = 0x3FFF;

    /// <summary>The angle in degrees, counter-clockwise from the x axis, for a record of <paramref name="standard"/>.</summary>
    public double AngleDegrees(MinutiaeStandard standard) => Angle * 360.0 / standard.AngleUnitsPerCircle();
}
