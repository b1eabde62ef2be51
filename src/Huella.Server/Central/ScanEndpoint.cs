using System.Globalization;
using Huella.Elections.Central;
using Huella.Elections.Scan;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Huella.Server.Central;

/// <summary>
/// <c>POST /scan</c>: anyone uploads a photo of a paper acta (multipart, field <c>photo</c>) and
/// gets back what its QR says, whether it verifies and whether it agrees with what central counted
/// for that mesa: JSON (<see cref="ScanReportJson"/>), or an HTML fragment when the client accepts
/// text/html (<see cref="ScanEndpointHtml.Render"/>). Nothing is stored. The upload is read as it
/// arrives and refused with 413 as soon as it passes the photo limit (at once when its declared
/// length does), and scans run a few at a time so a burst of uploads cannot take every core.
/// </summary>
internal static class ScanEndpoint
{
    public const string Route = "/scan";
    public const string PhotoField = "photo";

    /// <summary>Room for the multipart framing and a small form field or two beside the photo.</summary>
    private const long FramingBytes = 64 * 1024;

    /// <summary>How long an upload waits for a free scanner before it is answered 503.</summary>
    private static readonly TimeSpan QueueWait = TimeSpan.FromSeconds(30);

    public static RouteHandlerBuilder MapScan(this IEndpointRouteBuilder app, PhotoLimits? limits = null)
    {
        var central = app.ServiceProvider.GetRequiredService<CentralCount>();
        // With the 2024 table loaded, a CNE strip is compared with it; a Huella acta with central's archive.
        var table = app.ServiceProvider.GetService<Portal.PortalSites>()?.Ve2024 is { } ve2024 ? new CsvPublishedActas(ve2024.Rows, "the 2024 results table") : null;
        var scanner = new ObserverScan(central.Keys, new ArchivePublishedActas(central.Archive, central.Contests), limits) { Cne2024 = table };
        var gate = new SemaphoreSlim(Math.Max(1, Environment.ProcessorCount / 2));
        return app.MapPost(Route, (HttpContext context, CancellationToken cancellationToken) => ScanAsync(context, scanner, gate, cancellationToken))
            .AllowAnonymous()
            .WithName("ScanActa")
            .WithTags("scan")
            .Accepts<IFormFile>("multipart/form-data")
            .WithSummary("Check a photo of a paper acta (multipart field 'photo'): its QR, signatures, and agreement with what central counted. Nothing is stored.");
    }

    private static async Task<IResult> ScanAsync(HttpContext context, ObserverScan scanner, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var html = WantsHtml(context.Request);
        var limit = scanner.Limits.MaxBytes + FramingBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            return Refuse(html, StatusCodes.Status413PayloadTooLarge, "Photo too large", $"A photo may be at most {scanner.Limits.MaxBytes:N0} bytes; this upload is {context.Request.ContentLength:N0}.", "too-large");
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Refuse(html, StatusCodes.Status415UnsupportedMediaType, "Send the photo as a form upload", $"POST the photo as multipart/form-data in the field '{PhotoField}'.", "unsupported-media-type");
        }

        (byte[]? Photo, bool TooLarge) upload;
        try
        {
            upload = await ReadPhotoAsync(context.Request.Body, boundary, scanner.Limits.MaxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(html, StatusCodes.Status413PayloadTooLarge, "Photo too large", $"A photo may be at most {scanner.Limits.MaxBytes:N0} bytes.", "too-large");
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Refuse(html, StatusCodes.Status400BadRequest, "Malformed upload", "The form upload could not be read.", "malformed-upload");
        }

        if (upload.TooLarge)
        {
            return Refuse(html, StatusCodes.Status413PayloadTooLarge, "Photo too large", $"A photo may be at most {scanner.Limits.MaxBytes:N0} bytes.", "too-large");
        }

        if (upload.Photo is not { } photo)
        {
            return Refuse(html, StatusCodes.Status400BadRequest, "No photo", $"The form has no file in the field '{PhotoField}'.", "no-photo");
        }

        if (!await gate.WaitAsync(QueueWait, cancellationToken))
        {
            return Refuse(html, StatusCodes.Status503ServiceUnavailable, "Busy", "Too many photos are being checked; send it again in a minute.", "busy");
        }

        ScanReport report;
        try
        {
            // CPU-bound: off the request thread.
            report = await Task.Run(() => scanner.ScanAsync(photo, null, cancellationToken), cancellationToken);
        }
        finally
        {
            gate.Release();
        }

        var status = report.Outcome == ScanOutcome.BadPhoto ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK;
        return html
            ? await Portal.ScanPage.ResultAsync(context, ScanEndpointHtml.Render(report, Spanish(context.Request)), status, cancellationToken)
            : TypedResults.Content(ScanReportJson.ToJson(report), "application/json; charset=utf-8", statusCode: status);
    }

    /// <summary>The first part named <see cref="PhotoField"/> (null when there is none; other parts are skipped), or too large: reading stops past <paramref name="maxBytes"/>.</summary>
    private static async Task<(byte[]? Photo, bool TooLarge)> ReadPhotoAsync(Stream body, string boundary, long maxBytes, CancellationToken cancellationToken)
    {
        // The reader's own limit sits above the photo limit and Kestrel's body limit, so an oversize
        // upload always ends in one of those two (413), never in the reader's InvalidDataException (400).
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = maxBytes + (2 * FramingBytes) };
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, PhotoField, StringComparison.Ordinal))
            {
                continue;
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await section.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, true);
                }

                buffer.Write(chunk, 0, read);
            }

            return (buffer.ToArray(), false);
        }

        return (null, false);
    }

    private static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept is { Count: > 0 } accept
        && accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
        && !accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) && (a.Quality ?? 1) >= (accept.First(h => h.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase)).Quality ?? 1));

    /// <summary>Spanish unless the client prefers English.</summary>
    private static bool Spanish(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage is not { Count: > 0 } languages
        || !languages.OrderByDescending(l => l.Quality ?? 1).First().Value.Value!.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    private static IResult Refuse(bool html, int status, string title, string detail, string slug) =>
        html
            ? TypedResults.Content(ScanEndpointHtml.Refusal(title, detail), "text/html; charset=utf-8", statusCode: status)
            : TypedResults.Problem(detail, statusCode: status, title: title, type: $"urn:huella:scan:{slug}", extensions: new Dictionary<string, object?> { ["stored"] = false });
}
