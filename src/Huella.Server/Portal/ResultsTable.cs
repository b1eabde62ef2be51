using Huella.Elections.Definition;
using Huella.Elections.Seats;

namespace Huella.Server.Portal;

/// <summary>One contest's votes in one area, most voted first; at the nation, the seats each won by the contest's rule.</summary>
internal static class ResultsTable
{
    public static void Write(Html html, PortalContext context, ContestTotals totals, AreaTally? tally, bool withSeats)
    {
        var t = context.Text;
        var contest = totals.Contest;
        var votes = tally?.CandidateVotes ?? [.. new long[contest.Candidates.Length]];
        var seats = withSeats && tally is not null ? contest.SeatsWon(votes) : null;
        html.Element("p", Rule(t, contest), ("class", "note"));
        html.Open("div", ("class", "scroll")).Open("table");
        html.Element("caption", t.Format(t.ResultsOf, contest.Name));
        html.Open("thead").Open("tr").Element("th", t.Candidate, ("scope", "col")).Element("th", t.Votes, ("scope", "col"), ("class", "n")).Element("th", t.Share, ("scope", "col"), ("class", "n"));
        if (seats is not null)
        {
            html.Element("th", t.Seats, ("scope", "col"), ("class", "n"));
        }

        html.Close("tr").Close("thead").Open("tbody");
        var valid = votes.Sum();
        foreach (var i in Enumerable.Range(0, contest.Candidates.Length).OrderByDescending(i => votes[i]).ThenBy(i => i))
        {
            html.Open("tr").Element("th", contest.Candidates[i].Name, ("scope", "row"))
                .Element("td", t.Count(votes[i]), ("class", "n"))
                .Element("td", t.Percent(valid == 0 ? 0 : (double)votes[i] / valid), ("class", "n"));
            if (seats is not null)
            {
                html.Element("td", contest.Kind == ContestKind.PartyList ? t.Count(seats[i]) : seats[i] > 0 ? t.Elected : "", ("class", "n"));
            }

            html.Close("tr");
        }

        html.Close("tbody").Open("tfoot");
        Total(html, t.ValidVotes, t.Count(valid), seats is not null);
        Total(html, t.NullVotes, t.Count(tally?.NullVotes ?? 0), seats is not null);
        Total(html, t.BlankVotes, t.Count(tally?.BlankVotes ?? 0), seats is not null);
        html.Close("tfoot").Close("table").Close("div");
    }

    private static void Total(Html html, string label, string value, bool seats)
    {
        html.Open("tr").Element("th", label, ("scope", "row")).Element("td", value, ("class", "n")).Element("td", "");
        if (seats)
        {
            html.Element("td", "");
        }

        html.Close("tr");
    }

    private static string Rule(PortalText t, ContestDefinition contest) => contest.Kind switch
    {
        ContestKind.PartyList => t.Format(t.PartyListSeats, contest.Seats, contest.Method == HighestAverageMethod.SainteLague ? "Sainte-Laguë" : "D'Hondt"),
        ContestKind.MultiSeatPlurality => t.Format(t.PluralitySeats, contest.Seats),
        _ => t.SingleSeat,
    };
}
