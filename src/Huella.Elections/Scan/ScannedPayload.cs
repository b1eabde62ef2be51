using System.Text.RegularExpressions;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Elections.Ve2024;

namespace Huella.Elections.Scan;

public enum ScanFormat
{
    /// <summary>A Huella signed acta (binary, in byte mode).</summary>
    Huella,

    /// <summary>The CNE's 2024 acta QR: <c>CENTRE.MESA.1.0001!38 counts!null!0</c>.</summary>
    Cne2024,
}

/// <summary>What a QR code holds, told apart by content: a signed Huella acta, a CNE 2024 payload (well formed or not), or neither.</summary>
public sealed partial record ScannedPayload(ScanFormat? Format, string Text, MesaId? Mesa, int Contest, SignedActa? Huella, CneQrPayload? Cne, string? Problem)
{
    public static ScannedPayload Of(QrRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (SignedActa.TryDecode(read.Bytes, out var signed, out _))
        {
            return new(ScanFormat.Huella, ActaText.ToText(read.Bytes), signed!.Acta.Mesa, signed.Acta.Contest, signed, null, null);
        }

        var text = read.Text.Trim();
        if (CneQrPayload.TryParse(text, out var cne, out var error))
        {
            return new(ScanFormat.Cne2024, text, cne!.Mesa, 0, null, cne, null);
        }

        // A code that starts like a CNE acta but does not parse is a damaged or forged one: say so, and for which mesa.
        if (CneHead().Match(text) is { Success: true } head)
        {
            MesaId? mesa = MesaId.TryParse(head.Groups[1].Value, out var parsed) ? parsed : null;
            return new(ScanFormat.Cne2024, text, mesa, 0, null, null, $"not a valid CNE 2024 acta QR: {error}");
        }

        return new(null, text, null, 0, null, null, "the QR code is not an acta (neither a Huella signed acta nor a CNE 2024 acta QR)");
    }

    /// <summary>A well-formed acta of either format: what the locator keeps looking for past other QR codes.</summary>
    public static bool IsActa(QrRead read) => Of(read) is { Format: not null, Problem: null };

    [GeneratedRegex(@"^(\d{9}\.\d{1,3})\.\d+\.\d+!")]
    private static partial Regex CneHead();
}
