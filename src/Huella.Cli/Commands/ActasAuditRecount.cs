using System.Globalization;
using System.Text.Json.Nodes;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Geography;
using Huella.Elections.Reporting;
using Huella.Elections.Seats;
using Huella.Elections.Totalization;

namespace Huella.Cli.Commands;

/// <summary>
/// The audit's recount: the first valid acta of each mesa and contest in log order is the one counted
/// (later different ones are conflicts), every total is summed again from the acta files, and the
/// results document is rebuilt with the same report code and compared with the published one, every
/// number of it (only its generation time may differ).
/// </summary>
internal static class ActasAuditRecount
{
    /// <summary>Most differences listed from the results document (they usually follow from one cause).</summary>
    private const int MaxDifferences = 20;

    public static List<string> Check(AuditElection election, List<AuditRow> rows, IReadOnlyDictionary<string, (Acta Acta, string BodyHash)> valid, string publishedResults)
    {
        var failures = new List<string>();
        var contests = election.Contests.Select(c => c.ToContest()).ToList();
        var totals = contests.Select(c => new Totalizer(c.Candidates.Length)).ToList();
        var counted = new Dictionary<(MesaId, int), (string BodyHash, long Leaf)>();
        foreach (var row in rows.OrderBy(r => r.Leaf))
        {
            if (!valid.TryGetValue(row.Hash, out var found))
            {
                continue;
            }

            var (acta, bodyHash) = found;
            if (acta.Contest >= contests.Count)
            {
                failures.Add($"actas.csv line {row.Line}: counts contest {acta.Contest}, the election has {contests.Count}");
                continue;
            }

            var expected = IngestStatus.Accepted;
            if (counted.TryGetValue((acta.Mesa, acta.Contest), out var first))
            {
                expected = first.BodyHash == bodyHash ? row.Status : IngestStatus.Conflicting;
            }
            else
            {
                counted[(acta.Mesa, acta.Contest)] = (bodyHash, row.Leaf);
            }

            if (row.Status != expected)
            {
                failures.Add($"actas.csv line {row.Line} (mesa {acta.Mesa}, contest {acta.Contest}): central marks it {row.Status}; in log order it is {expected}");
            }

            totals[acta.Contest].Add(CentralCount.ToResult(acta, contests[acta.Contest]));
        }

        var mesas = election.Mesas.Select(m => MesaId.TryParse(m, out var mesa) ? mesa : default).ToList();
        foreach (var total in totals)
        {
            total.FlagMissing(mesas);
        }

        var reported = contests.Select((c, i) => new ReportedContest(c, totals[i], election.Contests[i].Seats, election.Contests[i].PartyList)
        {
            Method = Enum.TryParse<HighestAverageMethod>(election.Contests[i].Method, out var method) ? method : null,
        }).ToList();
        var states = election.StateNames.ToDictionary(s => long.Parse(s.Key, CultureInfo.InvariantCulture), s => s.Value);
        var date = DateOnly.ParseExact(election.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var recomputed = ResultsReport.ToJson(Reported(election, date, states, mesas), reported, DateTimeOffset.UnixEpoch);
        var differences = new List<string>();
        Compare(Without(JsonNode.Parse(publishedResults)), Without(JsonNode.Parse(recomputed)), "$", differences);
        failures.AddRange(differences.Take(MaxDifferences).Select(d => $"results.json: {d}"));
        if (differences.Count > MaxDifferences)
        {
            failures.Add($"results.json: {differences.Count - MaxDifferences} more differences from the recount");
        }

        return failures;
    }

    /// <summary>The election as central's report measures it: from the electors of every roll when published, else from the list of mesas.</summary>
    private static ReportedElection Reported(AuditElection election, DateOnly date, Dictionary<long, string> states, List<MesaId> mesas)
    {
        var reported = election.RegisteredElectors is { } electors
            ? ReportedElection.Of(election.Name, date, states, mesas.Select(m => (m, (long)electors.GetValueOrDefault(m.ToString()))))
            : ReportedElection.Of(election.Name, date, states, mesas);
        return reported with { TestType = election.TestType };
    }

    private static JsonNode? Without(JsonNode? report)
    {
        report?.AsObject().Remove("GeneratedDate");
        return report;
    }

    private static void Compare(JsonNode? published, JsonNode? recount, string path, List<string> differences)
    {
        switch (published, recount)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)))
                {
                    Compare(a[key], b[key], $"{path}.{key}", differences);
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    Compare(a[i], b[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(published, recount))
                {
                    differences.Add($"{path} is {Short(published)}, the recount gives {Short(recount)}");
                }

                break;
        }
    }

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "nothing";
        return text.Length <= 80 ? text : text[..77] + "...";
    }
}
