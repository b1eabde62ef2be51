using Huella.Crypto;
using Huella.Elections.Geography;
using Huella.Elections.Station;

namespace Huella.Elections.Tests;

/// <summary>Kits carry the machine's keys only; each member's key is their own file, opened with their PIN.</summary>
public sealed class MemberKeyFileTests
{
    private static readonly MesaId Mesa = new(CentreCode.Parse("010101001"), 1);
    private static readonly PassphraseCost Cheap = new(8 * 1024, 1);

    [Fact]
    public void A_member_file_opens_with_its_PIN_only_and_for_its_mesa_only()
    {
        using var president = SigningKey.GenerateExportable();
        var file = MemberKeyFile.Seal("TEST-2026", Mesa, "president", president, "271828", Cheap);
        Assert.DoesNotContain(Seed(president), file, StringComparison.Ordinal);

        var opened = MemberKeyFile.Open(file, "271828", "TEST-2026", Mesa);
        Assert.Equal(MemberKeyStatus.Opened, opened.Status);
        using (opened.Key)
        {
            Assert.Equal(president.PublicKey.Bytes.ToArray(), opened.Key!.Key.PublicKey.Bytes.ToArray());
            Assert.Equal("president", opened.Key.Member);
        }

        var wrong = MemberKeyFile.Open(file, "271829", "TEST-2026", Mesa);
        Assert.Equal((MemberKeyStatus.WrongPin, null), (wrong.Status, wrong.Key));
        Assert.Equal(MemberKeyStatus.OtherMesa, MemberKeyFile.Open(file, "271828", "TEST-2026", new MesaId(Mesa.Centre, 2)).Status);
        Assert.Equal(MemberKeyStatus.Malformed, MemberKeyFile.Open("{ not json", "271828", "TEST-2026", Mesa).Status);

        // Relabelling the file as the secretary's breaks the seal: the role is bound to the key.
        var relabelled = file.Replace("\"president\"", "\"secretary\"", StringComparison.Ordinal);
        Assert.Equal(MemberKeyStatus.WrongPin, MemberKeyFile.Open(relabelled, "271828", "TEST-2026", Mesa).Status);
    }

    [Fact]
    public void A_kit_holds_no_member_key_and_a_kit_that_does_is_refused()
    {
        using var authority = SigningKey.Generate();
        using var machine = SigningKey.GenerateExportable();
        using var rollKey = SealingKey.GenerateExportable();
        var json = StationKit.ToJson("TEST-2026", Mesa, authority.PublicKey, machine, rollKey);
        Assert.DoesNotContain("members", json, StringComparison.Ordinal);
        using (var kit = StationKit.Parse(json))
        {
            Assert.Equal(machine.PublicKey.Bytes.ToArray(), kit.Machine.PublicKey.Bytes.ToArray());
        }

        // The kit format that carried both members' seeds beside the machine's.
        using var member = SigningKey.GenerateExportable();
        var withMembers = json.TrimEnd().TrimEnd('}') + $",\"members\": [\"{Seed(member)}\"]}}";
        var refused = Assert.Throws<ElectionDataException>(() => StationKit.Parse(withMembers));
        Assert.Contains("members' keys", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kit_sealed_with_a_passphrase_needs_it()
    {
        using var authority = SigningKey.Generate();
        using var machine = SigningKey.GenerateExportable();
        using var rollKey = SealingKey.GenerateExportable();
        var json = StationKit.ToJson("TEST-2026", Mesa, authority.PublicKey, machine, rollKey);
        var sealedKit = StationKit.Seal(json, "mesa uno, máquina A", Cheap);
        Assert.Equal(-1, sealedKit.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Seed(machine))));

        using (var kit = StationKit.Read(sealedKit, "mesa uno, máquina A"))
        {
            Assert.Equal(Mesa, kit.Mesa);
        }

        Assert.Contains("none was given", Assert.Throws<ElectionDataException>(() => StationKit.Read(sealedKit, null)).Message, StringComparison.Ordinal);
        Assert.Contains("does not open", Assert.Throws<ElectionDataException>(() => StationKit.Read(sealedKit, "mesa dos")).Message, StringComparison.Ordinal);
    }

    private static string Seed(SigningKey key)
    {
        var seed = new byte[32];
        key.ExportSeed(seed);
        return Convert.ToHexStringLower(seed);
    }
}
