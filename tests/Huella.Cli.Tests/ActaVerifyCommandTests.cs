using System.Security.Cryptography;
using Huella.Biometrics.Imaging;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;

namespace Huella.Cli.Tests;

public sealed class ActaVerifyCommandTests : IDisposable
{
    private static readonly MesaId Mesa = new(CentreCode.Parse("240111017"), 3);
    private readonly SigningKey _machine = SigningKey.Generate();
    private readonly SigningKey _president = SigningKey.Generate();
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-acta-").FullName;
    private readonly string _keysFile;
    private readonly byte[] _signedActa;

    public ActaVerifyCommandTests()
    {
        var keys = new PublishedKeys("TEST-2026",
        [
            new(Mesa, SignerRole.Machine, _machine.PublicKey, "machine"),
            new(Mesa, SignerRole.Member, _president.PublicKey, "president"),
        ]);
        _keysFile = Path.Combine(_folder, "keys.json");
        File.WriteAllText(_keysFile, PublishedKeysFile.ToJson(keys));
        var acta = new Acta
        {
            ElectionId = "TEST-2026",
            Mesa = Mesa,
            CardVotes = [120, 33, 7],
            NullVotes = 2,
            BlankVotes = 1,
            RegisteredElectors = 300,
            ElectorsAuthenticated = 163,
            BallotsCast = 163,
            Incidents = [1, 0, 0, 1, 0, 0],
            LogHead = [.. SHA256.HashData("log"u8)],
            ClosedAt = 1_800_000_000,
        };
        _signedActa = SignedActa.SignByMachine(acta, _machine).Countersign(_president).Encode();
    }

    [Fact]
    public void A_genuine_acta_verifies_from_its_file_its_qr_image_and_its_text()
    {
        var file = Path.Combine(_folder, "mesa.acta");
        File.WriteAllBytes(file, _signedActa);
        var (pixels, size) = ActaQr.Render(ActaQr.Modules(_signedActa), scale: 4);
        var png = Path.Combine(_folder, "mesa-qr.png");
        ImageEncoder.SavePng(new GrayImage(size, size, pixels), png);

        foreach (var input in new[] { file, png, ActaText.ToText(_signedActa) })
        {
            var (exitCode, output, error) = CliRunner.Run("acta", "verify", input, "--keys", _keysFile);
            Assert.True(exitCode == 0, $"{input}: {output}{error}");
            Assert.StartsWith("Valid: signed by the machine and 1 mesa member(s) of mesa 240111017.03", output, StringComparison.Ordinal);
            Assert.Contains("cards 120,33,7", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_tampered_acta_fails_with_the_reason()
    {
        var tampered = (byte[])_signedActa.Clone();
        var index = Array.IndexOf(tampered, (byte)120);
        tampered[index] = 121;
        var (exitCode, output, _) = CliRunner.Run("acta", "verify", ActaText.ToText(tampered), "--keys", _keysFile);
        Assert.Equal(1, exitCode);
        Assert.StartsWith("BadSignature", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_input_is_a_clear_error()
    {
        var (exitCode, _, error) = CliRunner.Run("acta", "verify", "not an acta!", "--keys", _keysFile);
        Assert.Equal(1, exitCode);
        Assert.Contains("neither a file nor", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _machine.Dispose();
        _president.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
