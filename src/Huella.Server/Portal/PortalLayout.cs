namespace Huella.Server.Portal;

/// <summary>The frame of every page: language, title, skip link, navigation, search box, language switch, footer.</summary>
internal static class PortalLayout
{
    public static string Render(PortalContext context, string title, Action<Html> main)
    {
        var t = context.Text;
        var html = new Html();
        html.Open("!DOCTYPE html").Open("html", ("lang", t.Language)).Open("head")
            .Open("meta", ("charset", "utf-8"))
            .Open("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Element("title", $"{title} · {t.SiteName}")
            .Open("link", ("rel", "stylesheet"), ("href", PortalCss.Path))
            .Close("head").Open("body")
            .Element("a", t.SkipToContent, ("class", "skip"), ("href", "#main"));

        html.Open("header");
        html.Element("a", t.SwitchLanguage, ("class", "lang"), ("href", SwitchHref(context)), ("lang", t.OtherLanguage), ("hreflang", t.OtherLanguage));
        html.Element("a", t.SiteName, ("class", "site"), ("href", context.Home));
        html.Text(" · ").Text(context.Snapshot.Name);
        html.Open("nav", ("aria-label", t.MainNavigation)).Open("ul");
        Item(html, context.Home, t.NavResults);
        Item(html, $"{context.Base}/missing", t.NavMissing);
        Item(html, $"{context.Base}/anomalies", t.NavAnomalies);
        if (context.Election.SignedActas)
        {
            Item(html, "/public/v1/actas.csv", t.DownloadActasCsv);
            Item(html, "/public/v1/log/head", t.LogHead);
            Item(html, "/scan", t.NavScan);
        }

        if (context.Sites.Ve2024 is { } ve2024 && context.Election == context.Sites.Live)
        {
            Item(html, ve2024.BasePath, t.Nav2024);
        }

        if (context.Sites.Ve2024 is not null && context.Election != context.Sites.Live)
        {
            Item(html, "/", t.NavLive);
            Item(html, "/2024/forensica", t.NavForensics);
        }

        html.Close("ul").Close("nav");
        html.Open("form", ("class", "search"), ("method", "get"), ("action", $"{context.Base}/search"), ("role", "search"))
            .Element("label", t.SearchLabel, ("for", "q"))
            .Open("input", ("type", "search"), ("id", "q"), ("name", "q"), ("value", context.Path.EndsWith("/search", StringComparison.Ordinal) ? SearchQuery(context.Query) : null))
            .Element("button", t.SearchButton, ("type", "submit"))
            .Close("form");
        html.Close("header");

        html.Open("main", ("id", "main"));
        main(html);
        html.Close("main");

        html.Open("footer");
        html.Element("p", t.Format(t.TakenAt, PortalText.Time(context.Snapshot.TakenAt)));
        if (context.Snapshot.InstalledMesas is { } installed)
        {
            html.Element("p", t.Format(t.Table2024, t.Count(context.Snapshot.Contests[0].Counted.Count), t.Count(installed)));
        }

        html.Element("p", t.ReadOnly);
        html.Close("footer").Close("body").Close("html");
        return html.ToString();
    }

    private static void Item(Html html, string href, string text) => html.Open("li").Link(href, text).Close("li");

    /// <summary>The same page in the other language: the path and query as they came, with <c>lang</c> replaced.</summary>
    private static string SwitchHref(PortalContext context)
    {
        var kept = (context.Query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("lang=", StringComparison.OrdinalIgnoreCase));
        return $"{context.Path}?{string.Join('&', kept.Append($"lang={context.Text.OtherLanguage}"))}";
    }

    private static string? SearchQuery(string? query)
    {
        var parsed = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
        return parsed.TryGetValue("q", out var q) ? q.ToString() : null;
    }
}
