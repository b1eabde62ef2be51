using System.Collections.Immutable;
using System.Security.Cryptography;
using Huella.Crypto;
using Huella.Elections.Actas;
using Huella.Elections.Geography;

namespace Huella.Elections.Tests;

/// <summary>Mesas with their machine and member keys, and signed actas with plausible counts.</summary>
internal sealed class ActaFactory : IDisposable
{
    public const string Election = "TEST-2026";
    private readonly Dictionary<MesaId, (SigningKey Machine, SigningKey Member)> _keys = [];
    private readonly Random _random;

    public ActaFactory(int mesas, int seed = 1)
    {
        _random = new Random(seed);
        for (var i = 0; i < mesas; i++)
        {
            var centre = CentreCode.Parse($"{1 + (i % 3):D2}{1 + (i % 5):D2}01{1 + (i / 4):D3}");
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
