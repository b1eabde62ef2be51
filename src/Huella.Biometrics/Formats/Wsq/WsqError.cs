namespace Huella.Biometrics.Formats.Wsq;

/// <summary>Builds the one exception type WSQ parsing throws for bad input.</summary>
internal static class WsqError
{
    public const string Format = "WSQ";

    public static FingerprintFormatException At(long offset, string message) =>
        new($"WSQ: {message} (at byte {offset}).") { Format = Format, Offset = offset };

    public static FingerprintFormatException General(string message) =>
        new($"WSQ: {message}.") { Format = Format };
}
