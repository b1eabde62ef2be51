using System.Collections.Immutable;
using Huella.Crypto;
using Huella.Elections.Geography;

namespace Huella.Elections.Actas;

/// <summary>A key the electoral body published before election day, bound to one mesa and role.</summary>
public sealed record PublishedKey(MesaId Mesa, SignerRole Role, VerificationKey Key, string Holder);

/// <summary>
/// The public keys of every machine and mesa member, published before the election so anyone can
/// check actas offline. An acta is only as good as the key list it is checked against.
/// </summary>
public sealed class PublishedKeys
{
    private readonly Dictionary<string, PublishedKey> _byId = [];

    public PublishedKeys(string electionId, IEnumerable<PublishedKey> keys, int requiredCountersignatures = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(electionId);
        ArgumentNullException.ThrowIfNull(keys);
        ElectionId = electionId;
        RequiredCountersignatures = requiredCountersignatures;
        foreach (var key in keys)
        {
            _byId.Add(key.Key.Fingerprint, key);
        }
    }

    public string ElectionId { get; }

    /// <summary>How many distinct mesa members must countersign an acta.</summary>
    public int RequiredCountersignatures { get; }

    public IEnumerable<PublishedKey> All => _byId.Values;

    public PublishedKey? Find(ImmutableArray<byte> keyId) =>
        _byId.TryGetValue(Convert.ToHexStringLower(keyId.AsSpan()), out var key) ? key : null;
}
