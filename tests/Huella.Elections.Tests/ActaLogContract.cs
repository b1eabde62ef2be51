using Huella.Crypto;
using Huella.Elections.Central;
using Huella.Elections.Contests;
using Huella.Research.Simulation;
using Huella.Storage;
using Huella.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Elections.Tests;

/// <summary>Central's transparency log over a real archive, on SQLite and a real PostgreSQL.</summary>
public abstract class ActaLogContract
{
    private static readonly BallotContest Contest = new("test", [new("A", "Ana"), new("B", "Beto")], [new("P1", 0), new("P2", 1), new("P3", 0)]);

    private static readonly byte[] Seed = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.Zero));

    protected abstract StoreLocation Location { get; }

    private async Task<ActaLog> Log(byte[]? seed = null)
    {
        var log = new ActaLog(new ActaArchive(Location), SigningKey.FromSeed(seed ?? Seed), _time);
        try
        {
            await log.InitializeAsync();
            return log;
        }
        catch
        {
            log.Dispose();
            throw;
        }
    }

    [Fact]
    public async Task Every_stored_version_is_a_leaf_in_arrival_order_proved_in_every_head_and_heads_are_consistent()
    {
        using var factory = new SyntheticActas(12);
        var archive = new ActaArchive(Location);
        await archive.InitializeAsync();
        using var central = new CentralCount(archive, factory.Keys, [Contest], _time);
        using var log = await Log();
        Assert.Equal(0, log.Head.Size);
        Assert.Equal(MerkleTree.EmptyRoot(), log.Head.Root.ToArray());

        var mesas = factory.Mesas.ToList();
        for (var batch = 0; batch < 3; batch++)
        {
            var sent = mesas.Skip(batch * 4).Take(4).Select(m => factory.Sign(factory.ActaFor(m))).ToList();
            sent.Add([0x05, (byte)batch]);
            if (batch == 2)
            {
                // A second, different acta for a mesa already counted: stored as a conflict, and logged.
                sent.Add(factory.Sign(factory.ActaFor(mesas[0])));
            }

            await central.IngestAsync(sent);
            _time.Advance(TimeSpan.FromMinutes(1));
            await log.CatchUpAsync();
        }

        var entries = await archive.ReadEntriesAsync();
        Assert.Equal(16, entries.Count);
        Assert.Equal([0L, 5, 10, 16], log.Heads.Select(h => h.Size));
        Assert.All(log.Heads, h => Assert.True(h.VerifiedBy(log.PublicKey)));
        Assert.Contains(entries, e => e.Status == IngestStatus.Conflicting);
        Assert.Contains(entries, e => e.Status == IngestStatus.Rejected && e.Mesa is null);

        var leaves = log.Leaves(0, 100);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.Equal(ActaLogLeaf.Of(entries[i]).Encode(), leaves[i]);
            Assert.True(ActaLogLeaf.TryDecode(leaves[i], out var decoded));
            Assert.Equal(ActaLogLeaf.Of(entries[i]), decoded);
            Assert.Equal(i, log.IndexOf(entries[i].Hash));
            foreach (var head in log.Heads.Where(h => h.Size > i))
            {
                Assert.True(MerkleProof.VerifyInclusion(MerkleTree.LeafHash(leaves[i]), i, head.Size, log.InclusionProof(i, head.Size), head.Root.AsSpan()));
            }
        }

        for (var h = 1; h < log.Heads.Count; h++)
        {
            var (first, second) = (log.Heads[h - 1], log.Heads[h]);
            Assert.True(MerkleProof.VerifyConsistency(first.Size, second.Size, log.ConsistencyProof(first.Size, second.Size), first.Root.AsSpan(), second.Root.AsSpan()));
        }

        // Nothing new, no new head.
        await log.CatchUpAsync();
        Assert.Equal(4, log.Heads.Count);
    }

    [Fact]
    public async Task A_restart_rebuilds_the_same_tree_and_refuses_a_changed_archive_or_another_key()
    {
        using var factory = new SyntheticActas(6);
        var archive = new ActaArchive(Location);
        await archive.InitializeAsync();
        using (var central = new CentralCount(archive, factory.Keys, [Contest], _time))
        {
            await central.IngestAsync([.. factory.Mesas.Select(m => factory.Sign(factory.ActaFor(m)))]);
        }

        SignedTreeHead head;
        using (var log = await Log())
        {
            head = log.Head;
            Assert.Equal(6, head.Size);
        }

        using (var again = await Log())
        {
            Assert.Equal(head, again.Head);
            Assert.Single(again.Heads);
        }

        var other = await Assert.ThrowsAsync<ActaLogException>(() => Log([.. Enumerable.Repeat((byte)7, 32)]));
        Assert.Contains("not signed by the log key", other.Message, StringComparison.Ordinal);

        // A stored verdict rewritten behind central's back: the published head no longer matches.
        await using (var connection = await Location.OpenAsync())
        {
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE acta_received SET status = 'Conflicting' WHERE seq = 3";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var changed = await Assert.ThrowsAsync<ActaLogException>(() => Log());
        Assert.Contains("no longer holds the tree", changed.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteActaLogTests : ActaLogContract, IDisposable
{
    private readonly TempFolder _folder = new("huella-log-");

    protected override StoreLocation Location => _folder.Sqlite("central.db");

    public void Dispose() => _folder.Dispose();
}

public sealed class PostgresActaLogTests : ActaLogContract, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StoreLocation Location => StoreLocation.Postgres(_database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
