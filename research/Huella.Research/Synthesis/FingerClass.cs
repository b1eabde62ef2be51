namespace Huella.Research.Synthesis;

/// <summary>Henry–Galton pattern class of a fingerprint, as seen on the image (not mirrored).</summary>
public enum FingerClass
{
    /// <summary>Ridges enter on one side and leave on the other, bulging upward; no singular point.</summary>
    Arch,

    /// <summary>An arch with a sharp rise: one core right above one delta.</summary>
    TentedArch,

    /// <summary>Ridges enter and leave on the left; the delta sits on the right.</summary>
    LeftLoop,

    /// <summary>Ridges enter and leave on the right; the delta sits on the left.</summary>
    RightLoop,

    /// <summary>Circular or spiral ridges round two cores, with one delta on each side.</summary>
    Whorl,
}
