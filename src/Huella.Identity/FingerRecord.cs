namespace Huella.Identity;

/// <summary>How and when a finger was captured.</summary>
public sealed record CaptureMetadata(DateTimeOffset CapturedAt, string Device, double Dpi);

/// <summary>
/// One enrolled finger: the template bytes as written by <c>FingerprintTemplate.ToBytes</c>, its
/// image quality (0–100) and how it was captured. Stores keep the template encrypted.
/// </summary>
public sealed record FingerRecord(FingerPosition Position, ReadOnlyMemory<byte> Template, int Quality, CaptureMetadata Capture);
