using Huella.Server.Central;

namespace Huella.Server.Portal;

/// <summary>
/// <c>GET /scan</c>: the form an observer uploads a photo of a paper acta with (no JavaScript: a
/// plain multipart POST to <see cref="ScanEndpoint"/>, whose answer to a browser is this page again
/// with the result above the form).
/// </summary>
internal static class ScanPage
{
    public static void Map(IEndpointRouteBuilder app, PortalSites sites) =>
        app.MapGet(ScanEndpoint.Route, (HttpContext http, CancellationToken ct) =>
                PortalEndpoints.PageAsync(http, sites.Live, sites, c => PortalEndpoints.Page(Render(c, null)), ct))
            .AllowAnonymous().ExcludeFromDescription().WithTags("portal");

    /// <summary>The page for a browser's upload: the scan's result (already encoded) above a new form.</summary>
    public static async Task<IResult> ResultAsync(HttpContext http, string result, int status, CancellationToken cancellationToken)
    {
        var sites = http.RequestServices.GetRequiredService<PortalSites>();
        return await PortalEndpoints.PageAsync(http, sites.Live, sites, c => PortalEndpoints.Page(Render(c, result), status), cancellationToken);
    }

    private static string Render(PortalContext context, string? result)
    {
        var t = context.Text;
        return PortalLayout.Render(context, t.NavScan, html =>
        {
            html.Element("h1", t.NavScan);
            if (result is not null)
            {
                html.Trusted(result);
            }

            html.Element("p", t.ScanHelp);
            html.Open("form", ("method", "post"), ("action", ScanEndpoint.Route), ("enctype", "multipart/form-data"))
                .Element("label", t.ScanPhoto, ("for", "photo"))
                .Open("input", ("type", "file"), ("id", "photo"), ("name", ScanEndpoint.PhotoField), ("accept", "image/*"), ("required", "required"))
                .Element("button", t.ScanButton, ("type", "submit"))
                .Close("form");
        });
    }
}
