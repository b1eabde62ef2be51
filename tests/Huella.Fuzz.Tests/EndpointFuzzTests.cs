using System.Net.Http.Json;
using System.Text.Json;
using Huella.Fuzz;
using Huella.Testing;
using Xunit.Abstractions;

namespace Huella.Fuzz.Tests;

/// <summary>
/// A fixed-seed pass of mutated requests against every registry endpoint over HTTP on 127.0.0.1: no
/// 5xx, no dropped connection, and afterwards the registry is still whole (chain intact and anchored,
/// index equal to the store). Found this way: a JSON null in place of a finger was a 500.
/// </summary>
public sealed class EndpointFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Mutated_requests_to_the_registry_server_never_get_a_server_error()
    {
        await using var registry = await RegistryUnderFuzz.StartAsync();
        var seeds = await registry.SeedsAsync(SharedData.PathOf());
        var result = await EndpointCampaign.RunAsync(EndpointTargets.Registry, registry.Client, seeds, 20261207, 1500, TimeSpan.MaxValue, TimeProvider.System);

        output.WriteLine($"{result.Executions} requests, {result.Refused} refused (4xx)");
        Assert.Empty(result.Findings.Select(f => $"{f.Kind}: {f.Detail}"));
        Assert.True(result.Refused > result.Executions / 2, "most mutants should be refused");

        var audit = await registry.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit?last=1");
        Assert.True(audit.GetProperty("chainIntact").GetBoolean());
        Assert.Equal("Anchored", audit.GetProperty("anchorState").GetString());
        var stats = await registry.Client.GetFromJsonAsync<JsonElement>("/api/v1/admin/stats");
        Assert.True(stats.GetProperty("indexMatchesStore").GetBoolean());
    }

    [Fact]
    public async Task Mutated_actas_and_reads_at_central_never_get_a_server_error_and_the_count_stands()
    {
        await using var central = await CentralUnderFuzz.StartAsync();
        var seeds = central.Seeds();
        var result = await EndpointCampaign.RunAsync(EndpointTargets.Central, central.Client, seeds, 20261207, 1500, TimeSpan.MaxValue, TimeProvider.System);

        output.WriteLine($"{result.Executions} requests, {result.Refused} refused (4xx)");
        Assert.Empty(result.Findings.Select(f => $"{f.Kind}: {f.Detail}"));
        var report = await central.Client.GetFromJsonAsync<JsonElement>("/central/v1/anomalies?contest=0");
        Assert.Equal(seeds.Count(s => s.Name == "acta"), report.GetProperty("countedMesas").GetInt32());
        Assert.Equal(report.GetProperty("expectedMesas").GetInt32(), report.GetProperty("countedMesas").GetInt32());
    }

    [Fact]
    public async Task A_null_finger_is_refused_with_a_problem_not_a_server_error()
    {
        await using var registry = await RegistryUnderFuzz.StartAsync();
        await registry.SeedsAsync(SharedData.PathOf());
        foreach (var (path, body) in new[] { ("/api/v1/enrollments", "{\"cedula\":\"V-1\",\"fingers\":[null]}"), ("/api/v1/verifications", "{\"cedula\":\"V-12345678\",\"fingers\":[null]}"), ("/api/v1/identifications", "{\"fingers\":[null]}") })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            using var response = await registry.Client.PostAsync(path, content);
            Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, response.StatusCode);
        }
    }
}
