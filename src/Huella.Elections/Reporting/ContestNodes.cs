using System.Text.Json.Nodes;
using Huella.Elections.Totalization;
using static Huella.Elections.Reporting.ErrNodes;

namespace Huella.Elections.Reporting;

/// <summary>One contest of an ERR v2 document: its candidates, its selections and the votes that went to none.</summary>
internal static class ContestNodes
{
    /// <summary>The contest's candidates; with <paramref name="seats"/> (a complete count) each says whether it won.</summary>
    public static IEnumerable<JsonObject> Candidates(int index, ReportedContest reported, List<string> parties, int[]? seats)
    {
        var contest = reported.Contest;
        for (var i = 0; i < contest.Candidates.Length; i++)
        {
            var candidate = new JsonObject
            {
                ["@type"] = "ElectionResults.Candidate",
                ["@id"] = CandidateId(index, contest.Candidates[i].Code),
                ["BallotName"] = Text(contest.Candidates[i].Name),
            };
            var backing = PartiesOf(reported, i, parties).ToList();
            if (backing.Count == 1)
            {
                candidate["PartyId"] = backing[0];
            }

            if (seats is not null)
            {
                candidate["PostElectionStatus"] = seats[i] > 0 ? "winner" : "defeated";
            }

            yield return candidate;
        }
    }

    public static JsonObject Contest(int index, ReportedContest reported, List<string> parties, AreaSize? nation, bool complete, int[]? seats)
    {
        var (contest, totals) = (reported.Contest, reported.Totals);
        var units = ResultsReport.Units(totals);
        var node = new JsonObject
        {
            ["@type"] = reported.PartyList ? "ElectionResults.PartyContest" : "ElectionResults.CandidateContest",
            ["@id"] = ContestId(index),
            ["Name"] = contest.Name,
            ["SequenceOrder"] = index + 1,
            ["ElectionDistrictId"] = Nation,
        };

        // v2 gives a party contest neither VotesAllowed nor NumberElected: its seats are "seats" VoteCounts.
        if (!reported.PartyList)
        {
            node["VotesAllowed"] = contest.MarksPerBallot;
            node["NumberElected"] = reported.NumberElected;
        }

        node["VoteVariation"] = reported.PartyList ? "proportional" : contest.MarksPerBallot > 1 ? "n-of-m" : "plurality";
        if (nation is { } size)
        {
            node["TotalSubUnits"] = size.Mesas;
        }

        node["SubUnitsReported"] = totals.Nation.Mesas;
        node["CountStatus"] = new JsonArray(CountStatus(complete));
        node["OtherCounts"] = new JsonArray([.. units.Select(u => OtherCounts(u.Id, u.Tally, contest.MarksPerBallot))]);
        node["ContestSelection"] = reported.PartyList ? ListSelections(index, reported, parties, units, seats) : CandidateSelections(index, reported, parties, units);
        return node;
    }

    /// <summary>
    /// Votes that went to no selection, in marks: a null ballot voids all its marks (Overvotes), and
    /// whatever else a ballot could have marked and did not is an Undervote.
    /// </summary>
    private static JsonObject OtherCounts(string unit, Tally tally, int votesAllowed)
    {
        var voided = tally.NullVotes * votesAllowed;
        return new JsonObject
        {
            ["@type"] = "ElectionResults.OtherCounts",
            ["GpUnitId"] = unit,
            ["Overvotes"] = voided,
            ["Undervotes"] = (tally.BallotsCounted * votesAllowed) - tally.ValidVotes - voided,
        };
    }

    private static JsonArray CandidateSelections(int index, ReportedContest reported, List<string> parties, List<(string Id, Tally Tally)> units)
    {
        var contest = reported.Contest;
        var byCard = !reported.Totals.Nation.CardVotes.IsEmpty;
        var selections = new JsonArray();
        var count = byCard ? contest.Cards.Length : contest.Candidates.Length;
        for (var i = 0; i < count; i++)
        {
            var candidate = byCard ? contest.Cards[i].CandidateIndex : i;
            var selection = new JsonObject
            {
                ["@type"] = "ElectionResults.CandidateSelection",
                ["@id"] = SelectionId(index, byCard ? $"card-{i + 1}" : contest.Candidates[i].Code),
                ["SequenceOrder"] = i + 1,
                ["CandidateIds"] = Ids([CandidateId(index, contest.Candidates[candidate].Code)]),
            };
            var endorsing = (byCard ? (reported.NamesAParty(contest.Cards[i]) ? [PartyId(parties.IndexOf(contest.Cards[i].Party))] : []) : PartiesOf(reported, i, parties)).ToList();
            if (endorsing.Count > 0)
            {
                selection["EndorsementPartyIds"] = Ids(endorsing);
            }

            selection["VoteCounts"] = new JsonArray([.. units.Select(u => VoteCounts(u.Id, byCard ? u.Tally.CardVotes[i] : u.Tally.CandidateVotes[i]))]);
            selections.Add(selection);
        }

        return selections;
    }

    private static JsonArray ListSelections(int index, ReportedContest reported, List<string> parties, List<(string Id, Tally Tally)> units, int[]? seats)
    {
        var contest = reported.Contest;
        var selections = new JsonArray();
        for (var i = 0; i < contest.Candidates.Length; i++)
        {
            var counts = new JsonArray([.. units.Select(u => VoteCounts(u.Id, u.Tally.CandidateVotes[i]))]);
            if (seats is not null)
            {
                counts.Add(VoteCounts(Nation, seats[i], "seats"));
            }

            selections.Add(new JsonObject
            {
                ["@type"] = "ElectionResults.PartySelection",
                ["@id"] = SelectionId(index, $"list-{i + 1}"),
                ["SequenceOrder"] = i + 1,
                ["PartyIds"] = Ids(PartiesOf(reported, i, parties)),
                ["VoteCounts"] = counts,
            });
        }

        return selections;
    }

    /// <summary>The parties whose cards count for candidate (or list) <paramref name="candidate"/>, in ballot order.</summary>
    private static IEnumerable<string> PartiesOf(ReportedContest reported, int candidate, List<string> parties) =>
        reported.Contest.Cards.Where(card => card.CandidateIndex == candidate && reported.NamesAParty(card)).Select(card => PartyId(parties.IndexOf(card.Party))).Distinct(StringComparer.Ordinal);
}
