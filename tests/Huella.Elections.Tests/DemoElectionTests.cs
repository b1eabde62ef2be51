using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Research.Simulation;
using Huella.Testing;

namespace Huella.Elections.Tests;

public sealed class DemoElectionTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-demo-").FullName;

    [Fact]
    public async Task A_small_country_votes_end_to_end_and_central_catches_the_tampered_acta()
    {
        var progress = new List<string>();
        var result = await DemoElection.RunAsync(new DemoOptions(_folder, Mesas: 2, ElectorsPerMesa: 8, Seed: 7) { Turnout = 0.75 }, new Collector(progress), TimeProvider.System);

        var nation = result.Totals.Nation;
        Assert.Equal(2, nation.Mesas);
        // Sixteen registered persons plus the applicant enrolled in election year; the person who
        // applied under a second cédula was caught by the 1:N search and is on no roll twice.
        Assert.Equal(17, nation.RegisteredElectors);
        Assert.Equal(Huella.Identity.Enrollment.EnrollmentOutcome.Enrolled, result.Enrollments.NewElector);
        Assert.Equal(Huella.Identity.Enrollment.EnrollmentOutcome.PendingAdjudication, result.Enrollments.SecondCedula);
        Assert.True(result.Enrollments.TopScoreFmr < 1e-4);

        // The demo refuses after three failed matches, so every counted ballot followed a fingerprint
        // match (or an elector without fingerprints on file, counted as an incident).
        Assert.Equal(result.Verified + result.NoFingerprintOnFile, nation.BallotsCounted);
        Assert.Equal(1, result.RefusedDoubleVotes);
        Assert.Empty(result.Totals.Anomalies);

        // One ballot, three contests: every contest counts the same ballots; the council's three
        // seats go to three candidates, the assembly's fifteen by D'Hondt.
        Assert.Equal(["presidencia", "concejo", "asamblea"], result.Contests.Select(c => c.Definition.Id));
        Assert.All(result.Contests, c => Assert.Equal((2, nation.BallotsCounted), (c.Totals.Nation.Mesas, c.Totals.Nation.BallotsCounted)));
        Assert.All(result.Contests, c => Assert.Empty(c.Totals.Anomalies));
        Assert.Equal(1, result.Contests[0].SeatsWon.Sum());
        Assert.Equal(3, result.Contests[1].SeatsWon.Sum());
        Assert.True(result.Contests[1].Totals.Nation.ValidVotes > result.Contests[1].Totals.Nation.BallotsCounted, "council ballots mark several candidates");
        Assert.Equal(15, result.Contests[2].SeatsWon.Sum());
        var json = await File.ReadAllTextAsync(result.ResultsFile);
        Assert.Empty(ErrSchema.Errors(json));
        var report = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal(
            ["ElectionResults.CandidateContest", "ElectionResults.CandidateContest", "ElectionResults.PartyContest"],
            report["Election"]![0]!["Contest"]!.AsArray().Select(c => (string?)c!["@type"]));
        Assert.Equal((true, "unofficial-complete"), ((bool)report["IsTest"]!, (string?)report["Status"]));

        // The council's ballots hold three marks each: every mark is a vote, a void (null) or unused.
        var council = report["Election"]![0]!["Contest"]![1]!;
        var other = council["OtherCounts"]!.AsArray().Single(o => (string?)o!["GpUnitId"] == "ru-nation")!;
        Assert.Equal(
            3 * nation.BallotsCounted,
            result.Contests[1].Totals.Nation.ValidVotes + (long)other["Overvotes"]! + (long)other["Undervotes"]!);
        Assert.DoesNotContain(report["Party"]!.AsArray(), p => result.Contests[1].Contest.Candidates.Any(c => c.Name == (string?)p!["Name"]!["Text"]![0]!["Content"]));
        Assert.Equal(3, report["Election"]![0]!["Candidate"]!.AsArray().Count(c => ((string?)c!["@id"])!.StartsWith("cand-2-", StringComparison.Ordinal) && (string?)c!["PostElectionStatus"] == "winner"));
        Assert.Equal(
            result.Contests[2].SeatsWon.Select(s => (long)s),
            council.Parent!.AsArray()[2]!["ContestSelection"]!.AsArray().Select(s => (long)s!["VoteCounts"]!.AsArray().Single(v => (string?)v!["Type"] == "seats")!["Count"]!));

        // The logs as NIST SP 1500-101 event logs: a station's keeps its hash chain up to the head its actas carry.
        var firstMesa = Path.GetFileName(Directory.GetFiles(Path.Combine(_folder, "logs"), "*.log").Order(StringComparer.Ordinal).First())[..^4];
        var stationLog = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "logs", $"{firstMesa}.eel.json")))!;
        var stationEvents = stationLog["Device"]![0]!["Event"]!.AsArray();
        Assert.Equal((await File.ReadAllLinesAsync(Path.Combine(_folder, "logs", $"{firstMesa}.log"))).Count(l => l.Length > 0), stationEvents.Count);
        Assert.Equal(("EventLogging.ElectionEventLog", "open", "close"), ((string?)stationLog["@type"], (string?)stationEvents[0]!["Type"], (string?)stationEvents[^1]!["Type"]));
        SignedActa.TryDecode(await File.ReadAllBytesAsync(Path.Combine(_folder, "actas", $"{firstMesa}.presidencia.acta")), out var closing, out _);
        Assert.Equal(Convert.ToHexStringLower(closing!.Acta.LogHead.AsSpan()), (string?)stationEvents[^1]!["Hash"]);
        var centralEvents = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "central.eel.json")))!["Device"]![0]!["Event"]!.AsArray();
        Assert.Equal(result.Transmissions.Count(t => t.Status != IngestStatus.AlreadyReceived), centralEvents.Count); // a repeat is no new version
        Assert.Equal(["acta-rejected"], centralEvents.Where(e => (string?)e!["Disposition"] == "failure").Select(e => (string?)e!["Type"]));

        var rejected = Assert.Single(result.Transmissions, t => t.Status == IngestStatus.Rejected);
        Assert.Contains("altered or forged", rejected.Reason, StringComparison.Ordinal);
        Assert.False(result.OverHttp);
        Assert.Equal(6, Directory.GetFiles(Path.Combine(_folder, "actas"), "*.pdf").Length);
        Assert.Contains(result.Transmissions, t => t.Status == IngestStatus.AlreadyReceived);

        // Every acta on disk verifies offline against the published keys.
        var keys = PublishedKeysFile.Parse(await File.ReadAllTextAsync(result.KeysFile));
        var actas = Directory.GetFiles(Path.Combine(_folder, "actas"), "*.acta").Where(f => !f.EndsWith(".opening.acta", StringComparison.Ordinal)).ToArray();
        Assert.Equal(6, actas.Length);
        Assert.All(actas, f => Assert.Equal(ActaVerdict.Valid, ActaVerifier.Verify(File.ReadAllBytes(f), keys).Verdict));
        Assert.True(File.Exists(result.ResultsFile));
        Assert.Equal(2, Directory.GetFiles(result.RollsFolder, "*.roll").Length);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(_folder, "stations"), "*.kit.json").Length);
        Assert.Contains(progress, p => p.Contains("Recounting", StringComparison.Ordinal));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_demo_writes_kits_and_member_keys_apart_at_0600_and_no_kit_holds_a_member_key()
    {
        var result = await DemoElection.RunAsync(new DemoOptions(_folder, Mesas: 2, ElectorsPerMesa: 4, Seed: 3), new Collector([]), TimeProvider.System);
        var keys = PublishedKeysFile.Parse(await File.ReadAllTextAsync(result.KeysFile));
        var kits = Directory.GetFiles(result.Stations.Kits, "*.kit.json");
        var members = Directory.GetFiles(result.Stations.Kits, "*.key");
        var pins = Directory.GetFiles(result.Stations.MemberPins, "*.pin");
        Assert.Equal((2, 4, 4), (kits.Length, members.Length, pins.Length));
        Assert.All(kits.Concat(members).Concat(pins), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));

        // Station logs name electors; the registry holds everyone: personal data, owner-only too.
        var logs = Directory.GetFiles(Path.Combine(_folder, "logs"), "*.log");
        Assert.Equal(2, logs.Length);
        Assert.All(logs.Append(Path.Combine(_folder, "registry.db")), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));

        var kitText = string.Concat(kits.Select(File.ReadAllText));
        foreach (var file in members)
        {
            var mesa = Huella.Elections.Geography.MesaId.TryParse(Path.GetFileName(file).Split(".president")[0].Split(".secretary")[0], out var m) ? m : default;
            var pin = await File.ReadAllTextAsync(Path.Combine(result.Stations.MemberPins, Path.GetFileNameWithoutExtension(file) + ".pin"));
            var opened = Huella.Elections.Station.MemberKeyFile.Open(await File.ReadAllTextAsync(file), pin, "HUELLA-DEMO-2026", mesa);
            using var key = opened.Key;
            Assert.Equal(Huella.Elections.Station.MemberKeyStatus.Opened, opened.Status);
            Assert.Contains(keys.All, k => k.Role == SignerRole.Member && k.Key == key!.Key.PublicKey);

            // The kit is the machine's: the member's private key is nowhere in it.
            var seed = new byte[32];
            key!.Key.ExportSeed(seed);
            Assert.DoesNotContain(Convert.ToHexStringLower(seed), kitText, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Collector(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
            {
                lines.Add(value);
            }
        }
    }
}
