using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Huella.Elections.Contests;
using Huella.Elections.Definition;
using Huella.Elections.Geography;
using Huella.Elections.Totalization;

namespace Huella.Elections.Reporting;

/// <summary>One contest to report: how it is counted, its totals, and how many it elects (party lists report list selections).</summary>
public sealed record ReportedContest(BallotContest Contest, Totalizer Totals, int NumberElected = 1, bool PartyList = false)
{
    public static ReportedContest Of(ContestDefinition definition, Totalizer totals)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(definition.ToContest(), totals, definition.Seats, definition.Kind == ContestKind.PartyList);
    }
}

/// <summary>
/// Totals as a NIST SP 1500-100 v2 Election Results Reporting document (JSON), so any observer's
/// tools can read them. One contest per contest of the election: a CandidateContest with one
/// CandidateSelection per party card (its party in EndorsementPartyIds) when the actas carried card
/// counts, else one per candidate; a PartyContest with one PartySelection per list for party-list
/// seats. VoteCounts for the nation and each state. ERR has no null or blank vote: null votes are
/// reported as the contest's BallotsRejected and blank votes as Undervotes in its SummaryCounts.
/// Parties are one list across contests (a party on several ballots is one party).
/// </summary>
public static class ResultsReport
{
    // Relaxed escaping keeps accents and "+" readable; the document is data, never embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(string electionName, DateOnly date, BallotContest contest, Totalizer totals, IReadOnlyDictionary<long, string> stateNames, DateTimeOffset generated, bool complete) =>
        ToJson(electionName, date, [new ReportedContest(contest, totals)], stateNames, generated, complete);

    public static string ToJson(string electionName, DateOnly date, IReadOnlyList<ReportedContest> contests, IReadOnlyDictionary<long, string> stateNames, DateTimeOffset generated, bool complete)
    {
        ArgumentNullException.ThrowIfNull(contests);
        ArgumentNullException.ThrowIfNull(stateNames);
        if (contests.Count == 0)
        {
            throw new ArgumentException("A report has at least one contest.", nameof(contests));
        }

        // Geography and turnout come from the first contest: every contest is on every ballot.
        var first = contests[0].Totals;
        var states = first.At(GeoLevel.State);
        var gpUnits = new JsonArray(ReportingUnit("ru-nation", "country", "Nación", first.Nation, [.. states.Keys.Select(StateId)]));
        foreach (var (code, tally) in states)
        {
            gpUnits.Add(ReportingUnit(StateId(code), "state", stateNames.GetValueOrDefault(code, $"Estado {code}"), tally, []));
        }

        var parties = contests.SelectMany(c => c.Contest.Cards.Select(card => card.Party)).Distinct(StringComparer.Ordinal).ToList();
        var candidates = new JsonArray();
        var contestNodes = new JsonArray();
        for (var c = 0; c < contests.Count; c++)
        {
            var reported = contests[c];
            if (!reported.PartyList)
            {
                foreach (var candidate in reported.Contest.Candidates)
                {
                    candidates.Add(new JsonObject
                    {
                        ["@type"] = "ElectionResults.Candidate",
                        ["@id"] = CandidateId(c, candidate.Code),
                        ["BallotName"] = Text(candidate.Name),
                    });
                }
            }

            contestNodes.Add(ContestNode(c, reported, parties));
        }

        var report = new JsonObject
        {
            ["@type"] = "ElectionResults.ElectionReport",
            ["Format"] = "summary-contest",
            ["GeneratedDate"] = generated.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture),
            ["Issuer"] = "Huella",
            ["IssuerAbbreviation"] = "Huella",
            ["SequenceStart"] = 1,
            ["SequenceEnd"] = 1,
            ["Status"] = complete ? "unofficial-complete" : "unofficial-partial",
            ["VendorApplicationId"] = "huella",
            ["Notes"] = "Recomputed from the published actas. Null votes: contest SummaryCounts BallotsRejected; blank votes: Undervotes.",
            ["Party"] = new JsonArray([.. parties.Select((party, i) => new JsonObject
            {
                ["@type"] = "ElectionResults.Party",
                ["@id"] = PartyId(i),
                ["Abbreviation"] = party,
                ["Name"] = Text(party),
            })]),
            ["GpUnit"] = gpUnits,
            ["Election"] = new JsonArray(new JsonObject
            {
                ["@type"] = "ElectionResults.Election",
                ["Name"] = Text(electionName),
                ["StartDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["EndDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["Type"] = "general",
                ["ElectionScopeId"] = "ru-nation",
                ["Candidate"] = candidates,
                ["Contest"] = contestNodes,
            }),
        };
        return report.ToJsonString(Indented);
    }

    private static JsonObject ContestNode(int index, ReportedContest reported, List<string> parties)
    {
        var (contest, totals) = (reported.Contest, reported.Totals);
        var nation = totals.Nation;
        var units = new List<(string Id, Tally Tally)> { ("ru-nation", nation) };
        units.AddRange(totals.At(GeoLevel.State).Select(s => (StateId(s.Key), s.Value)));
        var byCard = !reported.PartyList && !nation.CardVotes.IsEmpty;
        var selections = new JsonArray();
        var selectionCount = byCard ? contest.Cards.Length : contest.Candidates.Length;
        for (var i = 0; i < selectionCount; i++)
        {
            var candidate = byCard ? contest.Cards[i].CandidateIndex : i;
            var counts = new JsonArray([.. units.Select(u => VoteCounts(u.Id, byCard ? u.Tally.CardVotes[i] : u.Tally.CandidateVotes[i]))]);
            JsonObject selection;
            if (reported.PartyList)
            {
                // A list is the card that names it (every list has exactly one card).
                var list = contest.Cards.First(k => k.CandidateIndex == i);
                selection = new JsonObject
                {
                    ["@type"] = "ElectionResults.PartySelection",
                    ["@id"] = SelectionId(index, $"list-{i + 1}"),
                    ["SequenceOrder"] = i + 1,
                    ["PartyIds"] = new JsonArray(PartyId(parties.IndexOf(list.Party))),
                    ["VoteCounts"] = counts,
                };
            }
            else
            {
                selection = new JsonObject
                {
                    ["@type"] = "ElectionResults.CandidateSelection",
                    ["@id"] = byCard ? SelectionId(index, $"card-{i + 1}") : SelectionId(index, contest.Candidates[i].Code),
                    ["SequenceOrder"] = i + 1,
                    ["CandidateIds"] = new JsonArray(CandidateId(index, contest.Candidates[candidate].Code)),
                    ["VoteCounts"] = counts,
                };
                if (byCard)
                {
                    selection["EndorsementPartyIds"] = new JsonArray(PartyId(parties.IndexOf(contest.Cards[i].Party)));
                }
            }

            selections.Add(selection);
        }

        return new JsonObject
        {
            ["@type"] = reported.PartyList ? "ElectionResults.PartyContest" : "ElectionResults.CandidateContest",
            ["@id"] = string.Create(CultureInfo.InvariantCulture, $"contest-{index + 1}"),
            ["Name"] = contest.Name,
            ["ElectoralDistrictId"] = "ru-nation",
            ["VotesAllowed"] = contest.MarksPerBallot,
            ["NumberElected"] = reported.NumberElected,
            ["VoteVariation"] = reported.PartyList ? "proportional" : contest.MarksPerBallot > 1 ? "n-of-m" : "plurality",
            ["SummaryCounts"] = new JsonArray([.. units.Select(u => new JsonObject
            {
                ["@type"] = "ElectionResults.SummaryCounts",
                ["GpUnitId"] = u.Id,
                ["Type"] = "total",
                ["BallotsCast"] = u.Tally.BallotsCounted,
                ["BallotsRejected"] = u.Tally.NullVotes,
                ["Undervotes"] = u.Tally.BlankVotes,
            })]),
            ["BallotSelection"] = selections,
        };
    }

    // The first contest keeps the plain ids ("cand-AR", "sel-card-3") a one-contest report always had.
    private static string CandidateId(int contest, string code) =>
        contest == 0 ? $"cand-{code}" : string.Create(CultureInfo.InvariantCulture, $"cand-{contest + 1}-{code}");

    private static string SelectionId(int contest, string what) =>
        contest == 0 ? $"sel-{what}" : string.Create(CultureInfo.InvariantCulture, $"sel-{contest + 1}-{what}");

    private static string StateId(long code) => string.Create(CultureInfo.InvariantCulture, $"ru-state-{code:D2}");

    private static string PartyId(int party) => string.Create(CultureInfo.InvariantCulture, $"party-{party + 1}");

    private static JsonObject ReportingUnit(string id, string type, string name, Tally tally, string[] composing)
    {
        var unit = new JsonObject
        {
            ["@type"] = "ElectionResults.ReportingUnit",
            ["@id"] = id,
            ["Type"] = type,
            ["Name"] = name,
            ["VotersRegistered"] = tally.RegisteredElectors,
            ["VotersParticipated"] = tally.BallotsCounted,
            ["TotalSubUnits"] = tally.Mesas,
        };
        if (composing.Length > 0)
        {
            unit["ComposingGpUnitIds"] = new JsonArray([.. composing.Select(c => JsonValue.Create(c))]);
        }

        return unit;
    }

    private static JsonObject VoteCounts(string unit, long count) => new()
    {
        ["@type"] = "ElectionResults.VoteCounts",
        ["GpUnitId"] = unit,
        ["Type"] = "total",
        ["Count"] = count,
    };

    private static JsonObject Text(string content) => new()
    {
        ["@type"] = "ElectionResults.InternationalizedText",
        ["Text"] = new JsonArray(new JsonObject
        {
            ["@type"] = "ElectionResults.LanguageString",
            ["Content"] = content,
            ["Language"] = "es",
        }),
    };
}
