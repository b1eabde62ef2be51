using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Elections.Printing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Huella.Server.Portal;

/// <summary>
/// The portal's routes, the same for every election it serves (central's own at <c>/</c>, the 2024
/// table at <c>/2024</c>): GET only, anonymous, HTML pages plus each counted acta's QR (PNG) and
/// printed acta (PDF).
/// </summary>
internal static class PortalEndpoints
{
    private const string HtmlType = "text/html; charset=utf-8";

    // Pages load nothing but their own stylesheet and images: an injected tag could not run or fetch.
    private const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void MapPortal(this IEndpointRouteBuilder app)
    {
        var sites = app.ServiceProvider.GetRequiredService<PortalSites>();
        var options = app.ServiceProvider.GetRequiredService<IOptions<PortalOptions>>();
        app.MapGet(PortalCss.Path, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return TypedResults.Text(PortalCss.Text, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        Map(app, sites.Live, sites, options);
        ScanPage.Map(app, sites);
        if (sites.Ve2024 is { } ve2024)
        {
            Map(app, ve2024, sites, options);
            ForensicsPortalPage.Map(app, ve2024, sites);
        }
    }

    /// <summary>An area code as the portal writes it: 2 digits a state, 4 a municipality, 6 a parish, 9 a centre.</summary>
    public static (GeoLevel Level, int Prefix)? ParseArea(string code)
    {
        if (code.Length is not (2 or 4 or 6 or 9) || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var value = int.Parse(code, System.Globalization.CultureInfo.InvariantCulture);
        return (code.Length switch { 2 => GeoLevel.State, 4 => GeoLevel.Municipality, 6 => GeoLevel.Parish, _ => GeoLevel.Centre }, value);
    }

    private static void Map(IEndpointRouteBuilder app, IPortalElection election, PortalSites sites, IOptions<PortalOptions> options)
    {
        var at = election.BasePath;
        void Get(string path, Delegate handler) => app.MapGet(path.Length == 0 ? "/" : path, handler).AllowAnonymous().ExcludeFromDescription().WithTags("portal");

        Get(at, (HttpContext http, CancellationToken ct) => PageAsync(http, election, sites, c => Page(AreaPage.Render(c, c.Snapshot.Nation)), ct));
        Get($"{at}/area/{{code}}", (HttpContext http, string code, CancellationToken ct) => PageAsync(http, election, sites, c =>
            ParseArea(code) is { } area && c.Snapshot.Area(area.Level, area.Prefix) is { } found
                ? Page(AreaPage.Render(c, found))
                : NotFound(c, c.Text.Format(c.Text.NotFoundArea, code)), ct));
        Get($"{at}/mesa/{{code}}", (HttpContext http, string code, CancellationToken ct) => PageAsync(http, election, sites, async c =>
            MesaId.TryParse(code, out var mesa) && await election.MesaAsync(mesa, ct) is { } record
                ? Page(MesaPage.Render(c, record))
                : NotFound(c, c.Text.Format(c.Text.NotFoundMesa, code)), ct));
        Get($"{at}/mesa/{{code}}/{{contest:int}}/qr.png", (string code, int contest, CancellationToken ct) => ActaFileAsync(election, code, contest, bytes =>
        {
            var (pixels, size) = ActaQr.Render(ActaQr.Modules(bytes), 4);
            return TypedResults.File(ImageEncoder.EncodePng(new GrayImage(size, size, pixels)), "image/png");
        }, ct));
        Get($"{at}/mesa/{{code}}/{{contest:int}}/acta.pdf", (string code, int contest, CancellationToken ct) => ActaFileAsync(election, code, contest, bytes =>
        {
            var signed = SignedActa.TryDecode(bytes, out var decoded, out _) ? decoded! : throw new InvalidOperationException("central counted an acta it cannot decode");
            var pdf = ActaPrint.RenderPdf(signed, new ActaPrintOptions { Contest = election.Contests[contest].ToContest(), Keys = election.Keys });
            return TypedResults.File(pdf, "application/pdf", $"acta-{signed.Acta.Mesa}-{contest}.pdf");
        }, ct));
        Get($"{at}/missing", (HttpContext http, CancellationToken ct) => PageAsync(http, election, sites, c => Page(MissingPage.Render(c, options.Value.LateAfterMinutes)), ct));
        Get($"{at}/anomalies", (HttpContext http, CancellationToken ct) => PageAsync(http, election, sites, c => Page(AnomaliesPage.Render(c)), ct));
        Get($"{at}/search", (HttpContext http, string? q, CancellationToken ct) => PageAsync(http, election, sites, c =>
            q is not null && SearchPage.Direct(c, q) is { } direct ? TypedResults.Redirect(direct) : Page(SearchPage.Render(c, q)), ct));
    }

    internal static Task<IResult> PageAsync(HttpContext http, IPortalElection election, PortalSites sites, Func<PortalContext, IResult> page, CancellationToken cancellationToken) =>
        PageAsync(http, election, sites, c => Task.FromResult(page(c)), cancellationToken);

    internal static async Task<IResult> PageAsync(HttpContext http, IPortalElection election, PortalSites sites, Func<PortalContext, Task<IResult>> page, CancellationToken cancellationToken)
    {
        var text = PortalLanguage.Resolve(http);
        var snapshot = await election.SnapshotAsync(cancellationToken);
        http.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "no-cache";
        return await page(new PortalContext(text, election, snapshot, sites, http.Request.Path.Value ?? "/", http.Request.QueryString.Value));
    }

    internal static ContentHttpResult Page(string html, int status = StatusCodes.Status200OK) => TypedResults.Content(html, HtmlType, statusCode: status);

    private static ContentHttpResult NotFound(PortalContext context, string message) => TypedResults.Content(NotFoundPage.Render(context, message), HtmlType, statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> ActaFileAsync(IPortalElection election, string code, int contest, Func<byte[], IResult> file, CancellationToken cancellationToken)
    {
        if (!election.SignedActas || !MesaId.TryParse(code, out var mesa) || (uint)contest >= (uint)election.Contests.Length)
        {
            return TypedResults.NotFound();
        }

        var record = await election.MesaAsync(mesa, cancellationToken);
        return record?.Contests[contest].CountedBytes is { } bytes ? file(bytes) : TypedResults.NotFound();
    }
}
