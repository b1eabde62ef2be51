namespace Huella.Identity.Enrollment;

/// <summary>Why a capture or an enrollment request could not be used.</summary>
public enum CaptureProblemCode
{
    /// <summary>The request itself is malformed (a bad row, path or field in an import).</summary>
    Input,
    UnreadableImage,
    TooLarge,
    Dpi,
    NoFingerprint,
    LowQuality,
    Fingers,
    Position,
    Cedula,
    Demographics,
    CedulaTaken,
    ReferenceTaken,
    Conflict,
}

/// <summary>
/// The codes clients see (JSON <c>problems[].code</c>, CLI output): pinned here, once, so renaming
/// or reordering the enum never changes what an integrator already branches on.
/// </summary>
public static class CaptureProblemCodes
{
    public static string ToWire(this CaptureProblemCode code) => code switch
    {
        CaptureProblemCode.Input => "input",
        CaptureProblemCode.UnreadableImage => "unreadable-image",
        CaptureProblemCode.TooLarge => "too-large",
        CaptureProblemCode.Dpi => "dpi",
        CaptureProblemCode.NoFingerprint => "no-fingerprint",
        CaptureProblemCode.LowQuality => "low-quality",
        CaptureProblemCode.Fingers => "fingers",
        CaptureProblemCode.Position => "position",
        CaptureProblemCode.Cedula => "cedula",
        CaptureProblemCode.Demographics => "demographics",
        CaptureProblemCode.CedulaTaken => "cedula-taken",
        CaptureProblemCode.ReferenceTaken => "reference-taken",
        CaptureProblemCode.Conflict => "conflict",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "no wire code"),
    };

    /// <summary>True for problems that mean "someone is already enrolled as this", answered 409 rather than 422.</summary>
    public static bool IsConflict(this CaptureProblemCode code) => code is CaptureProblemCode.CedulaTaken or CaptureProblemCode.Conflict;
}
