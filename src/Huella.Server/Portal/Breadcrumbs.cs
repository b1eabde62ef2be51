using Huella.Elections.Geography;

namespace Huella.Server.Portal;

/// <summary>Where a page sits: nation › state › municipality › parish › centre (› mesa), each a link but the page itself.</summary>
internal static class Breadcrumbs
{
    private static readonly GeoLevel[] Levels = [GeoLevel.State, GeoLevel.Municipality, GeoLevel.Parish, GeoLevel.Centre];

    public static void Write(Html html, PortalContext context, GeoLevel level, int prefix, MesaId? mesa)
    {
        html.Open("nav", ("aria-label", context.Text.Breadcrumbs)).Open("ol", ("class", "crumbs"));
        var here = mesa is null && level == GeoLevel.Nation;
        html.Open("li").Open("a", ("href", context.Home), ("aria-current", here ? "page" : null)).Text(context.Text.Nation).Close("a").Close("li");
        if (level != GeoLevel.Nation)
        {
            // A centre code carries every level above it: 9 digits → 2, 4, 6 digits.
            var centreValue = level switch
            {
                GeoLevel.State => prefix * 10_000_000,
                GeoLevel.Municipality => prefix * 100_000,
                GeoLevel.Parish => prefix * 1_000,
                _ => prefix,
            };
            foreach (var at in Levels.Where(l => l <= level))
            {
                var atPrefix = at switch
                {
                    GeoLevel.State => centreValue / 10_000_000,
                    GeoLevel.Municipality => centreValue / 100_000,
                    GeoLevel.Parish => centreValue / 1_000,
                    _ => centreValue,
                };
                var area = context.Snapshot.Area(at, atPrefix);
                var name = area is null ? $"{context.LevelName(at)} {PortalContext.AreaCode(at, atPrefix)}" : context.AreaName(area);
                html.Open("li").Open("a", ("href", context.AreaHref(at, atPrefix)), ("aria-current", mesa is null && at == level ? "page" : null)).Text(name).Close("a").Close("li");
            }
        }

        if (mesa is { } m)
        {
            html.Open("li").Open("a", ("href", context.MesaHref(m)), ("aria-current", "page")).Text($"{context.Text.Mesa} {m}").Close("a").Close("li");
        }

        html.Close("ol").Close("nav");
    }
}
