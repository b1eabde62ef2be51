using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Totalization;

namespace Huella.Elections.Reporting;

/// <summary>
/// Totals as a NIST SP 1500-100 v2 Election Results Reporting document (JSON), so any observer's
/// tools can read them. One CandidateContest; one CandidateSelection per party card (its party in
/// EndorsementPartyIds) when the actas carried card counts, else one per candidate; VoteCounts for
/// the nation and each state. ERR has no null or blank vote: null votes are reported as the
/// contest's BallotsRejected and blank votes as Undervotes in its SummaryCounts.
/// </summary>
public static class ResultsReport
{
    // Relaxed escaping keeps accents and "+" readable; the document is data, never embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(string electionName, DateOnly date, SingleSeatContest contest, Totalizer totals, IReadOnlyDictionary<long, string> stateNames, DateTimeOffset generated, bool complete)
    {
        ArgumentNullException.ThrowIfNull(contest);
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(stateNames);
        var nation = totals.Nation;
        var states = totals.At(GeoLevel.State);
        var units = new List<(string Id, Tally Tally)> { ("ru-nation", nation) };
        units.AddRange(states.Select(s => (StateId(s.Key), s.Value)));
        var byCard = !nation.CardVotes.IsEmpty;

        var gpUnits = new JsonArray(ReportingUnit("ru-nation", "country", "Nación", nation, [.. states.Keys.Select(StateId)]));
        foreach (var (code, tally) in states)
        {
            gpUnits.Add(ReportingUnit(StateId(code), "state", stateNames.GetValueOrDefault(code, $"Estado {code}"), tally, []));
        }

        var selections = new JsonArray();
        var selectionCount = byCard ? contest.Cards.Length : contest.Candidates.Length;
        for (var i = 0; i < selectionCount; i++)
        {
            var candidate = byCard ? contest.Cards[i].CandidateIndex : i;
            var selection = new JsonObject
            {
                ["@type"] = "ElectionResults.CandidateSelection",
                ["@id"] = byCard ? $"sel-card-{i + 1}" : $"sel-{contest.Candidates[i].Code}",
                ["SequenceOrder"] = i + 1,
                ["CandidateIds"] = new JsonArray($"cand-{contest.Candidates[candidate].Code}"),
                ["VoteCounts"] = new JsonArray([.. units.Select(u => VoteCounts(u.Id, byCard ? u.Tally.CardVotes[i] : u.Tally.CandidateVotes[i]))]),
            };
            if (byCard)
            {
                selection["EndorsementPartyIds"] = new JsonArray(PartyId(i));
            }

            selections.Add(selection);
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
            ["Party"] = new JsonArray([.. contest.Cards.Select((card, i) => new JsonObject
            {
                ["@type"] = "ElectionResults.Party",
                ["@id"] = PartyId(i),
                ["Abbreviation"] = card.Party,
                ["Name"] = Text(card.Party),
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
                ["Candidate"] = new JsonArray([.. contest.Candidates.Select(c => new JsonObject
                {
                    ["@type"] = "ElectionResults.Candidate",
                    ["@id"] = $"cand-{c.Code}",
                    ["BallotName"] = Text(c.Name),
                })]),
                ["Contest"] = new JsonArray(new JsonObject
                {
                    ["@type"] = "ElectionResults.CandidateContest",
                    ["@id"] = "contest-1",
                    ["Name"] = contest.Name,
                    ["ElectoralDistrictId"] = "ru-nation",
                    ["VotesAllowed"] = 1,
                    ["NumberElected"] = 1,
                    ["VoteVariation"] = "plurality",
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
                }),
            }),
        };
        return report.ToJsonString(Indented);
    }

    private static string StateId(long code) => string.Create(CultureInfo.InvariantCulture, $"ru-state-{code:D2}");

    private static string PartyId(int card) => string.Create(CultureInfo.InvariantCulture, $"party-{card + 1}");

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
