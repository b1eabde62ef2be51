using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;

namespace Huella.Cli.Tests;

public sealed class ActaPrintCommandTests : IDisposable
{
    private static readonly MesaId Mesa = new(CentreCode.Parse("010101003"), 2);
    private readonly SigningKey _machine = SigningKey.Generate();
    private readonly SigningKey _president = SigningKey.Generate();
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-print-").FullName;
    private readonly string _keysFile;
    private readonly string _actaFile;

    public ActaPrintCommandTests()
    {
        var keys = new PublishedKeys("VE-2024-P",
        [
            new(Mesa, SignerRole.Machine, _machine.PublicKey, "machine"),
            new(Mesa, SignerRole.Member, _president.PublicKey, "presidenta"),
        ]);
        _keysFile = Path.Combine(_folder, "keys.json");
        File.WriteAllText(_keysFile, PublishedKeysFile.ToJson(keys));
        var cards = Enumerable.Range(0, 38).Select(i => i % 7).ToArray();
        var acta = new Acta
        {
            ElectionId = "VE-2024-P",
            Mesa = Mesa,
            CardVotes = [.. cards],
            NullVotes = 3,
            BlankVotes = 1,
            RegisteredElectors = 500,
            ElectorsAuthenticated = cards.Sum() + 4,
            BallotsCast = cards.Sum() + 4,
            Incidents = [2, 0, 0, 1, 1, 0],
            LogHead = [.. SHA256.HashData("log"u8)],
            ClosedAt = 1_722_207_600,
        };
        _actaFile = Path.Combine(_folder, "mesa.acta");
        File.WriteAllBytes(_actaFile, SignedActa.SignByMachine(acta, _machine).Countersign(_president).Encode());
    }

    [Fact]
    public void A_printed_page_verifies_from_its_png()
    {
        var png = Path.Combine(_folder, "acta.png");
        var pdf = Path.Combine(_folder, "acta.pdf");
        var (exitCode, output, error) = CliRunner.Run("acta", "print", _actaFile, "--png", png, "--pdf", pdf, "--keys", _keysFile, "--ballot", "ve-2024");
        Assert.True(exitCode == 0, output + error);
        Assert.StartsWith("Valid:", output, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-1.4", File.ReadAllText(pdf), StringComparison.Ordinal);

        (exitCode, output, error) = CliRunner.Run("acta", "verify", png, "--keys", _keysFile);
        Assert.True(exitCode == 0, output + error);
        Assert.StartsWith("Valid: signed by the machine and 1 mesa member(s) of mesa 010101003.02", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Printing_needs_an_output_and_a_ballot_that_fits_the_acta()
    {
        var (exitCode, _, error) = CliRunner.Run("acta", "print", _actaFile);
        Assert.Equal(2, exitCode);
        Assert.Contains("--png", error, StringComparison.Ordinal);

        var three = Path.Combine(_folder, "three.acta");
        var acta = SignedActa.TryDecode(File.ReadAllBytes(_actaFile), out var signed, out _) ? signed!.Acta : null;
        File.WriteAllBytes(three, SignedActa.SignByMachine(acta! with { CardVotes = [1, 2, 3], NullVotes = 0, BlankVotes = 0, BallotsCast = 6, ElectorsAuthenticated = 6 }, _machine).Encode());
        (exitCode, _, error) = CliRunner.Run("acta", "print", three, "--pdf", Path.Combine(_folder, "x.pdf"), "--ballot", "ve-2024");
        Assert.Equal(1, exitCode);
        Assert.Contains("counts 3 cards, the ballot has 38", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "x.pdf")));
    }

    public void Dispose()
    {
        _machine.Dispose();
        _president.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
