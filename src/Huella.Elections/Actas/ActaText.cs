namespace Huella.Elections.Actas;

/// <summary>A signed acta as base64url text, for links, messages and the command line.</summary>
public static class ActaText
{
    public static string ToText(byte[] signedActa) => Convert.ToBase64String(signedActa).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParse(string text, out byte[] signedActa)
    {
        ArgumentNullException.ThrowIfNull(text);
        signedActa = [];
        var standard = text.Trim().Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var buffer = new byte[standard.Length];
        if (!Convert.TryFromBase64String(standard, buffer, out var written) || written == 0)
        {
            return false;
        }

        signedActa = buffer[..written];
        return true;
    }
}
