using System.Text.Json.Nodes;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Elections.Reporting;
using Huella.Research.Simulation;
using Huella.Elections.Totalization;
using Huella.Elections.Ve2024;
using Huella.Testing;

namespace Huella.Elections.Tests;

public sealed class ResultsReportTests
{
    private static readonly DateTimeOffset Generated = new(2024, 7, 29, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_2024_totals_export_as_an_err_document_whose_counts_add_up()
    {
        var rows = ResultadosCsv.Read(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv"));
        var totals = new Totalizer(10);
        foreach (var row in rows)
        {
            totals.Add(row.Result);
        }

        var states = rows.GroupBy(r => (long)r.Result.Mesa.Centre.State).ToDictionary(g => g.Key, g => g.First().State);
        var report = JsonNode.Parse(ResultsReport.ToJson("Presidenciales 2024", new DateOnly(2024, 7, 28), Venezuela2024.Presidential, totals, states, Generated, complete: false))!;

        foreach (var required in new[] { "Format", "GeneratedDate", "Issuer", "IssuerAbbreviation", "SequenceEnd", "SequenceStart", "Status", "VendorApplicationId" })
        {
            Assert.NotNull(report[required]);
        }

        Assert.Equal("ElectionResults.ElectionReport", (string?)report["@type"]);
        Assert.Equal(25, report["GpUnit"]!.AsArray().Count);
        var contest = report["Election"]![0]!["Contest"]![0]!;
        Assert.Equal("ElectionResults.CandidateContest", (string?)contest["@type"]);
        Assert.Equal(7_156_462, NationCount(contest, "cand-EG"));
        Assert.Equal(3_241_461, NationCount(contest, "cand-NM"));
        var nationSummary = contest["SummaryCounts"]!.AsArray().Single(s => (string?)s!["GpUnitId"] == "ru-nation")!;
        Assert.Equal(1_139, (long)nationSummary["BallotsRejected"]!);

        var stateSum = contest["BallotSelection"]!.AsArray()
            .SelectMany(s => s!["VoteCounts"]!.AsArray())
            .Where(v => ((string?)v!["GpUnitId"])!.StartsWith("ru-state-", StringComparison.Ordinal))
            .Sum(v => (long)v!["Count"]!);
        Assert.Equal(10_659_128, stateSum);
    }

    [Fact]
    public void Actas_with_card_counts_export_one_selection_per_card_with_its_party()
    {
        var contest = new BallotContest("c", [new("A", "Ana"), new("B", "Beto")], [new("P1", 0), new("P2", 1), new("P3", 0)]);
        using var actas = new SyntheticActas(12);
        var totals = new Totalizer(2);
        var expectedP3 = 0L;
        foreach (var mesa in actas.Mesas)
        {
            var acta = actas.ActaFor(mesa);
            expectedP3 += acta.CardVotes[2];
            totals.Add(CentralCount.ToResult(acta, contest));
        }

        var report = JsonNode.Parse(ResultsReport.ToJson("test", new DateOnly(2026, 1, 1), contest, totals, new Dictionary<long, string>(), Generated, complete: true))!;
        var selections = report["Election"]![0]!["Contest"]![0]!["BallotSelection"]!.AsArray();
        Assert.Equal(3, selections.Count);
        Assert.Equal("party-3", (string?)selections[2]!["EndorsementPartyIds"]![0]);
        Assert.Equal("cand-A", (string?)selections[2]!["CandidateIds"]![0]);
        Assert.Equal(expectedP3, (long)selections[2]!["VoteCounts"]!.AsArray().Single(v => (string?)v!["GpUnitId"] == "ru-nation")!["Count"]!);
        Assert.Equal("unofficial-complete", (string?)report["Status"]);
    }

    [Fact]
    public void Several_contests_report_together_with_party_lists_and_one_party_list_for_all()
    {
        var president = new BallotContest("president", [new("A", "Ana"), new("B", "Beto")], [new("P1", 0), new("P2", 1), new("P3", 0)]);
        var assembly = new BallotContest("assembly", [new("LA", "List A"), new("LB", "List B")], [new("P2", 0), new("P4", 1)]);
        using var actas = new SyntheticActas(5);
        var (first, second) = (new Totalizer(2), new Totalizer(2));
        foreach (var mesa in actas.Mesas)
        {
            first.Add(CentralCount.ToResult(actas.ActaFor(mesa), president));
            second.Add(CentralCount.ToResult(actas.ActaFor(mesa, cards: 2) with { Contest = 1 }, assembly));
        }

        var report = JsonNode.Parse(ResultsReport.ToJson("test", new DateOnly(2026, 1, 1), [new ReportedContest(president, first), new ReportedContest(assembly, second, NumberElected: 9, PartyList: true)], new Dictionary<long, string>(), Generated, complete: true))!;
        Assert.Equal(["P1", "P2", "P3", "P4"], report["Party"]!.AsArray().Select(p => (string?)p!["Abbreviation"]));
        var contests = report["Election"]![0]!["Contest"]!.AsArray();
        Assert.Equal(2, contests.Count);
        var lists = contests[1]!;
        Assert.Equal(("ElectionResults.PartyContest", 9, "proportional"), ((string?)lists["@type"], (int)lists["NumberElected"]!, (string?)lists["VoteVariation"]));
        var listB = lists["BallotSelection"]![1]!;
        Assert.Equal(("ElectionResults.PartySelection", "party-4"), ((string?)listB["@type"], (string?)listB["PartyIds"]![0]));
        Assert.Equal(second.Nation.CandidateVotes[1], (long)listB["VoteCounts"]!.AsArray().Single(v => (string?)v!["GpUnitId"] == "ru-nation")!["Count"]!);
        Assert.DoesNotContain(report["Election"]![0]!["Candidate"]!.AsArray(), c => ((string?)c!["@id"])!.Contains("LA", StringComparison.Ordinal));
    }

    private static long NationCount(JsonNode contest, string candidate) =>
        contest["BallotSelection"]!.AsArray()
            .Where(s => (string?)s!["CandidateIds"]![0] == candidate)
            .SelectMany(s => s!["VoteCounts"]!.AsArray())
            .Where(v => (string?)v!["GpUnitId"] == "ru-nation")
            .Sum(v => (long)v!["Count"]!);
}
