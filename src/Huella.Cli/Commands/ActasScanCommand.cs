using System.CommandLine;
using Huella.Elections;
using Huella.Elections.Actas;
using Huella.Elections.Scan;

namespace Huella.Cli.Commands;

/// <summary>
/// <c>huella actas scan IMAGE... [--csv RESULTS_CSV] [--url CENTRAL] [--keys KEYS] [--json]</c>: reads
/// the QR code in each photo of a paper acta, checks it and compares it with what was published.
/// Exit code 0 when every photo was read and none is invalid or differs, 1 otherwise, 2 on a usage error.
/// </summary>
internal static class ActasScanCommand
{
    /// <summary>API key sent to central with <c>--url</c>, when central asks for one (its per-mesa actas need an observer key).</summary>
    public const string ApiKeyVariable = "HUELLA_API_KEY";

    public static Command Build()
    {
        var images = new Argument<FileInfo[]>("image") { Description = "Photos or scans of paper actas (JPEG, PNG, BMP, WebP, TIFF).", Arity = ArgumentArity.OneOrMore };
        var csv = new Option<FileInfo?>("--csv") { Description = "Compare with this per-mesa results table (Venezuela 2024 format)." }.MustExistAsFile();
        var url = new Option<string?>("--url") { Description = $"Compare with what this central server counted (GET /central/v1/actas/{{mesa}}; API key from ${ApiKeyVariable} when set)." };
        var keys = new Option<FileInfo?>("--keys") { Description = "Check Huella actas' signatures against these published keys (JSON)." }.MustExistAsFile();
        var json = new Option<bool>("--json") { Description = "One JSON object per line per image: file, format, payload, code, agrees, differences, outcome, message." };
        var command = new Command("scan", "Read the QR code on photos of paper actas (Huella or CNE 2024), check it, and compare it with the published results.")
        {
            images, csv, url, keys, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (parse.GetValue(csv) is not null && parse.GetValue(url) is not null)
            {
                error.WriteLine("huella actas scan: give --csv or --url, not both.");
                return HuellaCommand.UsageError;
            }

            Uri? central = null;
            if (parse.GetValue(url) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out central) || central.Scheme is not ("http" or "https")))
            {
                error.WriteLine($"huella actas scan: --url '{text}' is not an http(s) address.");
                return HuellaCommand.UsageError;
            }

            using var http = central is not null ? Client(central) : null;
            try
            {
                var published = parse.GetValue(csv) is { } table ? CsvPublishedActas.Load(table.FullName)
                    : http is not null ? new CentralPublishedActas(http)
                    : (IPublishedActas?)null;
                var publishedKeys = parse.GetValue(keys) is { } keysFile ? PublishedKeysFile.Parse(await File.ReadAllTextAsync(keysFile.FullName, cancellationToken)) : null;
                var scanner = new ObserverScan(publishedKeys, published);
                var failed = false;
                foreach (var image in parse.GetValue(images)!)
                {
                    var report = await ScanOneAsync(scanner, image, cancellationToken);
                    failed |= report.IsFailure;
                    output.WriteLine(parse.GetValue(json) ? ScanReportJson.ToJson(report) : $"{image.Name}: {Word(report.Outcome)}: {report.Message}");
                }

                return failed ? 1 : 0;
            }
            catch (Exception e) when (e is ElectionDataException or IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException)
            {
                error.WriteLine($"huella actas scan: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<ScanReport> ScanOneAsync(ObserverScan scanner, FileInfo image, CancellationToken cancellationToken)
    {
        if (!image.Exists)
        {
            return new ScanReport { File = image.Name, Outcome = ScanOutcome.BadPhoto, Message = "No such file." };
        }

        if (image.Length > scanner.Limits.MaxBytes)
        {
            return new ScanReport { File = image.Name, Outcome = ScanOutcome.BadPhoto, Message = $"The file is {image.Length:N0} bytes; a photo may be at most {scanner.Limits.MaxBytes:N0}." };
        }

        var bytes = await File.ReadAllBytesAsync(image.FullName, cancellationToken);
        return await scanner.ScanAsync(bytes, image.Name, cancellationToken);
    }

    private static HttpClient Client(Uri central)
    {
        var root = central.AbsoluteUri.EndsWith('/') ? central : new Uri(central.AbsoluteUri + "/");
        var http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(30) };
        if (Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } key)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return http;
    }

    private static string Word(ScanOutcome outcome) => outcome switch
    {
        ScanOutcome.Agrees => "AGREES",
        ScanOutcome.Differs => "DIFFERS",
        ScanOutcome.NotPublished => "NOT PUBLISHED",
        ScanOutcome.NotCompared => "read",
        ScanOutcome.Invalid => "INVALID",
        ScanOutcome.NotAnActa => "NOT AN ACTA",
        ScanOutcome.NoCode => "NO CODE",
        _ => "BAD PHOTO",
    };
}
