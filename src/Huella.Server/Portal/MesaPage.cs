using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Geography;

namespace Huella.Server.Portal;

/// <summary>
/// One mesa: for each contest the counted acta's numbers, its machine and member signatures checked
/// against the published keys, its QR code and printed PDF, and every version central received
/// with its verdict; for the 2024 table, the transcribed numbers and the photo of the paper acta.
/// </summary>
internal static class MesaPage
{
    public static string Render(PortalContext context, MesaRecord record)
    {
        var t = context.Text;
        var mesa = record.Mesa;
        var title = $"{t.Mesa} {mesa}";
        return PortalLayout.Render(context, title, html =>
        {
            Breadcrumbs.Write(html, context, GeoLevel.Centre, mesa.Centre.Value, mesa);
            html.Element("h1", title);
            var centre = context.Snapshot.Area(GeoLevel.Centre, mesa.Centre.Value);
            if (centre is not null)
            {
                html.Open("p").Text($"{t.Centre}: ").Link(context.AreaHref(GeoLevel.Centre, mesa.Centre.Value), context.AreaName(centre)).Close("p");
            }

            html.Open("dl", ("class", "summary"));
            html.Element("dt", t.Status).Element("dd", !record.Expected ? t.StatusNotExpected : record.Contests.All(c => c.Counted is null) ? t.StatusMissing : record.Contests.Any(c => c.Conflict) ? t.StatusConflict : t.StatusCounted);
            html.Element("dt", t.RegisteredElectors).Element("dd", record.RegisteredElectors is { } electors ? t.Count(electors) : "");
            html.Close("dl");
            if (record.ActaImage is { } image && Uri.TryCreate(image, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            {
                html.Open("p").Link(uri.AbsoluteUri, t.ActaImage).Close("p");
            }

            if (!context.Election.SignedActas)
            {
                html.Element("p", t.NoSignatures2024, ("class", "note"));
            }

            foreach (var acta in record.Contests)
            {
                Contest(html, context, record, acta);
            }
        });
    }

    private static void Contest(Html html, PortalContext context, MesaRecord record, MesaContestActa acta)
    {
        var t = context.Text;
        var contest = context.Snapshot.Contests[acta.Contest].Contest;
        html.Element("h2", t.Format(t.ActaOf, contest.Name));
        if (acta.Conflict)
        {
            html.Element("p", t.ConflictNotice, ("class", "warn"));
        }

        if (acta.Counted is not { } counted)
        {
            html.Element("p", t.NoActa, ("class", "warn"));
        }
        else
        {
            var valid = counted.CandidateVotes.Sum(v => (long)v);
            html.Open("div", ("class", "scroll")).Open("table").Element("caption", t.Format(t.ResultsOf, contest.Name));
            html.Open("thead").Open("tr").Element("th", t.Candidate, ("scope", "col")).Element("th", t.Votes, ("scope", "col"), ("class", "n")).Element("th", t.Share, ("scope", "col"), ("class", "n")).Close("tr").Close("thead").Open("tbody");
            for (var i = 0; i < contest.Candidates.Length; i++)
            {
                html.Open("tr").Element("th", contest.Candidates[i].Name, ("scope", "row")).Element("td", t.Count(counted.CandidateVotes[i]), ("class", "n"))
                    .Element("td", t.Percent(valid == 0 ? 0 : counted.CandidateVotes[i] / (double)valid), ("class", "n")).Close("tr");
            }

            html.Close("tbody").Close("table").Close("div");
            html.Open("dl", ("class", "summary"));
            Term(html, t.ValidVotes, t.Count(valid));
            Term(html, t.NullVotes, t.Count(counted.NullVotes));
            Term(html, t.BlankVotes, t.Count(counted.BlankVotes));
            Term(html, t.RegisteredElectors, t.Count(counted.RegisteredElectors));
            if (acta.Acta is { } signed)
            {
                Term(html, t.ElectorsAuthenticated, t.Count(signed.ElectorsAuthenticated));
                Term(html, t.BallotsCast, t.Count(signed.BallotsCast));
                Term(html, t.ClosedAt, PortalText.Time(DateTimeOffset.FromUnixTimeSeconds(signed.ClosedAt)));
                html.Element("dt", t.StationLogHead).Open("dd").Element("code", Convert.ToHexStringLower(signed.LogHead.AsSpan())).Close("dd");
            }

            html.Close("dl");
            if (acta.Acta is { } withCards)
            {
                Cards(html, context, contest.Name, contest.Cards.Select(c => c.Party).ToArray(), withCards);
            }
        }

        if (acta.CountedBytes is not null)
        {
            Signatures(html, t, acta);
            var qr = $"{context.MesaHref(record.Mesa)}/{acta.Contest}/qr.png";
            html.Open("p").Open("img", ("class", "qr"), ("src", qr), ("alt", t.Format(t.QrAlt, record.Mesa, contest.Name)), ("width", "240"), ("height", "240")).Close("p");
            html.Open("ul")
                .Open("li").Link($"{context.MesaHref(record.Mesa)}/{acta.Contest}/acta.pdf", t.PrintedPdf).Close("li")
                .Open("li").Link(qr, t.QrPng).Close("li")
                .Close("ul");
        }

        if (context.Election.SignedActas)
        {
            Versions(html, t, contest.Name, acta);
        }
    }

    private static void Term(Html html, string term, string value) => html.Element("dt", term).Element("dd", value);

    private static void Cards(Html html, PortalContext context, string contest, string[] parties, Acta acta)
    {
        var t = context.Text;
        html.Open("div", ("class", "scroll")).Open("table").Element("caption", $"{contest}: {t.Card}");
        html.Open("thead").Open("tr").Element("th", t.Card, ("scope", "col")).Element("th", t.Votes, ("scope", "col"), ("class", "n")).Close("tr").Close("thead").Open("tbody");
        for (var i = 0; i < acta.CardVotes.Length; i++)
        {
            html.Open("tr").Element("th", i < parties.Length ? parties[i] : $"{t.Card} {i + 1}", ("scope", "row")).Element("td", t.Count(acta.CardVotes[i]), ("class", "n")).Close("tr");
        }

        html.Close("tbody").Close("table").Close("div");
    }

    private static void Signatures(Html html, PortalText t, MesaContestActa acta)
    {
        html.Element("h3", t.Signatures);
        html.Open("div", ("class", "scroll")).Open("table").Element("caption", t.Signatures);
        html.Open("thead").Open("tr").Element("th", t.Signatures, ("scope", "col")).Element("th", t.Name, ("scope", "col")).Element("th", t.KeyId, ("scope", "col")).Element("th", t.Status, ("scope", "col")).Close("tr").Close("thead").Open("tbody");
        foreach (var s in acta.Signatures)
        {
            html.Open("tr").Element("th", s.Role == SignerRole.Machine ? t.Machine : t.Member, ("scope", "row")).Element("td", s.Holder)
                .Open("td").Element("code", s.KeyId).Close("td")
                .Element("td", s.Verifies ? t.SignatureVerifies : t.SignatureFails, ("class", s.Verifies ? null : "warn")).Close("tr");
        }

        html.Close("tbody").Close("table").Close("div");
        var members = acta.Signatures.Count(s => s.Role == SignerRole.Member && s.Verifies);
        html.Element("p", t.Format(t.Countersignatures, members, acta.RequiredCountersignatures), ("class", members >= acta.RequiredCountersignatures ? null : "warn"));
    }

    private static void Versions(Html html, PortalText t, string contest, MesaContestActa acta)
    {
        html.Element("h3", t.Versions);
        if (acta.Versions.IsEmpty)
        {
            html.Element("p", t.NoneListed);
            return;
        }

        html.Open("div", ("class", "scroll")).Open("table").Element("caption", $"{contest}: {t.Versions}");
        html.Open("thead").Open("tr");
        foreach (var head in new[] { t.Received, t.Status, t.Verdict, t.Hash, t.ActaHash, t.Size, t.Sender })
        {
            html.Element("th", head, ("scope", "col"));
        }

        html.Close("tr").Close("thead").Open("tbody");
        foreach (var v in acta.Versions)
        {
            html.Open("tr").Element("th", PortalText.Time(v.ReceivedAt), ("scope", "row"))
                .Element("td", Status(t, v.Status), ("class", v.Status is IngestStatus.Conflicting or IngestStatus.Rejected ? "warn" : null))
                .Element("td", $"{v.Verdict}: {v.Reason}")
                .Open("td").Element("code", v.Hash).Close("td")
                .Open("td").Element("code", v.ActaHash ?? "").Close("td")
                .Element("td", t.Count(v.Size), ("class", "n"))
                .Element("td", v.Sender ?? "")
                .Close("tr");
        }

        html.Close("tbody").Close("table").Close("div");
    }

    private static string Status(PortalText t, IngestStatus status) => status switch
    {
        IngestStatus.Accepted => t.Accepted,
        IngestStatus.AlreadyReceived => t.AlreadyReceived,
        IngestStatus.Conflicting => t.Conflicting,
        _ => t.Rejected,
    };
}
