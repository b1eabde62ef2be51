using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;

namespace Huella.Elections.Scan;

/// <summary>
/// A scan report as one JSON object: <c>file, format ("huella", "cne-2024" or null), payload, code,
/// contest, agrees, differences [{field, scanned, published}], outcome, message, signature, published, method</c>.
/// The same object the CLI prints one per line and <c>POST /scan</c> answers.
/// </summary>
public static class ScanReportJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string FormatName(ScanFormat? format) => format switch
    {
        ScanFormat.Huella => "huella",
        ScanFormat.Cne2024 => "cne-2024",
        _ => "",
    };

    /// <summary>kebab-case, as JSON carries it: <c>not-published</c>.</summary>
    public static string OutcomeName(ScanOutcome outcome) => outcome switch
    {
        ScanOutcome.Agrees => "agrees",
        ScanOutcome.Differs => "differs",
        ScanOutcome.NotPublished => "not-published",
        ScanOutcome.NotCompared => "not-compared",
        ScanOutcome.Invalid => "invalid",
        ScanOutcome.NotAnActa => "not-an-acta",
        ScanOutcome.NoCode => "no-code",
        _ => "bad-photo",
    };

    public static string ToJson(ScanReport report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Write(writer, report);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static void Write(Utf8JsonWriter writer, ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        writer.WriteStartObject();
        writer.WriteString("file", report.File);
        if (report.Format is { } format)
        {
            writer.WriteString("format", FormatName(format));
        }
        else
        {
            writer.WriteNull("format");
        }

        writer.WriteString("payload", report.Payload);
        writer.WriteString("code", report.Code);
        if (report.Contest is { } contest)
        {
            writer.WriteNumber("contest", contest);
        }
        else
        {
            writer.WriteNull("contest");
        }

        if (report.Agrees is { } agrees)
        {
            writer.WriteBoolean("agrees", agrees);
        }
        else
        {
            writer.WriteNull("agrees");
        }

        writer.WriteStartArray("differences");
        foreach (var difference in report.Differences)
        {
            writer.WriteStartObject();
            writer.WriteString("field", difference.Field);
            writer.WriteNumber("scanned", difference.Scanned);
            writer.WriteNumber("published", difference.Published);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("outcome", OutcomeName(report.Outcome));
        writer.WriteString("message", report.Message);
        writer.WriteString("signature", report.Signature);
        writer.WriteString("published", report.Published);
        writer.WriteString("method", report.Method);
        writer.WriteEndObject();
    }
}
