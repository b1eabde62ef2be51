using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Huella.Elections.Scan;

namespace Huella.Server.Central;

/// <summary>
/// A scan report as a small HTML fragment (one <c>section</c>, no scripts or styles of its own) for
/// the portal's layout to wrap: the verdict as a heading, the scanner's message, the acta's mesa,
/// format and signature check, and a table of the numbers that differ.
/// </summary>
internal static class ScanEndpointHtml
{
    public static string Render(ScanReport report, bool spanish = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<section class=\"scan-result scan-{ScanReportJson.OutcomeName(report.Outcome)}\" lang=\"{(spanish ? "es" : "en")}\" aria-live=\"polite\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(Verdict(report.Outcome, spanish))}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p lang=\"en\">{Encode(report.Message)}</p>\n");
        if (report.Code is not null || report.Format is not null)
        {
            html.Append("<dl>\n");
            Item(html, spanish ? "Mesa" : "Mesa", report.Code);
            Item(html, spanish ? "Formato" : "Format", report.Format is { } format ? (format == ScanFormat.Huella ? (spanish ? "Acta firmada de Huella" : "Huella signed acta") : (spanish ? "QR del CNE 2024" : "CNE 2024 QR")) : null);
            Item(html, spanish ? "Firmas" : "Signatures", report.Signature);
            Item(html, spanish ? "Comparada con" : "Compared with", report.Published);
            html.Append("</dl>\n");
        }

        if (report.Differences.Count > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<table>\n<caption>{(spanish ? "Números que difieren" : "Numbers that differ")}</caption>\n");
            html.Append(CultureInfo.InvariantCulture, $"<thead><tr><th scope=\"col\">{(spanish ? "Campo" : "Field")}</th><th scope=\"col\">{(spanish ? "En el papel" : "On paper")}</th><th scope=\"col\">{(spanish ? "Publicado" : "Published")}</th></tr></thead>\n<tbody>\n");
            foreach (var d in report.Differences)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{Encode(d.Field)}</th><td>{d.Scanned}</td><td>{d.Published}</td></tr>\n");
            }

            html.Append("</tbody>\n</table>\n");
        }

        html.Append("</section>\n");
        return html.ToString();
    }

    /// <summary>An upload refused before any scan (too large, not a form, no photo).</summary>
    public static string Refusal(string title, string detail) =>
        $"<section class=\"scan-result scan-refused\" aria-live=\"polite\">\n<h2>{Encode(title)}</h2>\n<p>{Encode(detail)}</p>\n</section>\n";

    private static void Item(StringBuilder html, string term, string? value)
    {
        if (value is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<dt>{Encode(term)}</dt><dd>{Encode(value)}</dd>\n");
        }
    }

    private static string Verdict(ScanOutcome outcome, bool spanish) => (outcome, spanish) switch
    {
        (ScanOutcome.Agrees, true) => "Coincide con lo publicado",
        (ScanOutcome.Agrees, false) => "Agrees with what was published",
        (ScanOutcome.Differs, true) => "NO coincide con lo publicado",
        (ScanOutcome.Differs, false) => "DIFFERS from what was published",
        (ScanOutcome.NotPublished, true) => "No publicada",
        (ScanOutcome.NotPublished, false) => "Not published",
        (ScanOutcome.NotCompared, true) => "Leída, sin comparar",
        (ScanOutcome.NotCompared, false) => "Read, not compared",
        (ScanOutcome.Invalid, true) => "Acta no válida",
        (ScanOutcome.Invalid, false) => "Invalid acta",
        (ScanOutcome.NotAnActa, true) => "El QR no es un acta",
        (ScanOutcome.NotAnActa, false) => "The QR code is not an acta",
        (ScanOutcome.NoCode, true) => "No se encontró ningún código QR",
        (ScanOutcome.NoCode, false) => "No QR code found",
        (_, true) => "El archivo no es una foto legible",
        _ => "The file is not a readable photo",
    };

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");
}
