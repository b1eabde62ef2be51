using System.Collections.Immutable;
using Huella.Research.Synthesis.Templates;
using Huella.Crypto;
using Huella.Elections.Geography;
using Huella.Elections.Roll;
using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Storage;
using Huella.Testing;

namespace Huella.Elections.Tests;

/// <summary>Roll packages (sealed to one machine, signed by the authority) and cutting the roll from a real registry.</summary>
public sealed class RollTests : IDisposable
{
    private const string Election = "PRES-2030";
    private static readonly MesaId Mesa = new(CentreCode.Parse("010101001"), 2);
    private static readonly DateTimeOffset IssuedAt = new(2030, 7, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly SigningKey _authority = SigningKey.Generate();
    private readonly SealingKey _machine = SealingKey.Generate();
    private readonly TempFolder _folder = new("huella-roll-");

    public void Dispose()
    {
        _authority.Dispose();
        _machine.Dispose();
        _folder.Dispose();
    }

    private static MesaRoll Roll(int electors = 6) => new(
        Election,
        Mesa,
        IssuedAt,
        [.. Enumerable.Range(0, electors).Select(i => new RollElector(Cedula.Parse($"V-{20_000_000 + i}"), i == 3 ? [] : [SyntheticTemplates.Impression(5, i, 0).ToTemplate().ToBytes()]))]);

    [Fact]
    public void The_machine_it_was_sealed_for_opens_every_elector_and_template()
    {
        var roll = Roll();
        var package = RollPackage.Seal(roll, _machine.PublicKey.Span, _authority);
        Assert.True(RollPackage.TryOpen(package, _authority.PublicKey, _machine, Election, Mesa, out var opened, out var error), error);
        Assert.Equal(roll.IssuedAt, opened!.IssuedAt);
        Assert.Equal(roll.Electors.Select(e => e.Cedula), opened.Electors.Select(e => e.Cedula));
        for (var i = 0; i < roll.Electors.Length; i++)
        {
            Assert.Equal(roll.Electors[i].Templates.Select(t => t.ToArray()), opened.Electors[i].Fingerprints.Select(t => t.ToBytes()));
        }

        // Cédulas and templates are not readable in the package.
        Assert.Equal(-1, package.AsSpan().IndexOf("V-2000000"u8));
        Assert.Equal(-1, package.AsSpan().IndexOf(roll.Electors[0].Templates[0].Span[..24]));
    }

    [Fact]
    public void Another_machine_mesa_election_or_authority_is_refused_with_a_reason()
    {
        var package = RollPackage.Seal(Roll(), _machine.PublicKey.Span, _authority);
        using var otherMachine = SealingKey.Generate();
        using var otherAuthority = SigningKey.Generate();
        Assert.False(RollPackage.TryOpen(package, _authority.PublicKey, otherMachine, Election, Mesa, out _, out var error));
        Assert.Contains("another machine", error, StringComparison.Ordinal);
        Assert.False(RollPackage.TryOpen(package, _authority.PublicKey, _machine, Election, Mesa with { Number = 3 }, out _, out error));
        Assert.Contains("not PRES-2030 mesa", error, StringComparison.Ordinal);
        Assert.False(RollPackage.TryOpen(package, _authority.PublicKey, _machine, "OTHER", Mesa, out _, out _));
        Assert.False(RollPackage.TryOpen(package, otherAuthority.PublicKey, _machine, Election, Mesa, out _, out error));
        Assert.Contains("signature", error, StringComparison.Ordinal);

        // The same electors signed by someone else: forged.
        var forged = RollPackage.Seal(Roll(), _machine.PublicKey.Span, otherAuthority);
        Assert.False(RollPackage.TryOpen(forged, _authority.PublicKey, _machine, Election, Mesa, out _, out _));
    }

    [Fact]
    public void Every_altered_byte_and_every_truncation_is_refused()
    {
        var package = RollPackage.Seal(Roll(2), _machine.PublicKey.Span, _authority);
        for (var i = 0; i < package.Length; i += 3)
        {
            var altered = package.ToArray();
            altered[i] ^= 0x40;
            Assert.False(RollPackage.TryOpen(altered, _authority.PublicKey, _machine, Election, Mesa, out var roll, out var error), $"byte {i}");
            Assert.Null(roll);
            Assert.False(string.IsNullOrEmpty(error));
        }

        for (var length = 0; length < package.Length; length += 5)
        {
            Assert.False(RollPackage.TryOpen(package.AsSpan(0, length), _authority.PublicKey, _machine, Election, Mesa, out _, out _), $"length {length}");
        }
    }

    [Fact]
    public async Task The_roll_is_cut_from_the_registry_one_mesa_per_elector_in_cedula_order()
    {
        var north = CentreCode.Parse("010101001");
        var northSecond = CentreCode.Parse("010101002");
        var south = CentreCode.Parse("020101001");
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(IssuedAt);
        await using var registry = await IdentityRegistry.OpenAsync(SqlPersonStore.Open(_folder.Sqlite("registry.db"), KeyRing.Generate(), time), time: time);
        var requests = new List<EnrollmentRequest>();
        for (var i = 0; i < 31; i++)
        {
            var parish = i < 20 ? "01.01.01" : i < 30 ? "020101" : "03.01.01";
            var demographics = new Demographics("Elector", $"Número {i}", new DateOnly(1980, 1, 1), Sex.Male, new Address("Calle 1", parish));
            var template = SyntheticTemplates.Impression(9, i, 0).ToTemplate();
            FingerCapture[] fingers = i == 7 ? [] : [new(FingerPosition.RightThumb, template, new CaptureMetadata(IssuedAt, "synthetic", 500))];
            requests.Add(new EnrollmentRequest(Cedula.Create(CedulaNationality.V, 30_000_000 - (i * 7)), demographics, fingers));
        }

        var ids = await registry.ImportAsync(requests, "registrar");
        await registry.SetStatusAsync(ids[0], PersonStatus.Deceased, "registrar", "death certificate");

        var cut = await ElectoralRoll.CutAsync(registry.Store, Election, [new MesaId(south, 2), new MesaId(north, 1), new MesaId(northSecond, 1), new MesaId(north, 2), new MesaId(south, 1)], IssuedAt);
        Assert.Equal(29, cut.Electors);
        Assert.Equal(1, cut.WithoutFingerprints);
        Assert.Equal(1, cut.OutsideTheElection);
        Assert.Equal([6, 6, 7, 5, 5], cut.Mesas.Select(m => m.Electors.Length));
        Assert.Equal([new MesaId(north, 1), new MesaId(north, 2), new MesaId(northSecond, 1), new MesaId(south, 1), new MesaId(south, 2)], cut.Mesas.Select(m => m.Mesa));
        var all = cut.Mesas.SelectMany(m => m.Electors.Select(e => e.Cedula)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.DoesNotContain(requests[0].Cedula, all);
        var numbers = cut.Mesas.Take(3).SelectMany(m => m.Electors.Select(e => e.Cedula.Number)).ToList();
        Assert.Equal(numbers.Order(), numbers);
        var elector = cut.Mesas.SelectMany(m => m.Electors).Single(e => e.Cedula == requests[5].Cedula);
        Assert.Equal(requests[5].Fingers[0].Template.ToBytes(), Assert.Single(elector.Templates).ToArray());
    }
}
