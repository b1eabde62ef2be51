using System.Text.Json.Nodes;
using Huella.Elections.Contests;
using Huella.Elections.Geography;
using Huella.Elections.Reporting;
using Huella.Elections.Results;
using Huella.Elections.Seats;
using Huella.Elections.Totalization;
using Huella.Elections.Ve2024;
using Huella.Testing;

namespace Huella.Elections.Tests;

public sealed class ResultsReportTests
{
    private static readonly DateTimeOffset Generated = new(2024, 7, 29, 6, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<long, string> NoNames = [];

    private static readonly BallotContest President = new("president", [new("A", "Ana"), new("B", "Beto")], [new("P1", 0), new("P2", 1), new("P3", 0)]);
    private static readonly BallotContest Council = new("council", [new("E", "Elena"), new("F", "Fabián"), new("G", "Gloria"), new("H", "Héctor"), new("I", "Irene")], [new("P1", 0), new("P2", 1), new("P3", 2), new("P4", 3), new("P5", 4)], marksPerBallot: 3);
    private static readonly BallotContest Assembly = new("assembly", [new("LA", "List A"), new("LB", "List B")], [new("P2", 0), new("P4", 1)]);
    private static readonly MesaId[] Mesas = [Mesa("010101001", 1), Mesa("010101001", 2), Mesa("020101001", 1)];

    [Fact]
    public void The_2024_totals_are_a_valid_v2_document_a_partial_count_of_30026_mesas_with_38_parties()
    {
        var rows = ResultadosCsv.Read(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv"));
        var totals = new Totalizer(10);
        foreach (var row in rows)
        {
            totals.Add(row.Result);
        }

        var states = rows.GroupBy(r => (long)r.Result.Mesa.Centre.State).ToDictionary(g => g.Key, g => g.First().State);
        var election = new ReportedElection("Presidenciales 2024", new DateOnly(2024, 7, 28), states) { Nation = new AreaSize(Venezuela2024.Mesas) };
        var json = ResultsReport.ToJson(election, [new ReportedContest(Venezuela2024.Presidential, totals)], Generated);
        Assert.Empty(ErrSchema.Errors(json));

        var report = JsonNode.Parse(json)!;
        Assert.Equal("unofficial-partial", (string?)report["Status"]);
        Assert.Null(report["IsTest"]);
        var nation = report["GpUnit"]!.AsArray().Single(u => (string?)u!["@id"] == "ru-nation")!;
        Assert.Equal((30_026, 24_532), ((int)nation["TotalSubUnits"]!, (int)nation["SubUnitsReported"]!));
        Assert.Null(nation["VotersRegistered"]); // the electors of the mesas not published are unknown
        Assert.Equal(25, report["GpUnit"]!.AsArray().Count);

        // The 38 cards are 38 parties; each candidate's selection names the parties whose cards count for it.
        var parties = report["Party"]!.AsArray();
        Assert.Equal(38, parties.Count);
        var contest = report["Election"]![0]!["Contest"]![0]!;
        Assert.Equal(("ElectionResults.CandidateContest", 1, 1, "in-process"), ((string?)contest["@type"], (int)contest["VotesAllowed"]!, (int)contest["NumberElected"]!, (string?)contest["CountStatus"]![0]!["Status"]));
        var gonzalez = contest["ContestSelection"]!.AsArray().Single(s => (string?)s!["CandidateIds"]![0] == "cand-EG")!;
        Assert.Equal(["UNTC", "MPV", "MUD"], gonzalez["EndorsementPartyIds"]!.AsArray().Select(id => PartyLabel(parties, (string)id!)));
        Assert.Equal(13, contest["ContestSelection"]!.AsArray().Single(s => (string?)s!["CandidateIds"]![0] == "cand-NM")!["EndorsementPartyIds"]!.AsArray().Count);
        Assert.Equal("EL CAMBIO", PartyLabel(parties, (string)report["Election"]![0]!["Candidate"]!.AsArray().Single(c => (string?)c!["@id"] == "cand-JABE")!["PartyId"]!));

        Assert.Equal(7_156_462, NationCount(contest, "cand-EG"));
        Assert.Equal(3_241_461, NationCount(contest, "cand-NM"));
        var other = NationOther(contest);
        Assert.Equal((1_139, 0), ((long)other["Overvotes"]!, (long)other["Undervotes"]!));
        Assert.Equal(10_659_128 + 1_139, NationBallots(report));
        var stateSum = contest["ContestSelection"]!.AsArray()
            .SelectMany(s => s!["VoteCounts"]!.AsArray())
            .Where(v => ((string?)v!["GpUnitId"])!.StartsWith("ru-state-", StringComparison.Ordinal))
            .Sum(v => (long)v!["Count"]!);
        Assert.Equal(10_659_128, stateSum);

        // A partial count names no winner.
        Assert.All(report["Election"]![0]!["Candidate"]!.AsArray(), c => Assert.Null(c!["PostElectionStatus"]));
    }

    [Fact]
    public void Actas_with_card_counts_export_one_selection_per_card_with_its_party()
    {
        var totals = Count(President, (_, i) => Marks([10 + i, 5, 2 + i], nulls: 1, blanks: 2));
        var json = ResultsReport.ToJson(ReportedElection.Of("test", new DateOnly(2026, 1, 1), NoNames, Mesas), [new ReportedContest(President, totals)], Generated);
        Assert.Empty(ErrSchema.Errors(json));
        var report = JsonNode.Parse(json)!;
        var selections = report["Election"]![0]!["Contest"]![0]!["ContestSelection"]!.AsArray();
        Assert.Equal(3, selections.Count);
        Assert.Equal("party-3", (string?)selections[2]!["EndorsementPartyIds"]![0]);
        Assert.Equal("cand-A", (string?)selections[2]!["CandidateIds"]![0]);
        Assert.Equal(2 + 3 + 4, (long)selections[2]!["VoteCounts"]!.AsArray().Single(v => (string?)v!["GpUnitId"] == "ru-nation")!["Count"]!);
        Assert.Equal("unofficial-complete", (string?)report["Status"]);
        var other = NationOther(report["Election"]![0]!["Contest"]![0]!);
        Assert.Equal((3, 6), ((long)other["Overvotes"]!, (long)other["Undervotes"]!));

        // A complete count names the winner: Ana has 10+11+12 plus 2+3+4 against Beto's 15.
        var candidates = report["Election"]![0]!["Candidate"]!.AsArray();
        Assert.Equal(["winner", "defeated"], candidates.Select(c => (string?)c!["PostElectionStatus"]));
    }

    [Fact]
    public void N_of_m_contests_report_unused_marks_as_undervotes_and_party_lists_their_seats()
    {
        // Per mesa: 10 ballots of three marks; 1 null, 1 blank, 21 marks on the other 8 (3 left unused).
        var president = Count(President, (_, _) => Marks([5, 3, 0], nulls: 1, blanks: 1));
        var council = Count(Council, (_, _) => Marks([6, 5, 4, 4, 2], nulls: 1, blanks: 1, ballots: 10));
        var assembly = Count(Assembly, (_, _) => Marks([6, 3], nulls: 1, blanks: 0));
        ReportedContest[] contests =
        [
            new(President, president),
            new(Council, council, NumberElected: 3),
            new(Assembly, assembly, NumberElected: 9, PartyList: true) { Method = HighestAverageMethod.DHondt },
        ];
        var json = ResultsReport.ToJson(ReportedElection.Of("test", new DateOnly(2026, 1, 1), NoNames, Mesas) with { TestType = "unit test" }, contests, Generated);
        Assert.Empty(ErrSchema.Errors(json));

        var report = JsonNode.Parse(json)!;
        Assert.Equal((true, "unit test"), ((bool)report["IsTest"]!, (string?)report["TestType"]));
        Assert.Equal(["P1", "P2", "P3", "P4", "P5"], report["Party"]!.AsArray().Select(p => (string?)p!["Abbreviation"]!["Text"]![0]!["Content"]));
        var nodes = report["Election"]![0]!["Contest"]!.AsArray();
        var councilNode = nodes[1]!;
        Assert.Equal(("n-of-m", 3, 3), ((string?)councilNode["VoteVariation"], (int)councilNode["VotesAllowed"]!, (int)councilNode["NumberElected"]!));
        var other = NationOther(councilNode);
        Assert.Equal((3 * 3, 3 * 6), ((long)other["Overvotes"]!, (long)other["Undervotes"]!));
        Assert.Equal(3 * 10 * 3, NationSelections(councilNode) + (long)other["Overvotes"]! + (long)other["Undervotes"]!);
        var councilWinners = report["Election"]![0]!["Candidate"]!.AsArray().Where(c => ((string?)c!["@id"])!.StartsWith("cand-2-", StringComparison.Ordinal) && (string?)c!["PostElectionStatus"] == "winner");
        Assert.Equal(["cand-2-E", "cand-2-F", "cand-2-G"], councilWinners.Select(c => (string?)c!["@id"]));

        // v2's party contest has neither VotesAllowed nor NumberElected; its seats are "seats" counts.
        var lists = nodes[2]!;
        Assert.Equal(("ElectionResults.PartyContest", "proportional"), ((string?)lists["@type"], (string?)lists["VoteVariation"]));
        Assert.Null(lists["VotesAllowed"]);
        Assert.Null(lists["NumberElected"]);
        var seats = lists["ContestSelection"]!.AsArray().Select(s => (long)s!["VoteCounts"]!.AsArray().Single(v => (string?)v!["Type"] == "seats")!["Count"]!).ToArray();
        Assert.Equal([6L, 3L], seats); // D'Hondt for 18 and 9 votes, nine seats
        Assert.Equal(("ElectionResults.PartySelection", "party-4"), ((string?)lists["ContestSelection"]![1]!["@type"], (string?)lists["ContestSelection"]![1]!["PartyIds"]![0]));
        Assert.DoesNotContain(report["Election"]![0]!["Candidate"]!.AsArray(), c => ((string?)c!["@id"])!.Contains("LA", StringComparison.Ordinal));
    }

    [Fact]
    public void Candidates_whose_card_carries_their_own_name_stand_without_a_party()
    {
        // How a definition gives each plurality candidate its one card: labelled with the candidate's name.
        var council = new BallotContest("council", [new("E", "Elena"), new("F", "Fabián"), new("G", "Gloria")], [new("Elena", 0), new("Fabián", 1), new("Gloria", 2)], marksPerBallot: 2);
        var totals = Count(council, (_, _) => Marks([4, 3, 2], nulls: 0, blanks: 1, ballots: 6));
        var json = ResultsReport.ToJson(ReportedElection.Of("test", new DateOnly(2026, 1, 1), NoNames, Mesas), [new ReportedContest(President, Count(President, (_, _) => Marks([3, 2, 1], nulls: 0, blanks: 0))), new ReportedContest(council, totals, NumberElected: 2)], Generated);
        Assert.Empty(ErrSchema.Errors(json));
        var report = JsonNode.Parse(json)!;
        Assert.Equal(["P1", "P2", "P3"], report["Party"]!.AsArray().Select(p => (string?)p!["Name"]!["Text"]![0]!["Content"]));
        Assert.All(report["Election"]![0]!["Contest"]![1]!["ContestSelection"]!.AsArray(), s => Assert.Null(s!["EndorsementPartyIds"]));
        Assert.All(report["Election"]![0]!["Candidate"]!.AsArray().Skip(2), c => Assert.Null(c!["PartyId"]));
    }

    [Fact]
    public void A_count_missing_one_mesa_is_partial_in_every_unit_and_names_no_winner()
    {
        var totals = Count(President, (_, _) => Marks([5, 3, 1], nulls: 0, blanks: 0), Mesas[..2]);
        var json = ResultsReport.ToJson(ReportedElection.Of("test", new DateOnly(2026, 1, 1), NoNames, Mesas), [new ReportedContest(President, totals)], Generated);
        Assert.Empty(ErrSchema.Errors(json));
        var report = JsonNode.Parse(json)!;
        Assert.Equal("unofficial-partial", (string?)report["Status"]);
        Assert.Equal("in-process", (string?)report["Election"]![0]!["Contest"]![0]!["CountStatus"]![0]!["Status"]);
        var units = report["GpUnit"]!.AsArray().ToDictionary(u => (string)u!["@id"]!, u => ((int)u!["TotalSubUnits"]!, (int)u["SubUnitsReported"]!));
        Assert.Equal((3, 2), units["ru-nation"]);
        Assert.Equal((2, 2), units["ru-state-01"]);
        Assert.Equal((1, 0), units["ru-state-02"]);
        Assert.All(report["Election"]![0]!["Candidate"]!.AsArray(), c => Assert.Null(c!["PostElectionStatus"]));

        // As many mesas as exist, but one of them is not on the list: still partial.
        var stray = Count(President, (_, _) => Marks([5, 3, 1], nulls: 0, blanks: 0), [Mesas[0], Mesas[1], Mesa("030101001", 1)]);
        Assert.False(ResultsReport.IsComplete(ReportedElection.Of("test", new DateOnly(2026, 1, 1), NoNames, Mesas), [new ReportedContest(President, stray)]));

        // Without knowing how many mesas exist, even every acta received is not called complete.
        var unknown = JsonNode.Parse(ResultsReport.ToJson(new ReportedElection("test", new DateOnly(2026, 1, 1), NoNames), [new ReportedContest(President, totals)], Generated))!;
        Assert.Equal("unofficial-partial", (string?)unknown["Status"]);
    }

    [Theory]
    [InlineData("ContestSelection", "BallotSelection")] // a version-1 name
    [InlineData("\"Status\": \"unofficial-complete\"", "\"Status\": \"complete\"")] // not an enum value
    [InlineData("\"GeneratedDate\": \"2024-07-29T06:00:00+00:00\"", "\"GeneratedDate\": \"2024-07-29T06:00:00\"")] // no time zone
    [InlineData("\"StartDate\": \"2026-01-01\"", "\"StartDate\": \"01/01/2026\"")] // not a date (format)
    public void The_schema_rejects_a_broken_document(string valid, string broken)
    {
        var totals = Count(President, (_, _) => Marks([5, 3, 1], nulls: 0, blanks: 0));
        var json = ResultsReport.ToJson(ReportedElection.Of("test", new DateOnly(2026, 1, 1), NoNames, Mesas), [new ReportedContest(President, totals)], Generated);
        Assert.Empty(ErrSchema.Errors(json));
        Assert.Contains(valid, json, StringComparison.Ordinal);
        Assert.NotEmpty(ErrSchema.Errors(json.Replace(valid, broken, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_version_1_summary_count_is_rejected()
    {
        var totals = Count(President, (_, _) => Marks([5, 3, 1], nulls: 0, blanks: 0));
        var report = JsonNode.Parse(ResultsReport.ToJson(ReportedElection.Of("test", new DateOnly(2026, 1, 1), NoNames, Mesas), [new ReportedContest(President, totals)], Generated))!;
        report["Election"]![0]!["Contest"]![0]!["SummaryCounts"] = new JsonArray();
        Assert.Contains(ErrSchema.Errors(report.ToJsonString()), e => e.StartsWith("/Election/0/Contest/0", StringComparison.Ordinal));
    }

    private static MesaId Mesa(string centre, int number) => new(CentreCode.Parse(centre), number);

    /// <summary>One mesa's acta for a contest: votes per card, null and blank votes, and the ballots where a ballot marks several cards.</summary>
    private static (int[] Cards, int Nulls, int Blanks, int? Ballots) Marks(int[] cards, int nulls, int blanks, int? ballots = null) => (cards, nulls, blanks, ballots);

    private static Totalizer Count(BallotContest contest, Func<MesaId, int, (int[] Cards, int Nulls, int Blanks, int? Ballots)> result, MesaId[]? mesas = null)
    {
        var totals = new Totalizer(contest.Candidates.Length);
        var i = 0;
        foreach (var mesa in mesas ?? Mesas)
        {
            var (cards, nulls, blanks, ballots) = result(mesa, i++);
            totals.Add(new MesaResult(mesa, 100, contest.CandidateVotes(cards), nulls, blanks, [.. cards], ballots));
        }

        return totals;
    }

    private static string PartyLabel(JsonArray parties, string id) =>
        (string)parties.Single(p => (string?)p!["@id"] == id)!["Name"]!["Text"]![0]!["Content"]!;

    private static JsonNode NationOther(JsonNode contest) =>
        contest["OtherCounts"]!.AsArray().Single(o => (string?)o!["GpUnitId"] == "ru-nation")!;

    private static long NationBallots(JsonNode report) =>
        (long)report["Election"]![0]!["BallotCounts"]!.AsArray().Single(b => (string?)b!["GpUnitId"] == "ru-nation")!["BallotsCast"]!;

    private static long NationSelections(JsonNode contest) =>
        contest["ContestSelection"]!.AsArray().SelectMany(s => s!["VoteCounts"]!.AsArray())
            .Where(v => (string?)v!["GpUnitId"] == "ru-nation" && (string?)v["Type"] == "total").Sum(v => (long)v!["Count"]!);

    private static long NationCount(JsonNode contest, string candidate) =>
        contest["ContestSelection"]!.AsArray()
            .Where(s => (string?)s!["CandidateIds"]![0] == candidate)
            .SelectMany(s => s!["VoteCounts"]!.AsArray())
            .Where(v => (string?)v!["GpUnitId"] == "ru-nation")
            .Sum(v => (long)v!["Count"]!);
}
