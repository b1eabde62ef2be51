using System.Net;
using System.Net.Http.Json;
using Huella.Server.Api;
using Huella.Server.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Huella.Server.Tests;

/// <summary>Decoding and extraction are bounded per server, so many image bombs at once cannot all be decoded together.</summary>
public sealed class ExtractionGateTests
{
    [Fact]
    public async Task A_full_gate_holds_the_next_extraction_until_a_slot_frees()
    {
        using var gate = new ExtractionGate(1);
        using var inside = new ManualResetEventSlim();
        using var leave = new ManualResetEventSlim();
        var first = Task.Run(() => gate.RunAsync(
            () =>
            {
                inside.Set();
                leave.Wait();
                return 1;
            },
            CancellationToken.None));
        inside.Wait();

        var second = gate.RunAsync(() => 2, CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, gate.Running);

        leave.Set();
        Assert.Equal((1, 2), (await first, await second));
        Assert.Equal((0, 1), (gate.Running, gate.Peak));
    }

    [Fact]
    public async Task With_one_slot_concurrent_uploads_never_extract_two_images_at_once()
    {
        await using var registry = await TestRegistry.StartAsync([new("Huella:MaxConcurrentExtractions", "1")]);
        var gate = registry.Services.GetRequiredService<ExtractionGate>();
        using var verifier = ServerKeys.Client(registry.Address, Roles.Verifier);
        using var enroller = ServerKeys.Client(registry.Address, Roles.Enroller);

        // Six clients at once, three images each, REST and ABIS.
        var identifications = Enumerable.Range(0, 4).Select(n => verifier.PostAsJsonAsync(
            "/api/v1/identifications",
            new { fingers = Enumerable.Range(1, 3).Select(i => ServerKeys.Finger(i, 101 + n, i, "db2b")).ToArray() }));
        var enrollments = Enumerable.Range(0, 2).Select(n => enroller.PostAsJsonAsync(
            "/api/v1/enrollments",
            ServerKeys.Enrollment($"V-3120000{n}", [.. Enumerable.Range(1, 3).Select(i => ServerKeys.Finger(i, 101 + (3 * n) + i, 1, "db3b"))])));
        var abis = enroller.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.insert", requestId = "gate-ins", referenceId = "gate-ref", biometrics = new[] { ServerKeys.Finger(1, 110, 2, "db4b"), ServerKeys.Finger(2, 109, 2, "db4b") } });
        var responses = await Task.WhenAll([.. identifications, .. enrollments, abis]);
        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, r.StatusCode.ToString()));
        await ServerTests.WaitForJob(enroller, "/abis/v1/requests/gate-ins");

        Assert.Equal(1, gate.Limit);
        Assert.Equal(1, gate.Peak);
        Assert.Equal(0, gate.Running);
    }
}
