namespace Huella.Research.Synthesis;

/// <summary>Kind of singularity of the ridge orientation field.</summary>
public enum SingularPointType
{
    /// <summary>Innermost turn of a loop or whorl (Poincaré index +1/2).</summary>
    Core,

    /// <summary>Triangle where three ridge flows meet (Poincaré index −1/2).</summary>
    Delta,
}

/// <summary>
/// A singular point of a synthetic master print, in pixels of the master canvas
/// (x to the right, y downward, 500 dpi).
/// </summary>
public readonly record struct SingularPoint(SingularPointType Type, double X, double Y);
