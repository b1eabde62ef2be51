namespace Huella.Server.Portal;

/// <summary>Everything an observer must look at, per contest: conflicting actas and more ballots than electors, listed, never corrected; missing mesas counted and linked.</summary>
internal static class AnomaliesPage
{
    public static string Render(PortalContext context)
    {
        var t = context.Text;
        return PortalLayout.Render(context, t.AnomaliesTitle, html =>
        {
            html.Element("h1", t.AnomaliesTitle);
            foreach (var contest in context.Snapshot.Contests)
            {
                html.Element("h2", contest.Contest.Name);
                var missing = contest.Anomalies.Count(a => a.Kind == PortalAnomalyKind.MissingMesa);
                html.Open("p").Link($"{context.Base}/missing", $"{t.MissingMesa}: {t.Count(missing)}").Close("p");
                var listed = contest.Anomalies.Where(a => a.Kind != PortalAnomalyKind.MissingMesa).ToList();
                if (listed.Count == 0)
                {
                    html.Element("p", t.NoneListed);
                    continue;
                }

                if (listed.Count > MissingPage.MaxRows)
                {
                    html.Element("p", t.Format(t.ShownFirst, t.Count(MissingPage.MaxRows)), ("class", "note"));
                }

                html.Open("div", ("class", "scroll")).Open("table").Element("caption", $"{contest.Contest.Name}: {t.AnomaliesTitle}");
                html.Open("thead").Row("th", t.Mesa, t.AnomalyKind, t.Detail).Close("thead").Open("tbody");
                foreach (var anomaly in listed.Take(MissingPage.MaxRows))
                {
                    html.Open("tr").Open("th", ("scope", "row")).Link(context.MesaHref(anomaly.Mesa), anomaly.Mesa.ToString()).Close("th")
                        .Element("td", anomaly.Kind == PortalAnomalyKind.ConflictingActas ? t.ConflictingActas : t.MoreBallotsThanElectors)
                        .Element("td", anomaly.Detail)
                        .Close("tr");
                }

                html.Close("tbody").Close("table").Close("div");
            }
        });
    }
}
