using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Huella.Elections.Geography;
using Huella.Elections.Totalization;
using static Huella.Elections.Reporting.ErrNodes;

namespace Huella.Elections.Reporting;

/// <summary>
/// Totals as a NIST SP 1500-100 version 2 Election Results Reporting document (JSON) that validates
/// against NIST's official v2 schema; the mapping is described in docs/results-report.md.
/// In short: GpUnits are the nation and its states, whose sub-units are mesas (TotalSubUnits = mesas
/// that exist, SubUnitsReported = mesas counted); the count is "unofficial-complete" only when every
/// mesa that exists is counted in every contest, and only a complete count names winners. Per contest
/// and unit, OtherCounts carry the votes that went to no selection: Undervotes = marks not used
/// (blank ballots and the unused marks of n-of-m ballots), Overvotes = null votes (a null ballot
/// voids every mark it had), so selections + Undervotes + Overvotes = ballots × VotesAllowed.
/// Parties are one list across contests, referenced by the selections their cards count for.
/// </summary>
public static class ResultsReport
{
    // Relaxed escaping keeps accents and "+" readable; the document is data, never embedded in HTML.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Null votes and unused marks, as <see cref="ResultsReport"/> states them in every document it writes.</summary>
    public const string CountsNote =
        "Recomputed from the published actas. Per contest and unit, OtherCounts.Undervotes = marks not used (blank ballots and unused marks of n-of-m ballots); " +
        "OtherCounts.Overvotes = null votes times VotesAllowed (a null ballot voids its marks). Sub-units are mesas.";

    /// <summary>True when every mesa that exists has been counted in every contest.</summary>
    public static bool IsComplete(ReportedElection election, IReadOnlyList<ReportedContest> contests)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(contests);
        if (election.Nation is not { } nation)
        {
            return false;
        }

        return election.MesaList is { } listed
            ? contests.All(c => listed.All(c.Totals.IsCounted))
            : contests.All(c => c.Totals.Nation.Mesas == nation.Mesas);
    }

    public static string ToJson(ReportedElection election, IReadOnlyList<ReportedContest> contests, DateTimeOffset generated)
    {
        ArgumentNullException.ThrowIfNull(election);
        ArgumentNullException.ThrowIfNull(contests);
        if (contests.Count == 0)
        {
            throw new ArgumentException("A report has at least one contest.", nameof(contests));
        }

        var complete = IsComplete(election, contests);

        // Geography and ballots come from the first contest: every contest is on every ballot.
        var first = contests[0].Totals;
        var stateTallies = first.At(GeoLevel.State);
        var states = stateTallies.Keys.Union(election.States.Keys).Order().ToList();
        var gpUnits = new JsonArray(ReportingUnit(Nation, "country", "Nación", first.Nation, election.Nation, states.Select(StateId)));
        foreach (var code in states)
        {
            gpUnits.Add(ReportingUnit(StateId(code), "state", election.StateNames.GetValueOrDefault(code, $"Estado {code}"), stateTallies.GetValueOrDefault(code), election.States.TryGetValue(code, out var size) ? size : null, []));
        }

        var parties = contests.SelectMany(c => c.Contest.Cards.Where(c.NamesAParty).Select(card => card.Party)).Distinct(StringComparer.Ordinal).ToList();
        var candidates = new JsonArray();
        var contestNodes = new JsonArray();
        for (var c = 0; c < contests.Count; c++)
        {
            var seats = complete ? contests[c].SeatsWon() : null;
            if (!contests[c].PartyList)
            {
                foreach (var candidate in ContestNodes.Candidates(c, contests[c], parties, seats))
                {
                    candidates.Add(candidate);
                }
            }

            contestNodes.Add(ContestNodes.Contest(c, contests[c], parties, election.Nation, complete, seats));
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
            ["Notes"] = CountsNote,
        };
        if (election.TestType is { } testType)
        {
            report["IsTest"] = true;
            report["TestType"] = testType;
        }

        report["Party"] = new JsonArray([.. parties.Select((party, i) => Party(i, party))]);
        report["GpUnit"] = gpUnits;
        report["Election"] = new JsonArray(new JsonObject
        {
            ["@type"] = "ElectionResults.Election",
            ["Name"] = Text(election.Name),
            ["StartDate"] = election.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["EndDate"] = election.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Type"] = "general",
            ["ElectionScopeId"] = Nation,
            ["BallotCounts"] = new JsonArray([.. Units(first).Select(u => BallotCounts(u.Id, u.Tally))]),
            ["CountStatus"] = new JsonArray(CountStatus(complete)),
            ["Candidate"] = candidates,
            ["Contest"] = contestNodes,
        });
        return report.ToJsonString(Indented);
    }

    /// <summary>The nation and every state with counted mesas, as (GpUnit id, tally).</summary>
    internal static List<(string Id, Tally Tally)> Units(Totalizer totals)
    {
        var units = new List<(string Id, Tally Tally)> { (Nation, totals.Nation) };
        units.AddRange(totals.At(GeoLevel.State).Select(s => (StateId(s.Key), s.Value)));
        return units;
    }

    private static JsonObject BallotCounts(string unit, Tally tally) => new()
    {
        ["@type"] = "ElectionResults.BallotCounts",
        ["GpUnitId"] = unit,
        ["Type"] = "total",
        ["BallotsCast"] = tally.BallotsCounted,
    };

    private static JsonObject Party(int index, string label)
    {
        var party = new JsonObject
        {
            ["@type"] = "ElectionResults.Party",
            ["@id"] = PartyId(index),
            ["Name"] = Text(label),
        };

        // A label printed in capitals on the card is the party's acronym as voters know it.
        if (!label.Any(char.IsLower))
        {
            party["Abbreviation"] = Text(label);
        }

        return party;
    }

    private static JsonObject ReportingUnit(string id, string type, string name, Tally? tally, AreaSize? size, IEnumerable<string> composing)
    {
        var unit = new JsonObject
        {
            ["@type"] = "ElectionResults.ReportingUnit",
            ["@id"] = id,
            ["Type"] = type,
            ["Name"] = Text(name),
        };
        if (size?.RegisteredElectors is { } electors)
        {
            unit["VotersRegistered"] = electors;
        }

        unit["VotersParticipated"] = tally?.BallotsCounted ?? 0;
        if (size is { } known)
        {
            unit["TotalSubUnits"] = known.Mesas;
        }

        unit["SubUnitsReported"] = tally?.Mesas ?? 0;
        var children = composing.ToList();
        if (children.Count > 0)
        {
            unit["ComposingGpUnitIds"] = Ids(children);
        }

        return unit;
    }
}
