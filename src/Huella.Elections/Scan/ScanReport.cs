namespace Huella.Elections.Scan;

/// <summary>
/// What the scanner found in one photo: the code and its format, the acta's mesa, the signature
/// check (Huella), and how it compares with what was published. <see cref="Message"/> says it in one line.
/// </summary>
public sealed record ScanReport
{
    public string? File { get; init; }

    public required ScanOutcome Outcome { get; init; }

    public required string Message { get; init; }

    public ScanFormat? Format { get; init; }

    /// <summary>The QR's text: a CNE payload as printed, a Huella acta as base64url; null when no code was read.</summary>
    public string? Payload { get; init; }

    /// <summary>The mesa code, <c>240111020.01</c>.</summary>
    public string? Code { get; init; }

    public int? Contest { get; init; }

    /// <summary>The verifier's verdict on a Huella acta's signatures (null for CNE, or when no keys were given).</summary>
    public string? Signature { get; init; }

    /// <summary>True or false when there was something to compare with, null otherwise.</summary>
    public bool? Agrees { get; init; }

    public IReadOnlyList<ScanDifference> Differences { get; init; } = [];

    /// <summary>The source compared with.</summary>
    public string? Published { get; init; }

    /// <summary>Which attempt of the locator read the code.</summary>
    public string? Method { get; init; }

    /// <summary>Whether this photo makes a batch fail: unreadable, not a valid acta, or different from what was published.</summary>
    public bool IsFailure => Outcome is not (ScanOutcome.Agrees or ScanOutcome.NotPublished or ScanOutcome.NotCompared);
}
