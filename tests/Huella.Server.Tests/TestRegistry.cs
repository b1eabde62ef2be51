using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Huella.Server.Tests;

/// <summary>The registry server in this process on a real Kestrel socket of 127.0.0.1, on a fresh SQLite registry of its own.</summary>
internal sealed class TestRegistry : IAsyncDisposable
{
    private readonly string _folder;
    private readonly WebApplication _app;

    private TestRegistry(string folder, WebApplication app, Uri address)
    {
        _folder = folder;
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The registry's SQLite file, for tests that play the part of someone with write access to it.</summary>
    public string DatabasePath => Path.Combine(_folder, "registry.db");

    public IServiceProvider Services => _app.Services;

    public static async Task<TestRegistry> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var folder = Directory.CreateTempSubdirectory("huella-server-").FullName;
        try
        {
            var app = await RegistryServer.BuildAsync([], builder =>
            {
                builder.WebHost.UseUrls("http://127.0.0.1:0");
                builder.Configuration.AddInMemoryCollection(
                [
                    new("Huella:Store", "sqlite:" + Path.Combine(folder, "registry.db")),
                    new("Huella:KeysFile", Path.Combine(folder, "registry.keys")),
                    new("Huella:MaxRequestBytes", "1500000"),
                    .. ServerKeys.Configuration(),
                    .. settings ?? [],
                ]);
                configure?.Invoke(builder);
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new TestRegistry(folder, app, new Uri(address));
        }
        catch
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
