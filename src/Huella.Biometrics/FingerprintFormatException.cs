namespace Huella.Biometrics;

/// <summary>
/// Input that claims to be a fingerprint image, template or transaction but is not valid:
/// truncated, corrupt, or outside what the format allows. Every parser in Huella throws this
/// (and nothing else) for bad bytes, so callers can reject input without catching everything.
/// </summary>
public sealed class FingerprintFormatException : FormatException
{
    public FingerprintFormatException()
    {
    }

    public FingerprintFormatException(string message)
        : base(message)
    {
    }

    public FingerprintFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Which format was being read (for example "WSQ", "ISO 19794-2"), when known.</summary>
    public string? Format { get; init; }

    /// <summary>Whether the input is malformed or declares an image too large to decode.</summary>
    public FingerprintFormatError Error { get; init; }

    /// <summary>Byte offset in the input where the problem was found, when known.</summary>
    public long? Offset { get; init; }
}
