using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Huella.Crypto;
using Huella.Elections.Central;
using Huella.Elections.Geography;

namespace Huella.Elections.Reporting;

/// <summary>
/// Station and central logs as NIST SP 1500-101 Election Event Logging documents (JSON, version 1),
/// read-only exports of the logs as they are. A station's events keep its hash chain: each event's
/// Hash is the chain hash after that line (SHA-256, docs/station.md), so the last one is the head
/// the acta carries. Central's events are the archive's rows in the order received: one per acta
/// version (accepted, conflicting or rejected; the same bytes sent again are no new row), with the
/// SHA-256 of the bytes as Hash.
/// </summary>
public static class EventLogReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A station's log lines ("time verb details…") as one device's events; a line without a time is refused.</summary>
    public static string FromStationLog(string electionId, MesaId mesa, IEnumerable<string> lines, DateTimeOffset generated)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var events = new JsonArray();
        var head = HashChain.Genesis.ToArray();
        var sequence = 0;
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            sequence++;
            head = HashChain.Link(head, Encoding.UTF8.GetBytes(line));
            var parts = line.Split(' ', 3);
            if (parts.Length < 2 || !DateTimeOffset.TryParse(parts[0], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
            {
                throw new FormatException($"Station log line {sequence} is not 'time verb details': {line}");
            }

            var details = parts.Length > 2 ? parts[2] : "";
            events.Add(Event(sequence, time, parts[1], StationDisposition(parts[1], details), details, Convert.ToHexStringLower(head)));
        }

        return Document(electionId, generated, Device($"station-{mesa}", "electronic-poll-book", "Huella polling station: elector authentication, voting machine, acta", events));
    }

    /// <summary>Central's archive, every acta version in the order it was received.</summary>
    public static string FromCentralArchive(string electionId, IEnumerable<ArchivedActa> archive, DateTimeOffset generated)
    {
        ArgumentNullException.ThrowIfNull(archive);
        var events = new JsonArray();
        var sequence = 0;
        foreach (var acta in archive.OrderBy(a => a.ReceivedAt).ThenBy(a => a.Hash, StringComparer.Ordinal))
        {
            sequence++;
            var details = string.Create(CultureInfo.InvariantCulture, $"mesa={acta.Mesa?.ToString() ?? "?"} contest={acta.Contest} verdict={ArchiveCodes.Of(acta.Verdict)} bytes={acta.Size} sender={acta.Sender ?? "?"} reason={acta.Reason}");
            var disposition = acta.Status is IngestStatus.Accepted or IngestStatus.AlreadyReceived ? "success" : "failure";
            events.Add(Event(sequence, acta.ReceivedAt, $"acta-{Kebab(acta.Status.ToString())}", disposition, details, acta.Hash));
        }

        return Document(electionId, generated, Device("central", "transmission-receiving", "Huella central: acta reception and totalization", events));
    }

    // Refusals and retries are the failures an auditor looks for; everything else a station logs is routine.
    private static string StationDisposition(string verb, string details) =>
        verb == "authenticate" && !details.Contains(" Verified ", StringComparison.Ordinal) && !details.Contains(" Allowed", StringComparison.Ordinal) ? "failure" : "success";

    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static JsonObject Event(int sequence, DateTimeOffset time, string type, string disposition, string details, string hash) => new()
    {
        ["@type"] = "EventLogging.Event",
        ["Id"] = type,
        ["Sequence"] = sequence.ToString(CultureInfo.InvariantCulture),
        ["TimeStamp"] = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture),
        ["Type"] = type,
        ["Disposition"] = disposition,
        ["Details"] = details,
        ["Hash"] = hash,
    };

    private static JsonObject Device(string id, string type, string details, JsonArray events) => new()
    {
        ["@type"] = "EventLogging.Device",
        ["Id"] = id,
        ["Type"] = type,
        ["Manufacturer"] = "Huella",
        ["Model"] = "huella",
        ["HashType"] = "sha-256",
        ["Details"] = details,
        ["Event"] = events,
    };

    private static string Document(string electionId, DateTimeOffset generated, JsonObject device) => new JsonObject
    {
        ["@type"] = "EventLogging.ElectionEventLog",
        ["GeneratedTime"] = generated.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
        ["ElectionId"] = electionId,
        ["Device"] = new JsonArray(device),
    }.ToJsonString(Indented);
}
