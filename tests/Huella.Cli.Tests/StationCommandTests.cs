using System.Collections.Immutable;
using System.Text.Json;
using Huella.Biometrics;
using Huella.Biometrics.Imaging;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Elections.Roll;
using Huella.Elections.Station;
using Huella.Testing;

namespace Huella.Cli.Tests;

/// <summary>One mesa driven from an operator script: real roll package, real FVC2002 fingers, three contests, signed actas.</summary>
public sealed class StationCommandTests : IDisposable
{
    private static readonly MesaId Mesa = new(CentreCode.Parse("010101001"), 1);
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-station-").FullName;

    private static string Finger(int finger, int impression) => SharedData.PathOf("fingerprints", "fvc2002", "db1b", $"{finger}_{impression}.tif");

    [Fact]
    public void An_operator_script_runs_a_day_at_the_mesa_and_closes_one_verifiable_acta_per_contest()
    {
        using var authority = SigningKey.Generate();
        using var machine = SigningKey.Generate();
        using var rollKey = SealingKey.Generate();
        using var president = SigningKey.Generate();
        using var secretary = SigningKey.Generate();
        var definition = Path.Combine(SharedData.RepositoryRoot, "docs", "examples", "election-definition.json");
        var kit = Path.Combine(_folder, "mesa.kit.json");
        File.WriteAllText(kit, StationKit.ToJson("MUNI-2027", Mesa, authority.PublicKey, machine, rollKey, [president, secretary]));

        // Four electors enrolled from their first impression, one registered without fingerprints.
        var electors = Enumerable.Range(0, 4)
            .Select(i => new RollElector($"V-{i + 1}", [FingerprintTemplate.Create(ImageDecoder.Load(Finger(101 + i, 1))).ToBytes()]))
            .Append(new RollElector("E-5", []));
        var roll = Path.Combine(_folder, "mesa.roll");
        File.WriteAllBytes(roll, RollPackage.Seal(new MesaRoll("MUNI-2027", Mesa, DateTimeOffset.UtcNow, [.. electors]), rollKey.PublicKey.Span, authority));

        var script = Path.Combine(_folder, "day.txt");
        File.WriteAllLines(script,
        [
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
            "auth E-5",
            "vote null 2+3 4",
            "vote 1 1 1",
            "shout",
            "close",
        ]);
        var output = Path.Combine(_folder, "out");
        var (exitCode, stdout, error) = CliRunner.Run("station", "--kit", kit, "--roll", roll, "--definition", definition, "--out", output, "--commands", script);

        // Three commands were refused (a card that does not exist, a vote with no ballot unlocked, an
        // unknown command): the exit code says so, the station carried on.
        Assert.True(exitCode == 1, error);
        var answers = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToArray();
        Assert.Equal(14, answers.Length);
        string? Status(int i) => answers[i].TryGetProperty("status", out var s) ? s.GetString() : null;
        Assert.Equal(["Verified", "AlreadyVoted", "TryAgain", "Verified"], new[] { 1, 3, 4, 5 }.Select(Status));
        Assert.Contains("no such card", answers[6].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("Concejo municipal", answers[7].GetProperty("receipt").GetString(), StringComparison.Ordinal);
        Assert.Equal(("NotOnRoll", "AllowedNoFingerprint"), (Status(8), Status(9)));
        Assert.Contains("No ballot is unlocked", answers[11].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(answers[12].TryGetProperty("error", out _));

        // The closing actas verify offline against the published keys and hold what was cast.
        var keys = new PublishedKeys("MUNI-2027",
        [
            new(Mesa, SignerRole.Machine, machine.PublicKey, "machine"),
            new(Mesa, SignerRole.Member, president.PublicKey, "president"),
            new(Mesa, SignerRole.Member, secretary.PublicKey, "secretary"),
        ], requiredCountersignatures: 2);
        var actas = answers[13].GetProperty("actas").EnumerateArray().Select(p => ActaVerifier.Verify(File.ReadAllBytes(p.GetString()!), keys)).ToArray();
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
    public void A_roll_sealed_to_another_machine_does_not_open()
    {
        using var authority = SigningKey.Generate();
        using var machine = SigningKey.Generate();
        using var rollKey = SealingKey.Generate();
        using var otherMachine = SealingKey.Generate();
        var kit = Path.Combine(_folder, "mesa.kit.json");
        File.WriteAllText(kit, StationKit.ToJson("MUNI-2027", Mesa, authority.PublicKey, machine, rollKey, []));
        var roll = Path.Combine(_folder, "mesa.roll");
        File.WriteAllBytes(roll, RollPackage.Seal(new MesaRoll("MUNI-2027", Mesa, DateTimeOffset.UtcNow, [new RollElector("E-1", ImmutableArray<ReadOnlyMemory<byte>>.Empty)]), otherMachine.PublicKey.Span, authority));
        var definition = Path.Combine(SharedData.RepositoryRoot, "docs", "examples", "election-definition.json");

        var (exitCode, _, error) = CliRunner.Run("station", "--kit", kit, "--roll", roll, "--definition", definition, "--out", Path.Combine(_folder, "out"), "--commands", kit);
        Assert.Equal(1, exitCode);
        Assert.Contains("roll package does not open", error, StringComparison.Ordinal);

        File.WriteAllText(kit, "{\"election\": \"MUNI-2027\", \"mesa\": \"nowhere\"}");
        (exitCode, _, error) = CliRunner.Run("station", "--kit", kit, "--roll", roll, "--definition", definition, "--out", Path.Combine(_folder, "out"), "--commands", kit);
        Assert.Equal(2, exitCode);
        Assert.Contains("station kit", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
