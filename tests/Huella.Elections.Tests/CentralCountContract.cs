using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Research.Simulation;
using Huella.Elections.Totalization;
using Huella.Storage;
using Huella.Testing;

namespace Huella.Elections.Tests;

/// <summary>Central's behaviour, run against SQLite and a real PostgreSQL.</summary>
public abstract class CentralCountContract
{
    private static readonly BallotContest Contest = new("test", [new("A", "Ana"), new("B", "Beto")], [new("P1", 0), new("P2", 1), new("P3", 0)]);

    protected abstract StoreLocation Location { get; }

    private async Task<CentralCount> Central(SyntheticActas factory)
    {
        var archive = new ActaArchive(Location);
        await archive.InitializeAsync();
        return new CentralCount(archive, factory.Keys, [Contest], TimeProvider.System);
    }

    [Fact]
    public async Task Actas_in_any_order_any_number_of_times_are_counted_once()
    {
        using var factory = new SyntheticActas(40);
        var actas = factory.Mesas.Select(m => factory.ActaFor(m)).ToList();
        var signed = actas.Select(a => factory.Sign(a)).ToList();
        using var central = await Central(factory);

        var first = await central.IngestAsync(signed.Take(25).ToList());
        Assert.All(first, o => Assert.Equal(IngestStatus.Accepted, o.Status));
        var shuffled = signed.AsEnumerable().Reverse().Concat(signed.Take(5)).ToList();
        var second = await central.IngestAsync(shuffled);
        Assert.Equal(15, second.Count(o => o.Status == IngestStatus.Accepted));
        Assert.Equal(shuffled.Count - 15, second.Count(o => o.Status == IngestStatus.AlreadyReceived));

        var totals = await central.RecountAsync(0);
        var expected = new Totalizer(2);
        foreach (var acta in actas)
        {
            expected.Add(CentralCount.ToResult(acta, Contest));
        }

        Assert.Equal(40, totals.Nation.Mesas);
        Assert.Equal(expected.Nation.CandidateVotes.ToArray(), totals.Nation.CandidateVotes.ToArray());
        Assert.Empty(totals.Anomalies);
        Assert.Equal(40, (await new ActaArchive(Location).ReadAllAsync()).Count);
    }

    [Fact]
    public async Task A_long_stream_ingested_in_overlapping_batches_gives_outcomes_in_order_and_the_recount()
    {
        using var factory = new SyntheticActas(30);
        var actas = factory.Mesas.Select(m => factory.ActaFor(m)).ToList();
        var signed = actas.Select(a => factory.Sign(a)).ToList();
        var stream = signed.Concat(signed.Take(10)).Append([9, 9, 9]).ToList();
        using var central = await Central(factory);

        var outcomes = await central.IngestAllAsync(stream, batchSize: 7);

        Assert.Equal(stream.Count, outcomes.Count);
        Assert.All(outcomes.Take(30), o => Assert.Equal(IngestStatus.Accepted, o.Status));
        Assert.All(outcomes.Skip(30).Take(10), o => Assert.Equal(IngestStatus.AlreadyReceived, o.Status));
        Assert.Equal(ActaVerdict.Malformed, outcomes[^1].Verdict);
        Assert.Equal(actas.Select(a => a.Mesa), outcomes.Take(30).Select(o => o.Mesa!.Value));
        var live = await central.TotalsAsync(0);
        var recount = await central.RecountAsync(0);
        Assert.Equal(30, live.Nation.Mesas);
        Assert.Equal(recount.Nation.CardVotes.ToArray(), live.Nation.CardVotes.ToArray());
        Assert.Equal(recount.Nation.RegisteredElectors, live.Nation.RegisteredElectors);
    }

    [Fact]
    public async Task Forged_altered_foreign_and_garbage_actas_are_rejected_with_a_reason_and_kept()
    {
        using var factory = new SyntheticActas(4);
        var mesas = factory.Mesas.ToArray();
        using var central = await Central(factory);
        using var rogue = Huella.Crypto.SigningKey.Generate();
        using var neighbour = factory.MachineOf(mesas[3]);

        var altered = factory.Sign(factory.ActaFor(mesas[0]));
        altered[10] ^= 0x01;
        var transmissions = new List<byte[]>
        {
            factory.Sign(factory.ActaFor(mesas[1]), rogue),
            altered,
            factory.Sign(factory.ActaFor(mesas[2]), neighbour),
            new byte[] { 1, 2, 3 },
        };
        var outcomes = await central.IngestAsync(transmissions);

        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Rejected, o.Status));
        Assert.Equal(ActaVerdict.UnknownMachine, outcomes[0].Verdict);
        Assert.NotEqual(ActaVerdict.Valid, outcomes[1].Verdict);
        Assert.Equal(ActaVerdict.WrongMesa, outcomes[2].Verdict);
        Assert.Equal(ActaVerdict.Malformed, outcomes[3].Verdict);
        Assert.All(outcomes, o => Assert.False(string.IsNullOrWhiteSpace(o.Reason)));

        Assert.Equal(4, (await new ActaArchive(Location).ReadAllAsync()).Count(a => a.Status == IngestStatus.Rejected));
        Assert.Equal(0, (await central.RecountAsync(0)).Nation.Mesas);
    }

    [Fact]
    public async Task A_copy_with_reordered_or_fewer_signatures_sent_first_never_pushes_the_genuine_acta_aside()
    {
        using var factory = new SyntheticActas(1);
        var mesa = factory.Mesas.First();
        using var machine = Huella.Crypto.SigningKey.Generate();
        using var president = Huella.Crypto.SigningKey.Generate();
        using var secretary = Huella.Crypto.SigningKey.Generate();
        var keys = new PublishedKeys(SyntheticActas.Election,
        [
            new(mesa, SignerRole.Machine, machine.PublicKey, "machine"),
            new(mesa, SignerRole.Member, president.PublicKey, "president"),
            new(mesa, SignerRole.Member, secretary.PublicKey, "secretary"),
        ]);
        var archive = new ActaArchive(Location);
        await archive.InitializeAsync();
        using var central = new CentralCount(archive, keys, [Contest], TimeProvider.System);
        var acta = factory.ActaFor(mesa);
        var genuine = SignedActa.SignByMachine(acta, machine).Countersign(president).Countersign(secretary).Encode();

        // What an attacker on the link can make without any key: the signature records swapped or one repeated.
        var records = Enumerable.Range(0, 3).Select(r => genuine[^((3 - r) * 73)..^((2 - r) * 73)]).ToArray();
        var prefix = genuine[..^(3 * 73 + 1)];
        byte[] reordered = [.. prefix, 3, .. records[1], .. records[0], .. records[2]];
        byte[] repeated = [.. prefix, 4, .. records[0], .. records[0], .. records[1], .. records[2]];

        // And, as valid as the genuine one, the same body with a countersignature stripped.
        var stripped = SignedActa.SignByMachine(acta, machine).Countersign(president).Encode();

        var outcomes = await central.IngestAsync([reordered, repeated, stripped, genuine, genuine]);
        Assert.Equal(
            [IngestStatus.Rejected, IngestStatus.Rejected, IngestStatus.Accepted, IngestStatus.AlreadyReceived, IngestStatus.AlreadyReceived],
            outcomes.Select(o => o.Status));
        Assert.Equal(ActaVerdict.Malformed, outcomes[0].Verdict);
        Assert.Single(outcomes.Select(o => o.ActaHash).Skip(2).Distinct());
        Assert.Equal(IngestStatus.AlreadyReceived, (await central.IngestAsync([genuine]))[0].Status);

        var totals = await central.RecountAsync(0);
        Assert.Equal(1, totals.Nation.Mesas);
        Assert.Empty(totals.Anomalies);
        var stored = await archive.ReadMesaAsync(mesa);
        Assert.Equal(1, stored.Count(v => v.Status != IngestStatus.Rejected));
        Assert.DoesNotContain(stored, v => v.Status == IngestStatus.Conflicting);
    }

    [Fact]
    public async Task Refused_bodies_are_kept_up_to_each_senders_cap_then_as_summaries_and_start_up_reads_none()
    {
        using var factory = new SyntheticActas(2);
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.Zero));
        var archive = new ActaArchive(Location);
        await archive.InitializeAsync();
        var limits = new RefusalLimits(MaxBodies: 2, MaxBytes: 1_000);
        byte[] Garbage(int n, int size) => [.. Enumerable.Repeat((byte)(0x80 | n), size)];
        using (var central = new CentralCount(archive, factory.Keys, [Contest], time) { RefusalLimits = limits })
        {
            Task<IReadOnlyList<IngestOutcome>> Send(string sender, params byte[][] transmissions) =>
                central.IngestCheckedAsync([.. transmissions.Select(t => central.Check(t, sender))]);

            Assert.All(await Send("station-a", Garbage(1, 300), Garbage(2, 300), Garbage(3, 300), Garbage(1, 300)), o => Assert.Equal(IngestStatus.Rejected, o.Status));
            time.Advance(TimeSpan.FromMinutes(1));
            await Send("station-a", Garbage(4, 300));
            await Send("station-b", Garbage(5, 900), Garbage(6, 200));
            Assert.Equal(IngestStatus.Accepted, (await Send("station-a", factory.Sign(factory.ActaFor(factory.Mesas.First()))))[0].Status);
        }

        var all = await archive.ReadAllAsync();
        Assert.Equal(4 + 2 + 1, all.Count);
        var a = all.Where(r => r.Sender == "station-a" && r.Status == IngestStatus.Rejected).ToList();
        Assert.Equal(4, a.Count);
        Assert.Equal(2, a.Count(r => r.BodyKept));
        Assert.All(a, r => Assert.Equal(300, r.Size));
        Assert.All(a.Where(r => !r.BodyKept), r => Assert.Empty(r.Bytes));
        Assert.Contains(a, r => !r.BodyKept && r.ReceivedAt == time.GetUtcNow() && !string.IsNullOrEmpty(r.Reason));
        var b = all.Where(r => r.Sender == "station-b").OrderBy(r => r.Size).ToList();
        Assert.Equal((200, false), (b[0].Size, b[0].BodyKept));
        Assert.Equal((900, true), (b[1].Size, b[1].BodyKept));

        // After a restart the caps go on from what the archive holds; a recount reads no refused row.
        using var restarted = new CentralCount(archive, factory.Keys, [Contest], time) { RefusalLimits = limits };
        await restarted.LoadAsync();
        var again = await restarted.IngestCheckedAsync([restarted.Check(Garbage(7, 200), "station-b"), restarted.Check(Garbage(8, 10), "station-c")]);
        Assert.All(again, o => Assert.Equal(IngestStatus.Rejected, o.Status));
        var after = await archive.ReadAllAsync();
        Assert.Equal(1, after.Count(r => r.Sender == "station-b" && r.BodyKept));
        Assert.True(after.Single(r => r.Sender == "station-c").BodyKept);
        Assert.Single(await archive.ReadCountableAsync());
        Assert.Equal(1, (await restarted.RecountAsync(0)).Nation.Mesas);
    }

    [Fact]
    public async Task An_opening_acta_is_archived_but_never_counted()
    {
        using var factory = new SyntheticActas(2);
        var mesa = factory.Mesas.First();
        var zero = factory.ActaFor(mesa) with { Kind = ActaKind.Opening, CardVotes = [0, 0, 0], NullVotes = 0, BallotsCast = 0, ElectorsAuthenticated = 0 };
        using var central = await Central(factory);

        var outcome = (await central.IngestAsync([factory.Sign(zero)]))[0];
        Assert.Equal(IngestStatus.Rejected, outcome.Status);
        Assert.Contains("opening acta", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(IngestStatus.Accepted, (await central.IngestAsync([factory.Sign(factory.ActaFor(mesa))]))[0].Status);
        var totals = await central.RecountAsync(0);
        Assert.Equal(1, totals.Nation.Mesas);
        Assert.Empty(totals.Anomalies);
    }

    [Fact]
    public async Task A_second_different_acta_for_a_mesa_is_kept_flagged_and_not_counted()
    {
        using var factory = new SyntheticActas(2);
        var mesa = factory.Mesas.First();
        var original = factory.ActaFor(mesa);
        var other = factory.ActaFor(mesa);
        using var central = await Central(factory);

        Assert.Equal(IngestStatus.Accepted, (await central.IngestAsync([factory.Sign(original)]))[0].Status);
        Assert.Equal(IngestStatus.Conflicting, (await central.IngestAsync([factory.Sign(other)]))[0].Status);

        var totals = await central.RecountAsync(0);
        Assert.Equal(1, totals.Nation.Mesas);
        Assert.Equal(original.CardVotes[0] + original.CardVotes[2], totals.Nation.CandidateVotes[0]);
        Assert.Equal(AnomalyKind.ConflictingActas, Assert.Single(totals.Anomalies).Kind);
    }

    [Fact]
    public async Task Each_contest_of_a_mesa_has_its_own_acta_counted_once_and_recounted_apart()
    {
        var council = new BallotContest("council", [new("C", "Carla"), new("D", "Dario")], [new("Q1", 0), new("Q2", 1)], marksPerBallot: 2);
        using var factory = new SyntheticActas(6);
        var archive = new ActaArchive(Location);
        await archive.InitializeAsync();
        using var central = new CentralCount(archive, factory.Keys, [Contest, council], TimeProvider.System);
        var presidential = factory.Mesas.Select(m => factory.ActaFor(m)).ToList();

        // Council actas: each ballot marks one or two of two cards, so card votes lie between the
        // marked ballots and twice that.
        var councils = presidential.Select(a =>
        {
            var marked = a.BallotsCast - a.NullVotes - a.BlankVotes;
            return a with { Contest = 1, MarksPerBallot = 2, CardVotes = [marked, marked / 2] };
        }).ToList();
        var outcomes = await central.IngestAsync([.. presidential.Select(a => factory.Sign(a)), .. councils.Select(a => factory.Sign(a))]);
        Assert.All(outcomes, o => Assert.Equal(IngestStatus.Accepted, o.Status));
        Assert.Equal([.. Enumerable.Repeat(0, 6), .. Enumerable.Repeat(1, 6)], outcomes.Select(o => o.Contest));

        // A second, different council acta for a mesa conflicts with the council acta only; counts
        // shaped for no contest of this election are rejected with the reason.
        var mesa = councils[0].Mesa;
        var again = await central.IngestAsync(
        [
            factory.Sign(councils[0] with { CardVotes = [councils[0].CardVotes[0], 0] }),
            factory.Sign(councils[1] with { Contest = 2 }),
            factory.Sign(councils[1] with { MarksPerBallot = 1, CardVotes = [councils[1].BallotsCast - councils[1].NullVotes - councils[1].BlankVotes, 0] }),
            factory.Sign(presidential[1] with { Contest = 1 }),
        ]);
        Assert.Equal(IngestStatus.Conflicting, again[0].Status);
        Assert.Equal((1, mesa), (again[0].Contest, again[0].Mesa!.Value));
        Assert.All(again.Skip(1), o => Assert.Equal((IngestStatus.Rejected, ActaVerdict.Inconsistent), (o.Status, o.Verdict)));
        Assert.Contains("this election has 2", again[1].Reason, StringComparison.Ordinal);
        Assert.Contains("council allows 2", again[2].Reason, StringComparison.Ordinal);
        Assert.Contains("council has 2", again[3].Reason, StringComparison.Ordinal);

        var recount = await central.RecountAllAsync();
        var live = await central.TotalsAsync(1);
        Assert.Equal(2, recount.Length);
        Assert.Equal(6, recount[0].Nation.Mesas);
        Assert.Empty(recount[0].Anomalies);
        Assert.Equal(councils.Sum(a => (long)a.CardVotes[0]), recount[1].Nation.CandidateVotes[0]);
        Assert.Equal(councils.Sum(a => (long)a.BallotsCast), recount[1].Nation.BallotsCounted);
        Assert.Equal(recount[1].Nation.CandidateVotes.ToArray(), live.Nation.CandidateVotes.ToArray());
        Assert.Equal(AnomalyKind.ConflictingActas, Assert.Single(recount[1].Anomalies).Kind);
        Assert.Contains((await archive.ReadMesaAsync(mesa)), v => v.Contest == 1 && v.Status == IngestStatus.Conflicting);
    }
}

public sealed class SqliteCentralCountTests : CentralCountContract, IDisposable
{
    private readonly TempFolder _folder = new("huella-central-");

    protected override StoreLocation Location => _folder.Sqlite("central.db");

    public void Dispose() => _folder.Dispose();
}

/// <summary>A fresh database per test, as the SQLite variant has a fresh file per test.</summary>
public sealed class PostgresCentralCountTests : CentralCountContract, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StoreLocation Location => StoreLocation.Postgres(_database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
