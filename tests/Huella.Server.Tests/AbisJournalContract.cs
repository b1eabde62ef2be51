using Huella.Identity.Storage;
using Huella.Server.Abis;
using Huella.Storage;
using Huella.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Server.Tests;

/// <summary>The ABIS journal and the queue over it, run against SQLite and a real PostgreSQL.</summary>
public abstract class AbisJournalContract
{
    protected abstract StoreLocation Location { get; }

    [Fact]
    public async Task Accepted_and_completed_jobs_survive_a_reopening_with_the_request_sealed_until_completion()
    {
        using var keys = KeyRing.Generate();
        var at = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var (journal, recovered) = await AbisJournal.OpenAsync(Location, keys);
        Assert.Empty(recovered);
        await journal.AcceptAsync(Ping("open-1"), AbisOperation.Ping, "api:enroller", at);
        await journal.AcceptAsync(Ping("open-2"), AbisOperation.Ping, "api:enroller", at.AddSeconds(1));
        await journal.CompleteAsync(new AbisResponse("mosip.abis.ping", "open-1", "2026-03-01T12:00:05.000Z", "1"), at.AddSeconds(5));

        var jobs = (await AbisJournal.OpenAsync(Location, keys)).Jobs;
        Assert.Equal(["open-1", "open-2"], jobs.Select(j => j.RequestId));
        Assert.All(jobs, j => Assert.Equal((AbisOperation.Ping, "api:enroller"), (j.Operation, j.Actor)));

        // A completed job keeps its response and has forgotten its request; a pending one opens its request again.
        Assert.Null(jobs[0].Request);
        Assert.Equal("1", jobs[0].Response!.ReturnValue);
        Assert.Equal(at.AddSeconds(5), jobs[0].CompletedAt);
        Assert.Equal(Ping("open-2").RequestId, jobs[1].Request!.RequestId);
        Assert.Null(jobs[1].Response);
        Assert.Null(jobs[1].CompletedAt);

        // The pending request is sealed with the ring: another ring does not open the journal.
        using var stranger = KeyRing.Generate();
        await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(() => AbisJournal.OpenAsync(Location, stranger));

        await journal.ForgetAsync(["open-1"]);
        Assert.Equal(["open-2"], await OnDisk(Location, keys));
    }

    [Fact]
    public async Task Completed_abis_jobs_are_forgotten_by_count_and_by_age_in_memory_and_in_the_journal()
    {
        var location = Location;
        using var keys = KeyRing.Generate();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var (journal, recovered) = await AbisJournal.OpenAsync(location, keys);
        using var jobs = new AbisJobs(journal, recovered, new AbisJobLimits(MaxPending: 10, MaxCompleted: 2, Retention: TimeSpan.FromHours(1)), time);
        foreach (var requestId in new[] { "job-1", "job-2", "job-3" })
        {
            Assert.Equal(AbisSubmission.Queued, await jobs.TryEnqueueAsync(Ping(requestId), AbisOperation.Ping, "api:test"));
            await jobs.UpdateAsync(new AbisJobView(requestId, AbisOperation.Ping, AbisJobStatus.Completed, new AbisResponse("mosip.abis.ping", requestId, "2026-03-01T12:00:00.000Z", "1")), CancellationToken.None);
            time.Advance(TimeSpan.FromMinutes(1));
        }

        // Three completed, two kept: the oldest goes, from memory and from disk.
        Assert.Equal(1, await jobs.EvictAsync(CancellationToken.None));
        Assert.Null(jobs.Find("job-1"));
        Assert.NotNull(jobs.Find("job-2"));
        Assert.Equal(["job-2", "job-3"], await OnDisk(location, keys));

        // Past the retention a job is gone at once for readers, and from disk at the next eviction.
        time.Advance(TimeSpan.FromHours(1));
        Assert.Null(jobs.Find("job-3"));
        Assert.Equal(2, await jobs.EvictAsync(CancellationToken.None));
        Assert.Empty(await OnDisk(location, keys));
        Assert.Equal(0, jobs.Completed);

        // A forgotten request id may be used again.
        Assert.Equal(AbisSubmission.Queued, await jobs.TryEnqueueAsync(Ping("job-1"), AbisOperation.Ping, "api:test"));
    }

    [Fact]
    public async Task A_full_queue_writes_nothing_to_the_journal()
    {
        var location = Location;
        using var keys = KeyRing.Generate();
        var (journal, recovered) = await AbisJournal.OpenAsync(location, keys);
        using var jobs = new AbisJobs(journal, recovered, new AbisJobLimits(MaxPending: 2, MaxCompleted: 10, Retention: TimeSpan.FromDays(1)), new FakeTimeProvider());

        Assert.Equal(AbisSubmission.Queued, await jobs.TryEnqueueAsync(Ping("q-1"), AbisOperation.Ping, "api:test"));
        Assert.Equal(AbisSubmission.Queued, await jobs.TryEnqueueAsync(Ping("q-2"), AbisOperation.Ping, "api:test"));
        Assert.Equal(AbisSubmission.QueueFull, await jobs.TryEnqueueAsync(Ping("q-3"), AbisOperation.Ping, "api:test"));
        Assert.Equal(AbisSubmission.DuplicateRequestId, await jobs.TryEnqueueAsync(Ping("q-1"), AbisOperation.Ping, "api:test"));
        Assert.Equal(2, jobs.Pending);
        Assert.Equal(["q-1", "q-2"], await OnDisk(location, keys));
    }

    private static AbisRequest Ping(string requestId) => new("mosip.abis.ping", "1.1", requestId, null, null, null, null, null, null);

    private static async Task<List<string>> OnDisk(StoreLocation location, KeyRing keys) =>
        [.. (await AbisJournal.OpenAsync(location, keys)).Jobs.Select(j => j.RequestId)];
}

public sealed class SqliteAbisJournalTests : AbisJournalContract, IDisposable
{
    private readonly TempFolder _folder = new("huella-abis-");

    protected override StoreLocation Location => _folder.Sqlite("registry.db");

    public void Dispose() => _folder.Dispose();
}

/// <summary>A fresh database per test, as the SQLite variant has a fresh file per test.</summary>
public sealed class PostgresAbisJournalTests : AbisJournalContract, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    protected override StoreLocation Location => StoreLocation.Postgres(_database.ConnectionString);

    public Task InitializeAsync() => _database.InitializeAsync();

    public Task DisposeAsync() => _database.DisposeAsync();
}
