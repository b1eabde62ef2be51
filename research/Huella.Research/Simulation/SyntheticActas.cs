using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;

namespace Huella.Research.Simulation;

/// <summary>
/// Mesas with their machine and president keys, and consistent signed actas with random counts:
/// input for tests, benchmarks and demos of central's ingest. Not for anything that must be secret:
/// counts come from a seeded <see cref="Random"/>.
/// </summary>
public sealed class SyntheticActas : IDisposable
{
    public const string Election = "TEST-2026";
    // Seeds, not key handles: libsodium guards every key with its own memory mappings, and tens of
    // thousands of live keys in one process exhaust them. Synthetic keys are not secrets.
    private readonly Dictionary<MesaId, (byte[] Machine, byte[] Member)> _keys = [];
    private readonly Random _random;

    public SyntheticActas(int mesas, int seed = 1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(mesas, 24 * 99 * 999 * 4);
        _random = new Random(seed);
        for (var i = 0; i < mesas; i++)
        {
            // Four mesas a centre, centres spread over 24 states and up to 99 municipalities.
            var centreIndex = i / 4;
            var centre = CentreCode.Parse($"{1 + (centreIndex % 24):D2}{1 + (centreIndex / 24 % 99):D2}01{1 + (centreIndex / (24 * 99)):D3}");
            _keys[new MesaId(centre, 1 + (i % 4))] = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        }

        Keys = new PublishedKeys(Election, _keys.SelectMany(k => new[]
        {
            new PublishedKey(k.Key, SignerRole.Machine, PublicKeyOf(k.Value.Machine), $"machine {k.Key}"),
            new PublishedKey(k.Key, SignerRole.Member, PublicKeyOf(k.Value.Member), $"president {k.Key}"),
        }));
    }

    public PublishedKeys Keys { get; }

    public IReadOnlyCollection<MesaId> Mesas => _keys.Keys;

    public Acta ActaFor(MesaId mesa, int cards = 3)
    {
        var votes = Enumerable.Range(0, cards).Select(_ => _random.Next(0, 200)).ToArray();
        var nulls = _random.Next(0, 5);
        var cast = votes.Sum() + nulls;
        return new Acta
        {
            ElectionId = Election,
            Mesa = mesa,
            CardVotes = [.. votes],
            NullVotes = nulls,
            BlankVotes = 0,
            RegisteredElectors = cast + _random.Next(0, 300),
            ElectorsAuthenticated = cast,
            BallotsCast = cast,
            Incidents = ImmutableArray.Create(new int[Enum.GetValues<IncidentKind>().Length]),
            LogHead = [.. SHA256.HashData(BitConverter.GetBytes(_random.Next()))],
            ClosedAt = 1_800_000_000,
        };
    }

    public byte[] Sign(Acta acta, SigningKey? machine = null)
    {
        ArgumentNullException.ThrowIfNull(acta);
        var (ownMachine, member) = _keys[acta.Mesa];
        using var machineKey = SigningKey.FromSeed(ownMachine);
        using var memberKey = SigningKey.FromSeed(member);
        return SignedActa.SignByMachine(acta, machine ?? machineKey).Countersign(memberKey).Encode();
    }

    /// <summary>The machine key of <paramref name="mesa"/>, as a new handle the caller disposes.</summary>
    public SigningKey MachineOf(MesaId mesa) => SigningKey.FromSeed(_keys[mesa].Machine);

    public void Dispose()
    {
        foreach (var (machine, member) in _keys.Values)
        {
            CryptographicOperations.ZeroMemory(machine);
            CryptographicOperations.ZeroMemory(member);
        }
    }

    private static VerificationKey PublicKeyOf(byte[] seed)
    {
        using var key = SigningKey.FromSeed(seed);
        return key.PublicKey;
    }
}
