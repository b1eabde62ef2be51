using Huella.Elections.Contests;
using Huella.Elections.Forensics;
using Huella.Server.Forensics;

namespace Huella.Server.Portal;

/// <summary>
/// <c>/2024/forensica</c>: the statistics of the 2024 table (<see cref="ForensicsAnalysis"/>) and
/// their plots, computed once on first request and kept, in the portal's frame and language.
/// </summary>
internal static class ForensicsPortalPage
{
    public const string Path = "/2024/forensica";

    public static void Map(IEndpointRouteBuilder app, Ve2024Election election, PortalSites sites)
    {
        var report = new Lazy<ForensicsReport>(() => ForensicsAnalysis.Compute(election.Rows, Venezuela2024.Presidential));
        var plots = new Lazy<IReadOnlyList<ForensicsPlot>>[2];
        foreach (var language in Enum.GetValues<ForensicsLanguage>())
        {
            plots[(int)language] = new(() => ForensicsPlots.Render(report.Value, language));
        }

        app.MapGet(Path, (HttpContext http, CancellationToken ct) => PortalEndpoints.PageAsync(http, election, sites, c =>
            {
                var language = Of(c.Text);
                return PortalEndpoints.Page(PortalLayout.Render(c, c.Text.NavForensics, html => html.Trusted(ForensicsPage.Render(report.Value, language, $"{Path}/{Lang(language)}"))));
            }, ct))
            .AllowAnonymous().ExcludeFromDescription().WithTags("portal");
        app.MapGet($"{Path}/{{lang}}/{{file}}", (string lang, string file) =>
            {
                var language = lang == Lang(ForensicsLanguage.English) ? ForensicsLanguage.English : ForensicsLanguage.Spanish;
                return plots[(int)language].Value.FirstOrDefault(p => p.FileName == file) is { } plot
                    ? Results.File(plot.Bytes.ToArray(), plot.ContentType)
                    : Results.NotFound();
            })
            .AllowAnonymous().ExcludeFromDescription().WithTags("portal");
    }

    private static ForensicsLanguage Of(PortalText text) => text.Language == PortalText.English.Language ? ForensicsLanguage.English : ForensicsLanguage.Spanish;

    private static string Lang(ForensicsLanguage language) => language == ForensicsLanguage.English ? "en" : "es";
}
