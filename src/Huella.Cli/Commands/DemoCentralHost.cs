using System.Security.Cryptography;
using Huella.Elections.Definition;
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

namespace Huella.Cli.Commands;

/// <summary>
/// The demo's totalization centre: the real central server (Huella.Server), on 127.0.0.1 at a free
/// port, reading the election definition and published keys the demo wrote, storing actas in the
/// demo's SQLite file, with one station API key per mesa made up for this run, each bound to its mesa.
/// </summary>
internal sealed class DemoCentralHost : IAsyncDisposable
{
    private WebApplication? _app;
    private HttpClient? _http;

    /// <summary>Where central (and its public portal) listens, once started.</summary>
    public Uri? Address => _http?.BaseAddress;

    public async Task<DemoCentral> StartAsync(DemoCentralFiles files, CancellationToken cancellationToken)
    {
        var definition = ElectionDefinition.Parse(await File.ReadAllTextAsync(files.DefinitionFile, cancellationToken));
        var stationKeys = definition.Mesas.ToDictionary(m => m.Mesa.ToString(), _ => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
        var settings = new Dictionary<string, string?>
        {
            ["Huella:Central:Store"] = $"sqlite:{files.CentralStore}",
            ["Huella:Central:PublishedKeysFile"] = files.KeysFile,
            ["Huella:Central:DefinitionFile"] = files.DefinitionFile,
            ["Huella:Central:TestType"] = DemoElection.DemoTestType,
        };
        var i = 0;
        foreach (var (mesa, key) in stationKeys)
        {
            settings[$"Huella:ApiKeys:{i}:Name"] = $"station-{mesa}";
            settings[$"Huella:ApiKeys:{i}:Sha256"] = ApiKeyEntry.Hash(key);
            settings[$"Huella:ApiKeys:{i}:Roles:0"] = Roles.Station;
            settings[$"Huella:ApiKeys:{i}:Mesas:0"] = mesa;
            i++;
        }

        _app = await CentralServer.BuildAsync(
            [],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Configuration.AddInMemoryCollection(settings);
            },
            cancellationToken);
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/") };
        return new DemoCentral(_http, stationKeys);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
