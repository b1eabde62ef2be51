using System.Security.Cryptography;
using Huella.Elections.Simulation;
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
/// demo's SQLite file, with one station API key made up for this run.
/// </summary>
internal sealed class DemoCentralHost : IAsyncDisposable
{
    private WebApplication? _app;
    private HttpClient? _http;

    public async Task<DemoCentral> StartAsync(DemoCentralFiles files, CancellationToken cancellationToken)
    {
        var stationKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _app = await CentralServer.BuildAsync(
            [],
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Huella:Central:Store"] = $"sqlite:{files.CentralStore}",
                    ["Huella:Central:PublishedKeysFile"] = files.KeysFile,
                    ["Huella:Central:DefinitionFile"] = files.DefinitionFile,
                    ["Huella:ApiKeys:0:Name"] = "demo-stations",
                    ["Huella:ApiKeys:0:Sha256"] = ApiKeyEntry.Hash(stationKey),
                    ["Huella:ApiKeys:0:Roles:0"] = Roles.Station,
                });
            },
            cancellationToken);
        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/") };
        return new DemoCentral(_http, stationKey);
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
