using Huella.Elections.Geography;

namespace Huella.Server.Portal;

/// <summary>
/// The nation, a state, a municipality, a parish or a centre: how much of it is counted, turnout and
/// participation, each contest's results (with seats at the nation), and its areas or mesas to drill into.
/// </summary>
internal static class AreaPage
{
    public static string Render(PortalContext context, PortalArea area)
    {
        var t = context.Text;
        var snapshot = context.Snapshot;
        var title = area.Level == GeoLevel.Nation ? snapshot.Name : context.AreaName(area);
        return PortalLayout.Render(context, title, html =>
        {
            Breadcrumbs.Write(html, context, area.Level, area.Prefix, null);
            html.Element("h1", title);
            if (area.Level != GeoLevel.Nation)
            {
                html.Element("p", $"{context.LevelName(area.Level)} {PortalContext.AreaCode(area.Level, area.Prefix)}", ("class", "note"));
            }

            var key = PortalSnapshot.Key(area.Level, area.Prefix);
            var first = snapshot.Contests[0].Areas.GetValueOrDefault(key);
            Summary(html, t, area, first);
            foreach (var contest in snapshot.Contests)
            {
                html.Element("h2", contest.Contest.Name);
                ResultsTable.Write(html, context, contest, contest.Areas.GetValueOrDefault(key), area.Level == GeoLevel.Nation);
            }

            if (area.Level == GeoLevel.Centre)
            {
                Mesas(html, context, area);
            }
            else
            {
                Children(html, context, area);
            }
        });
    }

    public static void Summary(Html html, PortalText t, PortalArea area, AreaTally? tally)
    {
        var counted = tally?.Mesas ?? 0;
        html.Element("h2", t.Summary, ("class", "note"));
        html.Open("dl", ("class", "summary"));
        Term(html, t.MesasCounted, area.ExpectedMesas > 0 ? t.Format(t.OfFormat, t.Count(counted), t.Count(area.ExpectedMesas)) : t.Count(counted));
        Term(html, t.RegisteredElectors, t.Count(area.RegisteredElectors));
        Term(html, t.BallotsCounted, t.Count(tally?.BallotsCounted ?? 0));
        Term(html, t.Turnout, t.Percent(tally?.Turnout ?? 0));
        Term(html, t.Participation, t.Percent(area.RegisteredElectors == 0 ? 0 : (double)(tally?.BallotsCounted ?? 0) / area.RegisteredElectors));
        html.Close("dl");
    }

    private static void Term(Html html, string term, string value) => html.Element("dt", term).Element("dd", value);

    private static void Children(Html html, PortalContext context, PortalArea area)
    {
        var t = context.Text;
        var first = context.Snapshot.Contests[0];
        html.Element("h2", t.Areas);
        html.Open("div", ("class", "scroll")).Open("table").Element("caption", t.Format(t.ResultsOf, first.Contest.Name));
        html.Open("thead").Open("tr");
        foreach (var (head, numeric) in new[] { (t.Name, false), (t.Code, false), (t.Mesas, true), (t.RegisteredElectors, true), (t.Turnout, true), (t.Leading, false) })
        {
            html.Element("th", head, ("scope", "col"), ("class", numeric ? "n" : null));
        }

        html.Close("tr").Close("thead").Open("tbody");
        foreach (var key in area.Children)
        {
            var child = context.Snapshot.Areas[key];
            var tally = first.Areas.GetValueOrDefault(key);
            html.Open("tr").Open("th", ("scope", "row")).Link(context.AreaHref(child.Level, child.Prefix), context.AreaName(child)).Close("th")
                .Element("td", PortalContext.AreaCode(child.Level, child.Prefix))
                .Element("td", child.ExpectedMesas > 0 ? t.Format(t.OfFormat, t.Count(tally?.Mesas ?? 0), t.Count(child.ExpectedMesas)) : t.Count(tally?.Mesas ?? 0), ("class", "n"))
                .Element("td", t.Count(child.RegisteredElectors), ("class", "n"))
                .Element("td", t.Percent(tally?.Turnout ?? 0), ("class", "n"))
                .Element("td", Leader(first, tally))
                .Close("tr");
        }

        html.Close("tbody").Close("table").Close("div");
    }

    private static void Mesas(Html html, PortalContext context, PortalArea centre)
    {
        var t = context.Text;
        var first = context.Snapshot.Contests[0];
        var conflicted = first.Anomalies.Where(a => a.Kind == PortalAnomalyKind.ConflictingActas).Select(a => a.Mesa).ToHashSet();
        html.Element("h2", t.Mesas);
        html.Open("div", ("class", "scroll")).Open("table").Element("caption", t.Format(t.ResultsOf, first.Contest.Name));
        html.Open("thead").Open("tr");
        foreach (var (head, numeric) in new[] { (t.Mesa, false), (t.Status, false), (t.RegisteredElectors, true), (t.BallotsCounted, true), (t.Turnout, true), (t.Leading, false) })
        {
            html.Element("th", head, ("scope", "col"), ("class", numeric ? "n" : null));
        }

        html.Close("tr").Close("thead").Open("tbody");
        foreach (var mesa in centre.Mesas)
        {
            var result = first.Counted.GetValueOrDefault(mesa);
            var status = result is null ? t.StatusMissing : conflicted.Contains(mesa) ? t.StatusConflict : t.StatusCounted;
            html.Open("tr").Open("th", ("scope", "row")).Link(context.MesaHref(mesa), mesa.ToString()).Close("th")
                .Element("td", status, ("class", result is null || conflicted.Contains(mesa) ? "warn" : null))
                .Element("td", result is null ? "" : t.Count(result.RegisteredElectors), ("class", "n"))
                .Element("td", result is null ? "" : t.Count(result.BallotsCounted), ("class", "n"))
                .Element("td", result is null || result.RegisteredElectors == 0 ? "" : t.Percent((double)result.BallotsCounted / result.RegisteredElectors), ("class", "n"))
                .Element("td", result is null ? "" : Leader(first, new AreaTally(1, result.RegisteredElectors, result.BallotsCounted, result.NullVotes, result.BlankVotes, [.. result.CandidateVotes.Select(v => (long)v)])))
                .Close("tr");
        }

        html.Close("tbody").Close("table").Close("div");
    }

    private static string Leader(ContestTotals contest, AreaTally? tally)
    {
        if (tally is null || tally.ValidVotes == 0)
        {
            return "";
        }

        var best = Enumerable.Range(0, tally.CandidateVotes.Length).MaxBy(i => tally.CandidateVotes[i]);
        return contest.Contest.Candidates[best].Name;
    }
}
