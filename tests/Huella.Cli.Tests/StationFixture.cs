using System.Collections.Immutable;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Elections.Roll;
using Huella.Elections.Station;
using Huella.Testing;
using Huella.Identity;

namespace Huella.Cli.Tests;

/// <summary>
/// One mesa's files as the authority hands them out: the machine's kit (its keys only), the roll
/// package sealed to it, and the president's and secretary's own key files with their PINs.
/// </summary>
internal sealed class StationFixture : IDisposable
{
    public const string Election = "MUNI-2027";
    public static readonly MesaId Mesa = new(CentreCode.Parse("010101001"), 1);

    // The smallest accepted Argon2id cost: the tests open these files many times.
    private static readonly PassphraseCost Cheap = new(8 * 1024, 1);
    private readonly SigningKey _authority = SigningKey.Generate();
    private readonly SigningKey _machine = SigningKey.GenerateExportable();
    private readonly SealingKey _rollKey = SealingKey.GenerateExportable();
    private readonly SigningKey _president = SigningKey.GenerateExportable();
    private readonly SigningKey _secretary = SigningKey.GenerateExportable();

    public StationFixture(string folder, IEnumerable<RollElector> electors)
    {
        Kit = Path.Combine(folder, "mesa.kit.json");
        SecretFile.WriteAllText(Kit, StationKit.ToJson(Election, Mesa, _authority.PublicKey, _machine, _rollKey));
        Members = [Path.Combine(folder, "president.key"), Path.Combine(folder, "secretary.key")];
        Pins = [Path.Combine(folder, "president.pin"), Path.Combine(folder, "secretary.pin")];
        SecretFile.WriteAllText(Members[0], MemberKeyFile.Seal(Election, Mesa, "president", _president, PresidentPin, Cheap));
        SecretFile.WriteAllText(Members[1], MemberKeyFile.Seal(Election, Mesa, "secretary", _secretary, SecretaryPin, Cheap));
        SecretFile.WriteAllText(Pins[0], PresidentPin + "\n");
        SecretFile.WriteAllText(Pins[1], SecretaryPin + "\n");
        Roll = Path.Combine(folder, "mesa.roll");
        File.WriteAllBytes(Roll, RollPackage.Seal(new MesaRoll(Election, Mesa, DateTimeOffset.UtcNow, [.. electors]), _rollKey.PublicKey.Span, _authority));
    }

    public const string PresidentPin = "318204";

    public const string SecretaryPin = "906117";

    public static string Definition => Path.Combine(SharedData.RepositoryRoot, "docs", "examples", "election-definition.json");

    public string Kit { get; }

    public string Roll { get; }

    public string[] Members { get; }

    public string[] Pins { get; }

    public PublishedKeys Keys => new(Election,
    [
        new(Mesa, SignerRole.Machine, _machine.PublicKey, "machine"),
        new(Mesa, SignerRole.Member, _president.PublicKey, "president"),
        new(Mesa, SignerRole.Member, _secretary.PublicKey, "secretary"),
    ], requiredCountersignatures: 2);

    public static IEnumerable<RollElector> WithoutFingerprints(int count) =>
        Enumerable.Range(0, count).Select(i => new RollElector(Cedula.Parse($"E-{i + 1}"), ImmutableArray<ReadOnlyMemory<byte>>.Empty));

    /// <summary>The arguments of <c>huella station</c> for this mesa, both members countersigning with their PIN files.</summary>
    public string[] Arguments(string output, params string[] more) =>
        ["station", "--kit", Kit, "--roll", Roll, "--definition", Definition, "--out", output,
            "--member", Members[0], "--member", Members[1], "--member-pin-file", Pins[0], "--member-pin-file", Pins[1], .. more];

    public void Dispose()
    {
        _authority.Dispose();
        _machine.Dispose();
        _rollKey.Dispose();
        _president.Dispose();
        _secretary.Dispose();
    }
}
