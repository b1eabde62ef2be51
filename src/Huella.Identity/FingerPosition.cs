namespace Huella.Identity;

/// <summary>Finger positions as numbered by ISO/IEC 19794-2 and ANSI/NIST-ITL (1 = right thumb … 10 = left little).</summary>
public enum FingerPosition
{
    RightThumb = 1,
    RightIndex = 2,
    RightMiddle = 3,
    RightRing = 4,
    RightLittle = 5,
    LeftThumb = 6,
    LeftIndex = 7,
    LeftMiddle = 8,
    LeftRing = 9,
    LeftLittle = 10,
}

public static class FingerPositions
{
    public static bool IsValid(FingerPosition position) => position is >= FingerPosition.RightThumb and <= FingerPosition.LeftLittle;

    public static bool TryParse(string? text, out FingerPosition position)
    {
        position = default;
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && IsValid((FingerPosition)number))
        {
            position = (FingerPosition)number;
            return true;
        }

        return Enum.TryParse(text, ignoreCase: true, out position) && IsValid(position) && !int.TryParse(text, out _);
    }
}
