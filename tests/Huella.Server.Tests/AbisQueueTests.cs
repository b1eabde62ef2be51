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

/// <summary>The ABIS queue of a running server is bounded (the journal under it: <see cref="AbisJournalContract"/>).</summary>
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

}
