using Huella.Research.Simulation;
using Huella.Server.Central;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Huella.Server.Tests.Central;

/// <summary>Central on a real Kestrel socket on 127.0.0.1, a fresh SQLite archive per test class.</summary>
public sealed class CentralFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-central-").FullName;
    private WebApplication? _app;
    private int _requests;

    public SyntheticActas Actas { get; } = new(48);

    public Uri Address { get; private set; } = null!;

    /// <summary>Requests to central so far, whatever became of them.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>
    /// Set by a test to play a bad network: called with the POST's number (1-based), the request and
    /// central itself (to call, or not).
    /// </summary>
    public Func<int, HttpContext, Func<Task>, Task>? Network { get; set; }

    public async Task InitializeAsync()
    {
        _app = await CentralServer.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(CentralSetup.Configuration(_folder, Actas));
        });
        _app.Use(async (context, next) =>
        {
            var n = context.Request.Method == HttpMethods.Post ? Interlocked.Increment(ref _requests) : 0;
            if (Network is { } network && n > 0)
            {
                await network(n, context, () => next(context));
                return;
            }

            await next(context);
        });
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
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
}
