using System.Globalization;
using Huella.Elections.Actas;
using Huella.Research.Simulation;
using Huella.Server.Auth;
using Huella.Server.Central;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Huella.Fuzz;

/// <summary>
/// Central on a fresh SQLite archive in a temporary folder, listening on 127.0.0.1, counting a
/// synthetic election of a few mesas, with one admin key: mutated actas go through the whole ingest
/// (decode, signatures, consistency, archive) and the refusal limits, not just authorization.
/// </summary>
internal sealed class CentralUnderFuzz : IAsyncDisposable
{
    private const string AdminKey = "fuzz-central-admin-0123456789abcdef";
    private readonly string _folder;
    private readonly WebApplication _app;
    private readonly SyntheticActas _actas;

    private CentralUnderFuzz(string folder, WebApplication app, SyntheticActas actas, HttpClient client)
    {
        _folder = folder;
        _app = app;
        _actas = actas;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<CentralUnderFuzz> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("huella-fuzz-central-").FullName;
        var actas = new SyntheticActas(mesas: 5);
        var keysFile = Path.Combine(folder, "published-keys.json");
        await File.WriteAllTextAsync(keysFile, PublishedKeysFile.ToJson(actas.Keys)).ConfigureAwait(false);
        var settings = new List<KeyValuePair<string, string?>>
        {
            new("Huella:Central:Store", "sqlite:" + Path.Combine(folder, "central.db")),
            new("Huella:Central:PublishedKeysFile", keysFile),
            new("Huella:Central:ElectionName", "Fuzz"),
            new("Huella:Central:ElectionDate", "2026-12-07"),
            new("Huella:Central:Contest:Name", "Presidencia"),

            // Refusals are what the campaign makes: a 429 after twenty would stop it at the door.
            new("Huella:Central:RefusalBurst", "1000000"),
            new("Huella:ApiKeys:0:Name", "fuzz-admin"),
            new("Huella:ApiKeys:0:Sha256", ApiKeyEntry.Hash(AdminKey)),
            new("Huella:ApiKeys:0:Roles:0", Roles.Admin),
        };
        string[] candidates = ["A", "B"];
        for (var i = 0; i < 3; i++)
        {
            settings.Add(new($"Huella:Central:Contest:Cards:{i}:Party", $"P{i + 1}"));
            settings.Add(new($"Huella:Central:Contest:Cards:{i}:Candidate", (i % 2).ToString(CultureInfo.InvariantCulture)));
        }

        for (var i = 0; i < candidates.Length; i++)
        {
            settings.Add(new($"Huella:Central:Contest:Candidates:{i}:Code", candidates[i]));
            settings.Add(new($"Huella:Central:Contest:Candidates:{i}:Name", "Candidate " + candidates[i]));
        }

        var app = await CentralServer.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            builder.Configuration.AddInMemoryCollection(settings);
        }).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return new CentralUnderFuzz(folder, app, actas, client);
    }

    /// <summary>Every mesa's valid acta to send, the observer reads and the portal's pages.</summary>
    public IReadOnlyList<EndpointSeed> Seeds()
    {
        var mesa = _actas.Mesas.First();
        return
        [
            .. _actas.Mesas.Select(m => new EndpointSeed("acta", HttpMethod.Post, "/central/v1/actas", "application/octet-stream", _actas.Sign(_actas.ActaFor(m)))),
            new("versions", HttpMethod.Get, $"/central/v1/actas/{mesa}?contest=0", null, null),
            new("results", HttpMethod.Get, "/central/v1/results", null, null),
            new("anomalies", HttpMethod.Get, "/central/v1/anomalies?contest=0", null, null),
            new("public-inclusion", HttpMethod.Get, $"/public/v1/log/inclusion?hash={new string('a', 64)}&size=1", null, null),
            new("public-consistency", HttpMethod.Get, "/public/v1/log/consistency?first=0&second=1", null, null),
            new("public-leaves", HttpMethod.Get, "/public/v1/log/leaves?start=0&count=10", null, null),
            new("public-acta", HttpMethod.Get, $"/public/v1/actas/{new string('0', 64)}", null, null),

            // The public portal's pages, anonymous reads of the same count.
            new("portal", HttpMethod.Get, "/", null, null),
            new("portal-area", HttpMethod.Get, $"/area/{mesa.Centre}", null, null),
            new("portal-mesa", HttpMethod.Get, $"/mesa/{mesa}", null, null),
            new("portal-qr", HttpMethod.Get, $"/mesa/{mesa}/0/qr.png", null, null),
            new("portal-pdf", HttpMethod.Get, $"/mesa/{mesa}/0/acta.pdf", null, null),
            new("portal-search", HttpMethod.Get, $"/search?q={mesa.Centre.ToString()[..4]}&lang=en", null, null),
            new("portal-missing", HttpMethod.Get, "/missing", null, null),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _actas.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
