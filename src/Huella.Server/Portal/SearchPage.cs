using Huella.Elections.Geography;

namespace Huella.Server.Portal;

/// <summary>
/// The search box's answer: a mesa or area code goes straight to its page; anything else is looked
/// for in every area's name (centres, parishes, municipalities, states), ignoring case and accents
/// (<see cref="SearchIndex"/>).
/// </summary>
internal static class SearchPage
{
    public const int MaxResults = 100;

    /// <summary>The page a code names, when the query is a code this election has; else null.</summary>
    public static string? Direct(PortalContext context, string query)
    {
        var q = query.Trim();
        if (MesaId.TryParse(q, out var mesa) && (context.Snapshot.ExpectedMesas.Contains(mesa) || context.Snapshot.Area(GeoLevel.Centre, mesa.Centre.Value)?.Mesas.Contains(mesa) == true))
        {
            return context.MesaHref(mesa);
        }

        return PortalEndpoints.ParseArea(q) is { } area && context.Snapshot.Area(area.Level, area.Prefix) is not null
            ? context.AreaHref(area.Level, area.Prefix)
            : null;
    }

    public static string Render(PortalContext context, string? query)
    {
        var t = context.Text;
        var q = (query ?? "").Trim();
        return PortalLayout.Render(context, t.SearchTitle, html =>
        {
            html.Element("h1", t.SearchTitle);
            if (q.Length == 0)
            {
                html.Element("p", t.SearchHint);
                return;
            }

            var found = Find(context, q).Take(MaxResults + 1).ToList();
            if (found.Count == 0)
            {
                html.Element("p", t.Format(t.SearchNothing, q));
                html.Element("p", t.SearchHint, ("class", "note"));
                return;
            }

            html.Element("p", t.Format(t.SearchResults, found.Count > MaxResults ? $"{MaxResults}+" : t.Count(found.Count), q));
            html.Open("div", ("class", "scroll")).Open("table").Element("caption", t.SearchTitle);
            html.Open("thead").Row("th", t.Name, t.Level, t.Code).Close("thead").Open("tbody");
            foreach (var (href, name, level, code) in found.Take(MaxResults))
            {
                html.Open("tr").Open("th", ("scope", "row")).Link(href, name).Close("th").Element("td", level).Element("td", code).Close("tr");
            }

            html.Close("tbody").Close("table").Close("div");
        });
    }

    private static IEnumerable<(string Href, string Name, string Level, string Code)> Find(PortalContext context, string query)
    {
        var index = context.Snapshot.Search;
        foreach (var mesa in index.MesasStartingWith(query))
        {
            yield return (context.MesaHref(mesa), $"{context.Text.Mesa} {mesa}", context.Text.Mesa, mesa.ToString());
        }

        foreach (var area in index.AreasNamed(query).Select(key => context.Snapshot.Areas[key]))
        {
            yield return (context.AreaHref(area.Level, area.Prefix), context.AreaName(area), context.LevelName(area.Level), PortalContext.AreaCode(area.Level, area.Prefix));
        }
    }
}
