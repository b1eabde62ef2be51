using System.Security.Cryptography;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Geography;
using Huella.Storage;
using Huella.Testing;

namespace Huella.Elections.Tests;

/// <summary>Central's acta archive on its own, run against SQLite and a real PostgreSQL (the count over it: <see cref="CentralCountContract"/>).</summary>
public abstract class ActaArchiveContract
{
    private const string Station = "station:010101001.01";

    protected abstract StoreLocation Location { get; }

    private async Task<ActaArchive> Archive()
    {
        var archive = new ActaArchive(Location);
        await archive.InitializeAsync();
        await archive.InitializeAsync();
        return archive;
    }

    [Fact]
    public async Task A_batch_is_stored_once_whole_and_read_back_in_hash_order()
    {
        var archive = await Archive();

        // More rows than one INSERT statement holds, so the batch spans several statements of one transaction.
        var batch = Enumerable.Range(0, 150).Select(i => Received(i, $"010101001.{1 + (i % 7):00}", i % 5 == 0 ? IngestStatus.Rejected : IngestStatus.Accepted, receivedAt: 1_000 + i)).ToList();
        Assert.Equal(150, await archive.AppendAsync(batch));

        // A hash already there is skipped, and the rest of the batch still goes in.
        Assert.Equal(1, await archive.AppendAsync([batch[3], batch[40], Received(500, "010101001.01", IngestStatus.Conflicting, receivedAt: 9_000)]));

        var all = await archive.ReadAllAsync();
        Assert.Equal(151, all.Count);
        Assert.Equal(all.Select(a => a.Hash).Order(StringComparer.Ordinal), all.Select(a => a.Hash));
        var stored = all.Single(a => a.Hash == batch[7].Hash);
        Assert.Equal((batch[7].Mesa, batch[7].Status, batch[7].Verdict, batch[7].Reason, batch[7].ReceivedAt, batch[7].Contest, batch[7].Sender, batch[7].Size), (stored.Mesa, stored.Status, stored.Verdict, stored.Reason, stored.ReceivedAt, stored.Contest, stored.Sender, stored.Size));
        Assert.Equal(batch[7].Bytes, stored.Bytes);

        var countable = await archive.ReadCountableAsync();
        Assert.Equal(151 - 30, countable.Count);
        Assert.DoesNotContain(countable, a => a.Status == IngestStatus.Rejected);
        Assert.Equal(countable.Select(a => a.Hash).Order(StringComparer.Ordinal), countable.Select(a => a.Hash));
    }

    [Fact]
    public async Task Stored_names_exactly_the_hashes_already_there()
    {
        var archive = await Archive();
        var batch = Enumerable.Range(0, 100).Select(i => Received(i, "010101001.01", IngestStatus.Accepted, receivedAt: i)).ToList();
        await archive.AppendAsync(batch.Take(70).ToList());

        Assert.Empty(await archive.StoredAsync([]));
        var asked = batch.Select(a => a.Hash).ToList();
        Assert.Equal(batch.Take(70).Select(a => a.Hash).ToHashSet(StringComparer.Ordinal), await archive.StoredAsync(asked));
    }

    [Fact]
    public async Task A_mesas_versions_come_oldest_first_across_contests()
    {
        var archive = await Archive();
        await archive.AppendAsync(
        [
            Received(1, "010101001.01", IngestStatus.Accepted, receivedAt: 30, contest: 1),
            Received(2, "010101001.01", IngestStatus.Conflicting, receivedAt: 20),
            Received(3, "010101001.02", IngestStatus.Accepted, receivedAt: 10),
            Received(4, "010101001.01", IngestStatus.Accepted, receivedAt: 10),
            Received(5, null, IngestStatus.Rejected, receivedAt: 5),
        ]);

        var versions = await archive.ReadMesaAsync(Mesa("010101001.01"));
        Assert.Equal([10L, 20L, 30L], versions.Select(v => v.ReceivedAt.ToUnixTimeMilliseconds()));
        Assert.Equal([0, 0, 1], versions.Select(v => v.Contest));
        Assert.Empty(await archive.ReadMesaAsync(Mesa("010101001.03")));
    }

    [Fact]
    public async Task Refused_usage_counts_the_refused_bodies_kept_whole_per_sender()
    {
        var archive = await Archive();
        var kept = Received(1, null, IngestStatus.Rejected, receivedAt: 1);
        var summaryOnly = Received(2, null, IngestStatus.Rejected, receivedAt: 2) with { Bytes = [] };
        var otherSender = Received(3, null, IngestStatus.Rejected, receivedAt: 3) with { Sender = "station:other" };
        var accepted = Received(4, "010101001.01", IngestStatus.Accepted, receivedAt: 4);
        await archive.AppendAsync([kept, summaryOnly, otherSender, accepted]);

        Assert.Equal(new RefusalUsage(1, kept.Size), await archive.RefusedUsageAsync(Station));
        Assert.Equal(new RefusalUsage(0, 0), await archive.RefusedUsageAsync("station:nobody"));
        var stored = (await archive.ReadAllAsync()).Single(a => a.Hash == summaryOnly.Hash);
        Assert.False(stored.BodyKept);
        Assert.Equal(summaryOnly.Size, stored.Size);
    }

    [Fact]
    public async Task Entries_come_in_arrival_order_across_batches_with_their_typed_summary()
    {
        var archive = await Archive();
        var first = new[] { Received(9, "010101001.01", IngestStatus.Accepted, receivedAt: 100), Received(1, null, IngestStatus.Rejected, receivedAt: 100), Received(5, "010101001.02", IngestStatus.Accepted, receivedAt: 100, contest: 1) };
        var second = new[] { Received(3, "010101001.01", IngestStatus.Conflicting, receivedAt: 200), first[0], Received(2, null, IngestStatus.Rejected, receivedAt: 200) with { Bytes = [] } };
        await archive.AppendAsync(first);
        await archive.AppendAsync(second);

        var entries = await archive.ReadEntriesAsync();
        Assert.Equal([first[0].Hash, first[1].Hash, first[2].Hash, second[0].Hash, second[2].Hash], entries.Select(e => e.Hash));
        Assert.Equal(entries.Select(e => e.Sequence).Order(), entries.Select(e => e.Sequence));
        Assert.Equal(entries.Count, entries.Select(e => e.Sequence).Distinct().Count());
        var conflicting = entries[3];
        Assert.Equal((Mesa("010101001.01"), 0, IngestStatus.Conflicting, ActaVerdict.Valid, DateTimeOffset.FromUnixTimeMilliseconds(200), true), (conflicting.Mesa, conflicting.Contest, conflicting.Status, conflicting.Verdict, conflicting.ReceivedAt, conflicting.BodyKept));
        Assert.Equal((null, IngestStatus.Rejected, ActaVerdict.BadSignature, false), (entries[4].Mesa, entries[4].Status, entries[4].Verdict, entries[4].BodyKept));
        Assert.Equal(1, entries[2].Contest);

        Assert.Equal(entries.Skip(2).Take(2).Select(e => e.Hash), (await archive.ReadEntriesAsync(after: entries[1].Sequence, count: 2)).Select(e => e.Hash));
        Assert.Equal(first[2].Bytes, await archive.ReadBytesAsync(first[2].Hash));
        Assert.Empty((await archive.ReadBytesAsync(second[2].Hash))!);
        Assert.Null(await archive.ReadBytesAsync(new string('0', 64)));

        var bodies = new List<(ArchiveEntry Entry, byte[] Bytes)>();
        await foreach (var body in archive.StreamAsync())
        {
            bodies.Add(body);
        }

        Assert.Equal(entries, bodies.Select(b => b.Entry));
        Assert.Empty(bodies[4].Bytes);
        Assert.All(bodies.Where(b => b.Entry.BodyKept), b => Assert.Equal(b.Entry.Hash, Convert.ToHexStringLower(SHA256.HashData(b.Bytes))));
    }

    [Fact]
    public async Task An_archive_stored_before_arrival_order_is_numbered_by_time_then_hash()
    {
        await using (var connection = await Location.OpenAsync())
        {
            // The schema as it was before the seq column, with rows in it.
            await SchemaMigrator.MigrateAsync(connection, "acta_archive", ActaArchive.Schema[..7]);
            foreach (var (hash, at) in new[] { ("cc", 20L), ("bb", 10L), ("aa", 20L) })
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO acta_received (hash, mesa, status, verdict, reason, received_at, bytes, contest, sender, size) VALUES ('{hash}', '010101001.01', 'Accepted', 'Valid', '', {at}, @b, 0, 's', 1)";
                var bytes = insert.CreateParameter();
                bytes.ParameterName = "@b";
                bytes.Value = new byte[] { 1 };
                insert.Parameters.Add(bytes);
                await insert.ExecuteNonQueryAsync();
            }
        }

        var archive = await Archive();
        Assert.Equal(["bb", "aa", "cc"], (await archive.ReadEntriesAsync()).Select(e => e.Hash));
        await archive.AppendAsync([Received(1, "010101001.02", IngestStatus.Accepted, receivedAt: 5)]);
        Assert.Equal(3, (await archive.ReadEntriesAsync()).Last().Sequence);
    }

    private static MesaId Mesa(string code) => MesaId.TryParse(code, out var mesa) ? mesa : throw new ArgumentException(code);

    private static ArchivedActa Received(int index, string? mesa, IngestStatus status, long receivedAt, int contest = 0)
    {
        var bytes = new byte[40 + index];
        new Random(index).NextBytes(bytes);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return new ArchivedActa(hash, mesa is null ? null : Mesa(mesa), status, status == IngestStatus.Rejected ? ActaVerdict.BadSignature : ActaVerdict.Valid, $"reason {index}", DateTimeOffset.FromUnixTimeMilliseconds(receivedAt), bytes, contest, Station);
    }
}

public sealed class SqliteActaArchiveTests : ActaArchiveContract, IDisposable
{
    private readonly TempFolder _folder = new("huella-archive-");

    protected override StoreLocation Location => _folder.Sqlite("central.db");

    public void Dispose() => _folder.Dispose();
}

/// <summary>A fresh database per test, as the SQLite variant has a fresh file per test.</summary>
public sealed class PostgresActaArchiveTests : ActaArchiveContract, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StoreLocation Location => StoreLocation.Postgres(_database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
