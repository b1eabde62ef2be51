using System.Collections.Immutable;
using System.Text.Json;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Roll;
using Huella.Elections.Station;
using Huella.Testing;
using Huella.Identity;

namespace Huella.Cli.Tests;

/// <summary>One mesa driven from an operator script: real roll package, real FVC2002 fingers, three contests, signed actas.</summary>
public sealed class StationCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-station-").FullName;

    private static string Finger(int finger, int impression) => SharedData.PathOf("fingerprints", "fvc2002", "db1b", $"{finger}_{impression}.tif");

    private static JsonElement[] Answers(string stdout) => [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    private string Script(params string[] lines)
    {
        var script = Path.Combine(_folder, $"script-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(script, lines);
        return script;
    }

    [Fact]
    public void An_operator_script_runs_a_day_at_the_mesa_and_closes_one_verifiable_acta_per_contest()
    {
        // Four electors enrolled from their first impression, one registered without fingerprints.
        var electors = Enumerable.Range(0, 4)
            .Select(i => new RollElector(Cedula.Parse($"V-{i + 1}"), [FingerprintTemplate.Create(ImageDecoder.Load(Finger(101 + i, 1))).ToBytes()]))
            .Append(new RollElector(Cedula.Parse("E-6"), []));
        using var mesa = new StationFixture(_folder, electors);
        var script = Script(
            "# opening",
            "open",
            $"auth V-1 {Finger(101, 2)}",
            "vote 1 1+3 2",
            $"auth V-1 {Finger(101, 3)}",
            $"auth V-2 {Finger(105, 2)}",
            $"auth V-2 {Finger(102, 2)}",
            "vote 9 1 1",
            "vote 3 blank null",
            "auth V-9",
            "auth E-6",
            "vote null 2+3 4",
            "vote 1 1 1",
            "shout",
            "close");
        var output = Path.Combine(_folder, "out");
        var (exitCode, stdout, error) = CliRunner.Run(mesa.Arguments(output, "--commands", script));

        // Three commands were refused (a card that does not exist, a vote with no ballot unlocked, an
        // unknown command): the exit code says so, the station carried on.
        Assert.True(exitCode == 1, error);
        var answers = Answers(stdout);
        Assert.Equal(14, answers.Length);
        string? Status(int i) => answers[i].TryGetProperty("status", out var s) ? s.GetString() : null;
        Assert.Equal(["Verified", "AlreadyVoted", "TryAgain", "Verified"], new[] { 1, 3, 4, 5 }.Select(Status));
        Assert.Contains("no such card", answers[6].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(answers[7].GetProperty("cast").GetBoolean());
        Assert.Equal(("NotOnRoll", "AllowedNoFingerprint"), (Status(8), Status(9)));
        Assert.Contains("No ballot is unlocked", answers[11].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(answers[12].TryGetProperty("error", out _));

        // The closing actas verify offline against the published keys (machine and both members) and hold what was cast.
        var actas = answers[13].GetProperty("actas").EnumerateArray().Select(p => ActaVerifier.Verify(File.ReadAllBytes(p.GetString()!), mesa.Keys)).ToArray();
        Assert.All(actas, a => Assert.Equal(ActaVerdict.Valid, a.Verdict));
        Assert.All(actas, a => Assert.Equal((3, 3, 5), (a.Acta!.BallotsCast, a.Acta.ElectorsAuthenticated, a.Acta.RegisteredElectors)));
        Assert.Equal([1, 0, 1], actas[0].Acta!.CardVotes.ToArray());
        Assert.Equal((1, 0), (actas[0].Acta!.NullVotes, actas[0].Acta!.BlankVotes));
        Assert.Equal([1, 1, 2], actas[1].Acta!.CardVotes.ToArray());
        Assert.Equal((0, 1, 2), (actas[1].Acta!.NullVotes, actas[1].Acta!.BlankVotes, actas[1].Acta!.MarksPerBallot));
        Assert.Equal([0, 1, 0, 1], actas[2].Acta!.CardVotes.ToArray());
        Assert.Equal(1, actas[2].Acta!.NullVotes);
        Assert.Equal(1, actas[0].Acta!.Incidents[(int)IncidentKind.NoFingerprintOnFile]);
        Assert.True(File.Exists(answers[13].GetProperty("log").GetString()));
        Assert.Equal(3, Directory.GetFiles(output, "*.opening.acta").Length);
    }

    [Fact]
    public void No_answer_ever_shows_a_choice_and_the_receipt_goes_to_the_printer_alone()
    {
        using var mesa = new StationFixture(_folder, StationFixture.WithoutFingerprints(4));
        var printer = Path.Combine(_folder, "printer.out");
        var script = Script("open", "auth E-1", "vote 1 1+3 2", "auth E-2", "vote 3 2 blank", "auth E-3", "vote null 1+2+3 1", "auth E-4", "vote 2 9 1", "vote 2 1 1", "close");
        var (exitCode, stdout, error) = CliRunner.Run(mesa.Arguments(Path.Combine(_folder, "out"), "--printer", printer, "--commands", script));
        Assert.True(exitCode == 1, error);

        // Three different ballots, three identical answers: the operator's screen cannot tell them apart.
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var votes = lines.Where(l => l.Contains("\"vote\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(5, votes.Length);
        Assert.Equal(["{\"command\":\"vote\",\"cast\":true}"], votes.Where(v => !v.Contains("error", StringComparison.Ordinal)).Distinct());
        Assert.Equal(3, votes.Count(v => v.Contains("\"cast\":true", StringComparison.Ordinal)));

        // A refused ballot's error names the contest, not the card asked for.
        Assert.DoesNotContain("9", votes[3], StringComparison.Ordinal);

        // No candidate or party of the ballot appears in any answer; the printer holds the last receipt, with no cédula.
        string[] names = ["Ana Rivas", "Bruno Méndez", "Carla Soto", "Diego Vera", "Elena Paz", "Partido Azul", "Movimiento Verde", "Unión Cívica"];
        Assert.All(lines, l => Assert.DoesNotContain(names, n => l.Contains(n, StringComparison.Ordinal) || l.Contains(JsonEncodedText.Encode(n).ToString(), StringComparison.Ordinal)));
        var receipt = File.ReadAllText(printer);
        Assert.Contains("Concejo", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain("E-", receipt, StringComparison.Ordinal);
    }

    [Fact]
    public void Countersigning_an_acta_needs_each_members_file_and_PIN()
    {
        using var mesa = new StationFixture(_folder, StationFixture.WithoutFingerprints(2));
        var script = Script("open", "auth E-1", "vote 1 1 1", "close");

        // A wrong PIN is refused before anything opens: no store, no acta.
        var wrongPin = Path.Combine(_folder, "wrong.pin");
        File.WriteAllText(wrongPin, "000000\n");
        var refusedOut = Path.Combine(_folder, "refused");
        var (exitCode, _, error) = CliRunner.Run(
            ["station", "--kit", mesa.Kit, "--roll", mesa.Roll, "--definition", StationFixture.Definition, "--out", refusedOut,
                "--member", mesa.Members[0], "--member", mesa.Members[1], "--member-pin-file", mesa.Pins[0], "--member-pin-file", wrongPin, "--commands", script]);
        Assert.Equal(2, exitCode);
        Assert.Contains("member 2 (secretary.key): the PIN of secretary is wrong", error, StringComparison.Ordinal);
        Assert.DoesNotContain("000000", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(refusedOut));

        // The machine alone (kit, no member files) signs, but its actas lack the members' countersignatures.
        var machineOnly = Path.Combine(_folder, "machine-only");
        (exitCode, var stdout, error) = CliRunner.Run("station", "--kit", mesa.Kit, "--roll", mesa.Roll, "--definition", StationFixture.Definition, "--out", machineOnly, "--commands", script);
        Assert.True(exitCode == 0, error);
        var closing = Answers(stdout)[^1].GetProperty("actas").EnumerateArray().Select(p => ActaVerifier.Verify(File.ReadAllBytes(p.GetString()!), mesa.Keys)).ToArray();
        Assert.All(closing, a => Assert.NotEqual(ActaVerdict.Valid, a.Verdict));

        // With both files and PINs, the same day's actas are valid.
        (exitCode, stdout, error) = CliRunner.Run(mesa.Arguments(Path.Combine(_folder, "both"), "--commands", script));
        Assert.True(exitCode == 0, error);
        closing = [.. Answers(stdout)[^1].GetProperty("actas").EnumerateArray().Select(p => ActaVerifier.Verify(File.ReadAllBytes(p.GetString()!), mesa.Keys))];
        Assert.All(closing, a => Assert.Equal(ActaVerdict.Valid, a.Verdict));
    }

    [Fact]
    public void Bad_operator_lines_are_answered_with_an_error_and_the_station_carries_on()
    {
        using var mesa = new StationFixture(_folder, StationFixture.WithoutFingerprints(3));
        var garbage = Path.Combine(_folder, "garbage.tif");
        File.WriteAllBytes(garbage, [.. "II*\0"u8, .. Enumerable.Range(0, 300).Select(i => (byte)(i * 37))]);
        var text = Path.Combine(_folder, "notes.png");
        File.WriteAllText(text, "this is not an image");
        var script = Script(
            "open",
            $"auth E-1 {_folder}",
            $"auth E-1 {Path.Combine(_folder, "missing.wsq")}",
            $"auth E-1 {garbage}",
            $"auth E-1 {text}",
            "vote",
            "auth",
            "vote 1+1+1+1+1 1 1",
            "\u0001\u0002 ###",
            "auth E-1",
            "vote 1 1 1",
            "close");
        var (exitCode, stdout, error) = CliRunner.Run(mesa.Arguments(Path.Combine(_folder, "out"), "--commands", script));
        Assert.True(exitCode == 1, error);
        var answers = Answers(stdout);
        Assert.Equal(12, answers.Length);
        Assert.All(answers[1..9], a => Assert.True(a.TryGetProperty("error", out _), a.ToString()));
        Assert.Equal("AllowedNoFingerprint", answers[9].GetProperty("status").GetString());
        Assert.True(answers[10].GetProperty("cast").GetBoolean());
        Assert.Equal(1, ActaVerifier.Verify(File.ReadAllBytes(answers[11].GetProperty("actas")[0].GetString()!), mesa.Keys).Acta!.BallotsCast);
    }

    [Fact]
    public void Run_again_on_its_folder_the_station_resumes_and_never_opens_twice_nor_replaces_an_acta()
    {
        using var mesa = new StationFixture(_folder, StationFixture.WithoutFingerprints(4));
        var output = Path.Combine(_folder, "out");
        var (exitCode, stdout, error) = CliRunner.Run(mesa.Arguments(output, "--commands", Script("open", "auth E-1", "vote 1 1 1", "auth E-2")));
        Assert.True(exitCode == 0, error);
        var opening = Answers(stdout)[0].GetProperty("actas")[0].GetString()!;
        var openingBytes = File.ReadAllBytes(opening);

        // The second run finds the day: E-2 was admitted and never voted (the token is void), E-1 voted.
        (exitCode, stdout, error) = CliRunner.Run(mesa.Arguments(output, "--commands", Script("open", "auth E-2", "auth E-1", "vote 2 2 2", "auth E-3", "vote 1 1 1", "close")));
        var answers = Answers(stdout);
        Assert.Equal("resume", answers[0].GetProperty("command").GetString());
        Assert.Equal((2, 1, 1), (answers[0].GetProperty("admitted").GetInt32(), answers[0].GetProperty("ballots").GetInt32(), answers[0].GetProperty("voidedTokens").GetInt32()));
        Assert.Contains("is open", answers[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(("AlreadyVoted", "AlreadyVoted"), (answers[2].GetProperty("status").GetString(), answers[3].GetProperty("status").GetString()));
        Assert.Contains("No ballot is unlocked", answers[4].GetProperty("error").GetString(), StringComparison.Ordinal);
        var closing = ActaVerifier.Verify(File.ReadAllBytes(answers[7].GetProperty("actas")[0].GetString()!), mesa.Keys);
        Assert.Equal(ActaVerdict.Valid, closing.Verdict);
        Assert.Equal((3, 2), (closing.Acta!.ElectorsAuthenticated, closing.Acta.BallotsCast));
        Assert.Equal(openingBytes, File.ReadAllBytes(opening));

        // After closing nothing reopens; an acta file someone replaced is refused, not overwritten again.
        File.WriteAllBytes(opening, [1, 2, 3]);
        (exitCode, stdout, _) = CliRunner.Run(mesa.Arguments(output, "--commands", Script("open", "close")));
        Assert.Equal(1, exitCode);
        answers = Answers(stdout);
        Assert.Contains("already exists with other contents", answers[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("is closed", answers[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("is closed", answers[2].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], File.ReadAllBytes(opening));
    }

    [Fact]
    public void A_kit_sealed_with_a_passphrase_runs_only_with_it()
    {
        using var mesa = new StationFixture(_folder, StationFixture.WithoutFingerprints(1));
        SecretFile.WriteAllBytes(mesa.Kit, StationKit.Seal(File.ReadAllText(mesa.Kit), "máquina de la mesa 1", new PassphraseCost(8 * 1024, 1)));
        var passphrase = Path.Combine(_folder, "kit.passphrase");
        File.WriteAllText(passphrase, "máquina de la mesa 1\n");
        var script = Script("open", "close");

        var (exitCode, _, error) = CliRunner.Run(mesa.Arguments(Path.Combine(_folder, "without"), "--commands", script));
        Assert.Equal(2, exitCode);
        Assert.Contains("sealed with a passphrase and none was given", error, StringComparison.Ordinal);

        (exitCode, var stdout, error) = CliRunner.Run(mesa.Arguments(Path.Combine(_folder, "with"), "--kit-passphrase-file", passphrase, "--commands", script));
        Assert.True(exitCode == 0, error);
        Assert.Equal(3, Answers(stdout)[^1].GetProperty("actas").GetArrayLength());
    }

    [Fact]
    public void A_roll_sealed_to_another_machine_does_not_open()
    {
        using var authority = SigningKey.Generate();
        using var machine = SigningKey.GenerateExportable();
        using var rollKey = SealingKey.GenerateExportable();
        using var otherMachine = SealingKey.Generate();
        var kit = Path.Combine(_folder, "mesa.kit.json");
        File.WriteAllText(kit, StationKit.ToJson("MUNI-2027", StationFixture.Mesa, authority.PublicKey, machine, rollKey));
        var roll = Path.Combine(_folder, "mesa.roll");
        File.WriteAllBytes(roll, RollPackage.Seal(new MesaRoll("MUNI-2027", StationFixture.Mesa, DateTimeOffset.UtcNow, [new RollElector(Cedula.Parse("E-2"), ImmutableArray<ReadOnlyMemory<byte>>.Empty)]), otherMachine.PublicKey.Span, authority));

        var (exitCode, _, error) = CliRunner.Run("station", "--kit", kit, "--roll", roll, "--definition", StationFixture.Definition, "--out", Path.Combine(_folder, "out"), "--commands", kit);
        Assert.Equal(1, exitCode);
        Assert.Contains("roll package does not open", error, StringComparison.Ordinal);

        File.WriteAllText(kit, "{\"election\": \"MUNI-2027\", \"mesa\": \"nowhere\"}");
        (exitCode, _, error) = CliRunner.Run("station", "--kit", kit, "--roll", roll, "--definition", StationFixture.Definition, "--out", Path.Combine(_folder, "out"), "--commands", kit);
        Assert.Equal(2, exitCode);
        Assert.Contains("station kit", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
