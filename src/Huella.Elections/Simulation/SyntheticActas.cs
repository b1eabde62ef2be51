using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;

namespace Huella.Elections.Simulation;

/// <summary>
/// Mesas with their machine and president keys, and consistent signed actas with random counts:
/// input for tests, benchmarks and demos of central's ingest. Not for anything that must be secret:
/// counts come from a seeded <see cref="Random"/>.
/// </summary>
public sealed class SyntheticActas : IDisposable
{
    public const string Election = "TEST-2026";
    private readonly Dictionary<MesaId, (SigningKey Machine, SigningKey Member)> _keys = [];
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
            _keys[new MesaId(centre, 1 + (i % 4))] = (SigningKey.Generate(), SigningKey.Generate());
        }

        Keys = new PublishedKeys(Election, _keys.SelectMany(k => new[]
        {
            new PublishedKey(k.Key, SignerRole.Machine, k.Value.Machine.PublicKey, $"machine {k.Key}"),
            new PublishedKey(k.Key, SignerRole.Member, k.Value.Member.PublicKey, $"president {k.Key}"),
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
        var (ownMachine, member) = _keys[acta.Mesa];
        return SignedActa.SignByMachine(acta, machine ?? ownMachine).Countersign(member).Encode();
    }

    public SigningKey MachineOf(MesaId mesa) => _keys[mesa].Machine;

    public void Dispose()
    {
        foreach (var (machine, member) in _keys.Values)
        {
            machine.Dispose();
            member.Dispose();
        }
    }
}
