using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Huella.Crypto;
using Huella.Research.Simulation;
using Huella.Server.Auth;
using Huella.Server.Central;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Server.Tests.Central;

/// <summary>
/// Central with small refusal limits and a fake clock: a key that keeps sending what central refuses
/// is answered 429 until it earns a token back, and only its first refused bodies are kept whole.
/// </summary>
public sealed class CentralRefusalLimitTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-central-limits-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 18, 0, 0, TimeSpan.Zero));
    private SyntheticActas Actas { get; } = new(48);
    private WebApplication? _app;
    private Uri _address = null!;

    public async Task InitializeAsync()
    {
        _app = await CentralServer.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<TimeProvider>(_time);
            builder.Configuration.AddInMemoryCollection(
            [
                .. CentralSetup.Configuration(_folder, Actas),
                new("Huella:Central:RefusalBurst", "3"),
                new("Huella:Central:RefusalsPerMinute", "1"),
                new("Huella:Central:MaxRefusedBodiesPerKey", "2"),
            ]);
        });
        await _app.StartAsync();
        _address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Actas.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static ByteArrayContent Body(byte[] acta)
    {
        var content = new ByteArrayContent(acta);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    [Fact]
    public async Task Refusals_past_the_burst_get_429_until_a_token_is_earned_back_and_bodies_past_the_cap_are_summaries()
    {
        var target = Actas.Mesas.ElementAt(3);
        using var rogue = SigningKey.Generate();
        using var station = ServerKeys.Client(_address, Roles.Station);
        for (var i = 0; i < 3; i++)
        {
            var forged = Actas.Sign(Actas.ActaFor(target), rogue);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await station.PostAsync("/central/v1/actas", Body(forged))).StatusCode);
        }

        // The key's budget is spent: even its genuine acta waits, told for how long.
        var genuine = Actas.Sign(Actas.ActaFor(Actas.Mesas.ElementAt(4)));
        var limited = await station.PostAsync("/central/v1/actas", Body(genuine));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), limited.Headers.RetryAfter?.Delta);
        Assert.Equal("urn:huella:central:too-many-refusals", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        _time.Advance(TimeSpan.FromSeconds(30));
        var stillLimited = await station.PostAsync("/central/v1/actas", Body(genuine));
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), stillLimited.Headers.RetryAfter?.Delta);

        // Another key has its own budget.
        using var other = CentralSetup.BoundClient(_address, "mesa");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await other.PostAsync("/central/v1/actas", Body([1, 2, 3]))).StatusCode);

        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Created, (await station.PostAsync("/central/v1/actas", Body(genuine))).StatusCode);

        using var observer = ServerKeys.Client(_address, Roles.Observer);
        var versions = (await observer.GetFromJsonAsync<JsonElement>($"/central/v1/actas/{target}")).GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(3, versions.Count);
        Assert.All(versions, v => Assert.Equal("Rejected", v.GetProperty("status").GetString()));
        Assert.All(versions, v => Assert.Equal("station-1", v.GetProperty("sender").GetString()));
        var kept = versions.Where(v => v.GetProperty("bodyKept").GetBoolean()).ToList();
        Assert.Equal(2, kept.Count);
        Assert.All(kept, v => Assert.Equal(v.GetProperty("size").GetInt32(), v.GetProperty("acta").GetBytesFromBase64().Length));
        var summary = Assert.Single(versions, v => !v.GetProperty("bodyKept").GetBoolean());
        Assert.Empty(summary.GetProperty("acta").GetBytesFromBase64());
        Assert.True(summary.GetProperty("size").GetInt32() > 100);
        Assert.Equal("UnknownMachine", summary.GetProperty("verdict").GetString());
        Assert.Equal(64, summary.GetProperty("hash").GetString()!.Length);
    }
}
