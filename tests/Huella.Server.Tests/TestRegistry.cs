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
    private readonly bool _ownsFolder;
    private readonly WebApplication _app;

    private TestRegistry(string folder, bool ownsFolder, WebApplication app, Uri address)
    {
        _folder = folder;
        _ownsFolder = ownsFolder;
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The registry's SQLite file, for tests that play the part of someone with write access to it.</summary>
    public string DatabasePath => Path.Combine(_folder, "registry.db");

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a registry in a fresh folder, deleted on dispose, or in <paramref name="folder"/>
    /// (the caller's, kept), so that a test can stop a registry and start it again on the same files.
    /// </summary>
    public static async Task<TestRegistry> StartAsync(IEnumerable<KeyValuePair<string, string?>>? settings = null, Action<WebApplicationBuilder>? configure = null, string? folder = null)
    {
        var ownsFolder = folder is null;
        folder ??= Directory.CreateTempSubdirectory("huella-server-").FullName;
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
            return new TestRegistry(folder, ownsFolder, app, new Uri(address));
        }
        catch
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (ownsFolder)
            {
                Directory.Delete(folder, recursive: true);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsFolder)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
