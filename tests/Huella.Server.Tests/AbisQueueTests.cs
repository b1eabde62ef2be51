using System.Net;
using System.Net.Http.Json;
using Huella.Identity.Storage;
using Huella.Server.Abis;
using Huella.Server.Auth;
using Huella.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Server.Tests;

/// <summary>The ABIS queue is bounded and completed jobs are forgotten, in memory and in the journal.</summary>
public sealed class AbisQueueTests
{
    [Fact]
    public async Task A_full_abis_queue_refuses_with_503_and_retry_after_and_stores_nothing()
    {
        await using var registry = await TestRegistry.StartAsync([new("Huella:AbisMaxPendingJobs", "2")]);

        // With the worker stopped nothing leaves the queue, so the bound is reached deterministically.
        await registry.Services.GetServices<IHostedService>().OfType<AbisWorker>().Single().StopAsync(CancellationToken.None);
        using var client = ServerKeys.Client(registry.Address, Roles.Enroller);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.ping", requestId = "full-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.ping", requestId = "full-2" })).StatusCode);

        var refused = await client.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.ping", requestId = "full-3" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/abis/v1/requests/full-3")).StatusCode);
        Assert.Equal(2, registry.Services.GetRequiredService<AbisJobs>().Pending);
    }

    [Fact]
    public async Task Completed_abis_jobs_are_forgotten_by_count_and_by_age_in_memory_and_in_the_journal()
    {
        using var folder = new TempFolder("huella-abis-");
        var location = folder.Sqlite("registry.db");
        var keys = KeyRing.Generate();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var (journal, recovered) = await AbisJournal.OpenAsync(location, keys);
        using var jobs = new AbisJobs(journal, recovered, new AbisJobLimits(MaxPending: 10, MaxCompleted: 2, Retention: TimeSpan.FromHours(1)), time);
        foreach (var requestId in new[] { "job-1", "job-2", "job-3" })
        {
            Assert.Equal(AbisSubmission.Queued, await jobs.TryEnqueueAsync(Ping(requestId), "ping", "api:test"));
            await jobs.UpdateAsync(new AbisJobView(requestId, "ping", AbisJobStatus.Completed, new AbisResponse("mosip.abis.ping", requestId, "2026-03-01T12:00:00.000Z", "1")), CancellationToken.None);
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
        Assert.Equal(AbisSubmission.Queued, await jobs.TryEnqueueAsync(Ping("job-1"), "ping", "api:test"));
    }

    [Fact]
    public async Task A_full_queue_writes_nothing_to_the_journal()
    {
        using var folder = new TempFolder("huella-abis-");
        var location = folder.Sqlite("registry.db");
        var keys = KeyRing.Generate();
        var (journal, recovered) = await AbisJournal.OpenAsync(location, keys);
        using var jobs = new AbisJobs(journal, recovered, new AbisJobLimits(MaxPending: 2, MaxCompleted: 10, Retention: TimeSpan.FromDays(1)), new FakeTimeProvider());

        Assert.Equal(AbisSubmission.Queued, await jobs.TryEnqueueAsync(Ping("q-1"), "ping", "api:test"));
        Assert.Equal(AbisSubmission.Queued, await jobs.TryEnqueueAsync(Ping("q-2"), "ping", "api:test"));
        Assert.Equal(AbisSubmission.QueueFull, await jobs.TryEnqueueAsync(Ping("q-3"), "ping", "api:test"));
        Assert.Equal(AbisSubmission.DuplicateRequestId, await jobs.TryEnqueueAsync(Ping("q-1"), "ping", "api:test"));
        Assert.Equal(2, jobs.Pending);
        Assert.Equal(["q-1", "q-2"], await OnDisk(location, keys));
    }

    private static AbisRequest Ping(string requestId) => new("mosip.abis.ping", "1.1", requestId, null, null, null, null, null, null);

    private static async Task<List<string>> OnDisk(Huella.Storage.StoreLocation location, KeyRing keys) =>
        [.. (await AbisJournal.OpenAsync(location, keys)).Jobs.Select(j => j.RequestId)];
}
