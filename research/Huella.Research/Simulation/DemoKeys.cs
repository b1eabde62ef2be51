using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Elections.Station;

namespace Huella.Research.Simulation;

/// <summary>
/// The keys of the demo: the electoral authority's (signs roll packages) and, for each mesa, its
/// machine's signing and sealing keys and the president's and secretary's signing keys.
/// </summary>
internal sealed class DemoKeys : IDisposable
{
    private readonly Dictionary<MesaId, MesaKeys> _mesas;

    public DemoKeys(IEnumerable<MesaId> mesas) =>
        _mesas = mesas.ToDictionary(m => m, _ => new MesaKeys(SigningKey.GenerateExportable(), SealingKey.GenerateExportable(), SigningKey.GenerateExportable(), SigningKey.GenerateExportable()));

    public SigningKey Authority { get; } = SigningKey.Generate();

    public MesaKeys Of(MesaId mesa) => _mesas[mesa];

    public PublishedKeys Publish(string election) => new(election, _mesas.SelectMany(k => new[]
    {
        new PublishedKey(k.Key, SignerRole.Machine, k.Value.Machine.PublicKey, $"machine {k.Key}"),
        new PublishedKey(k.Key, SignerRole.Member, k.Value.President.PublicKey, $"president {k.Key}"),
        new PublishedKey(k.Key, SignerRole.Member, k.Value.Secretary.PublicKey, $"secretary {k.Key}"),
    }), requiredCountersignatures: 2);

    /// <summary>The station kit the mesa's machine is loaded with: the machine's own keys, no member's.</summary>
    public string KitJson(string election, MesaId mesa)
    {
        var keys = _mesas[mesa];
        return StationKit.ToJson(election, mesa, Authority.PublicKey, keys.Machine, keys.RollKey);
    }

    /// <summary>A member's own key file (president or secretary), sealed with that member's PIN.</summary>
    public string MemberFile(string election, MesaId mesa, string member, string pin, PassphraseCost cost)
    {
        var keys = _mesas[mesa];
        var key = member == President ? keys.President : keys.Secretary;
        return MemberKeyFile.Seal(election, mesa, member, key, pin, cost);
    }

    public const string President = "president";

    public const string Secretary = "secretary";

    public void Dispose()
    {
        Authority.Dispose();
        foreach (var keys in _mesas.Values)
        {
            keys.Machine.Dispose();
            keys.RollKey.Dispose();
            keys.President.Dispose();
            keys.Secretary.Dispose();
        }
    }
}

/// <summary>One mesa's keys: the machine signs actas and opens its roll; the members countersign.</summary>
internal sealed record MesaKeys(SigningKey Machine, SealingKey RollKey, SigningKey President, SigningKey Secretary);
