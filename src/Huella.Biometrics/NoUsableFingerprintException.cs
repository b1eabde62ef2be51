namespace Huella.Biometrics;

/// <summary>
/// Thrown by <see cref="FingerprintTemplate.Create"/> when an image holds no usable fingerprint.
/// Callers that expect such images (capture loops, bulk enrolment) use
/// <see cref="FingerprintTemplate.TryCreate"/> instead and read the reason.
/// </summary>
public sealed class NoUsableFingerprintException : Exception
{
    public NoUsableFingerprintException()
    {
    }

    public NoUsableFingerprintException(string message)
        : base(message)
    {
    }

    public NoUsableFingerprintException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public NoUsableFingerprintException(NoFingerprintReason reason)
        : base($"No usable fingerprint in the image: {reason}.") => Reason = reason;

    public NoFingerprintReason Reason { get; }
}
