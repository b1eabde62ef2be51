using System.CommandLine;
using System.Text.Json;
using Huella.Elections;

namespace Huella.Cli.Commands;

/// <summary><c>huella actas audit --url URL [--since HEAD.json] [--out DIR] [--json]</c>: checks everything central published (see <see cref="ActasAudit"/>).</summary>
internal static class ActasAuditCommand
{
    public static Command Build()
    {
        var url = new Option<string>("--url") { Description = "Central's address, http(s)://HOST:PORT (its /public/v1 downloads are read).", Required = true };
        var since = new Option<FileInfo?>("--since") { Description = "A tree head saved earlier (head.json of a previous --out): the log must still hold everything it held." }.MustExistAsFile();
        var output = new Option<DirectoryInfo?>("--out") { Description = "Keep every download here (head.json is what a later --since takes), with report.json." };
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var command = new Command("audit", "Download all actas, proofs and results from central and check every signature, proof and total offline; exit 0 only when all hold.") { url, since, output, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var writer = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var address = parse.GetValue(url)!;
            if (!Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
            {
                await error.WriteLineAsync($"huella actas audit: --url '{address}' is not an http(s) address.");
                return 2;
            }

            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };
            try
            {
                var saved = parse.GetValue(since) is { } file
                    ? JsonSerializer.Deserialize<AuditHead>(await File.ReadAllTextAsync(file.FullName, cancellationToken), ActasAuditDocuments.Json)
                    : null;
                var folder = parse.GetValue(output);
                folder?.Create();
                var report = await new ActasAudit(http).RunAsync(saved, folder?.FullName, cancellationToken);
                var text = JsonSerializer.Serialize(report, parse.GetValue(json) ? ActasAuditDocuments.Json : ActasAuditDocuments.Indented);
                if (folder is not null)
                {
                    await File.WriteAllTextAsync(Path.Combine(folder.FullName, "report.json"), text, cancellationToken);
                }

                if (parse.GetValue(json))
                {
                    await writer.WriteLineAsync(text);
                }
                else
                {
                    Print(report, writer);
                }

                return report.Ok ? 0 : 1;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or ElectionDataException or IOException or FormatException or ArgumentException or InvalidOperationException)
            {
                await error.WriteLineAsync($"huella actas audit: cannot audit {address}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static void Print(ActasAuditReport report, TextWriter writer)
    {
        writer.WriteLine($"audit of {report.Url}: signed head of {report.TreeSize:N0} leaves, root {report.Root}");
        writer.WriteLine($"  {report.Versions:N0} acta versions listed, {report.SignaturesChecked:N0} acta files checked, {report.ProofsChecked:N0} audit paths verified{(report.NewerThanHead > 0 ? $", {report.NewerThanHead:N0} newer than the head" : "")}");
        foreach (var failure in report.Failures)
        {
            writer.WriteLine($"FAIL {failure}");
        }

        writer.WriteLine(report.Ok ? "audit: OK: every signature, proof and total holds" : $"audit: {report.Failures.Count} failure(s)");
    }
}
