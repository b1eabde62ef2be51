using Huella.Elections.Geography;

namespace Huella.Server.Portal;

/// <summary>Expected mesas without a counted acta, per contest, and counted actas that arrived late.</summary>
internal static class MissingPage
{
    /// <summary>Rows listed per table; the count above it says how many there are in all.</summary>
    public const int MaxRows = 1_000;

    public static string Render(PortalContext context, double lateAfterMinutes)
    {
        var t = context.Text;
        return PortalLayout.Render(context, t.MissingTitle, html =>
        {
            html.Element("h1", t.MissingTitle);
            foreach (var contest in context.Snapshot.Contests)
            {
                var missing = contest.Anomalies.Where(a => a.Kind == PortalAnomalyKind.MissingMesa).Select(a => a.Mesa).ToList();
                html.Element("h2", contest.Contest.Name);
                html.Element("p", context.Snapshot.InstalledMesas is { } installed
                    ? t.Format(t.MissingIntro2024, t.Count(contest.Counted.Count), t.Count(installed))
                    : t.Format(t.MissingIntro, contest.Contest.Name, t.Count(missing.Count)));
                MesaTable(html, context, $"{contest.Contest.Name}: {t.StatusMissing}", missing);
            }

            if (context.Election.SignedActas)
            {
                html.Element("h2", t.LateTitle);
                html.Element("p", t.Format(t.LateIntro, t.Count((long)lateAfterMinutes)));
                if (context.Snapshot.Late.IsEmpty)
                {
                    html.Element("p", t.NoneListed);
                    return;
                }

                html.Open("div", ("class", "scroll")).Open("table").Element("caption", t.LateTitle);
                html.Open("thead").Row("th", t.Mesa, t.NavResults, t.ClosedAt, t.Received, t.Delay).Close("thead").Open("tbody");
                foreach (var late in context.Snapshot.Late.Take(MaxRows))
                {
                    html.Open("tr").Open("th", ("scope", "row")).Link(context.MesaHref(late.Mesa), late.Mesa.ToString()).Close("th")
                        .Element("td", context.Snapshot.Contests[late.Contest].Contest.Name)
                        .Element("td", PortalText.Time(late.ClosedAt))
                        .Element("td", PortalText.Time(late.ReceivedAt))
                        .Element("td", late.Delay.ToString(@"d\.hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture))
                        .Close("tr");
                }

                html.Close("tbody").Close("table").Close("div");
            }
        });
    }

    private static void MesaTable(Html html, PortalContext context, string caption, List<MesaId> mesas)
    {
        var t = context.Text;
        if (mesas.Count == 0)
        {
            html.Element("p", t.NoneListed);
            return;
        }

        if (mesas.Count > MaxRows)
        {
            html.Element("p", t.Format(t.ShownFirst, t.Count(MaxRows)), ("class", "note"));
        }

        html.Open("div", ("class", "scroll")).Open("table").Element("caption", caption);
        html.Open("thead").Row("th", t.Mesa, t.Centre, t.Parish).Close("thead").Open("tbody");
        foreach (var mesa in mesas.Take(MaxRows))
        {
            var centre = context.Snapshot.Area(GeoLevel.Centre, mesa.Centre.Value);
            var parish = context.Snapshot.Area(GeoLevel.Parish, mesa.Centre.PrefixAt(GeoLevel.Parish));
            html.Open("tr").Open("th", ("scope", "row")).Link(context.MesaHref(mesa), mesa.ToString()).Close("th")
                .Open("td").Link(context.AreaHref(GeoLevel.Centre, mesa.Centre.Value), centre is null ? mesa.Centre.ToString() : context.AreaName(centre)).Close("td")
                .Element("td", parish is null ? "" : context.AreaName(parish))
                .Close("tr");
        }

        html.Close("tbody").Close("table").Close("div");
    }
}
