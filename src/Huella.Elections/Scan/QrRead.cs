namespace Huella.Elections.Scan;

/// <summary>A QR code read from a photo: its bytes, the same as text, and which attempt of the locator found it.</summary>
public sealed record QrRead(byte[] Bytes, string Text, string Method);
