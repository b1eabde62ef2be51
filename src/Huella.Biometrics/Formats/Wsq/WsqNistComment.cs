using System.Globalization;
using System.Text;

namespace Huella.Biometrics.Formats.Wsq;

/// <summary>
/// The NISTCOM comment: "NIST_COM n" followed by KEY VALUE lines (n counts all of them), which
/// NIST tools write into COM segments to record size, depth, resolution and compression.
/// </summary>
internal static class WsqNistComment
{
    public const string Header = "NIST_COM";

    public static bool IsNistComment(ReadOnlySpan<byte> text) =>
        text.StartsWith("NIST_COM"u8);

    /// <summary>The PPI field when present and positive (NIST writes -1 for unknown).</summary>
    public static int? ReadPpi(ReadOnlySpan<byte> text)
    {
        foreach (var line in Encoding.ASCII.GetString(text).Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("PPI ", StringComparison.Ordinal)
                && int.TryParse(trimmed.AsSpan(4).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ppi)
                && ppi > 0)
            {
                return ppi;
            }
        }

        return null;
    }

    public static byte[] Build(int width, int height, int ppi, double bitRate)
    {
        string[] fields =
        [
            $"PIX_WIDTH {width}",
            $"PIX_HEIGHT {height}",
            "PIX_DEPTH 8",
            $"PPI {ppi}",
            "LOSSY 1",
            "COLORSPACE GRAY",
            "COMPRESSION WSQ",
            $"WSQ_BITRATE {bitRate.ToString("F6", CultureInfo.InvariantCulture)}",
        ];
        var text = $"{Header} {fields.Length + 1}\n" + string.Join('\n', fields);
        return Encoding.ASCII.GetBytes(text);
    }
}
