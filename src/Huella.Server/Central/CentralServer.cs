using System.Diagnostics;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Definition;
using Huella.Server.Auth;
using Huella.Storage;

namespace Huella.Server.Central;

/// <summary>
/// Builds the national totalization centre as its own server (<c>huella-server central …</c>):
/// configuration sections <c>Huella</c> (API keys) and <c>Huella:Central</c> (<see cref="CentralOptions"/>),
/// the acta archive opened and the live totals rebuilt from it before the first request (so a
/// restart after a crash resumes exactly where the archive stands), API-key authentication,
/// ProblemDetails, and the endpoints under <c>/central/v1</c>.
/// </summary>
public static class CentralServer
{
    /// <summary>First command-line argument that selects central instead of the registry.</summary>
    public const string Command = "central";

    /// <summary>Stations transmit: <see cref="Roles.Station"/>.</summary>
    public const string TransmitPolicy = "central-transmit";

    /// <summary>Observers and auditors read every acta and the totals.</summary>
    public const string ObservePolicy = "central-observe";

    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var section = builder.Configuration.GetSection("Huella:Central");
        var options = section.Get<CentralOptions>() ?? new CentralOptions();
        builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection("Huella"));
        builder.Services.Configure<CentralOptions>(section);
        builder.AddHuellaDefaults(options.MaxActaBytes, auth =>
        {
            auth.AddPolicy(TransmitPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Station, Roles.Admin));
            auth.AddPolicy(ObservePolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Observer, Roles.Auditor, Roles.Admin));
        });

        if (!StoreLocation.TryParse(options.Store, out var location))
        {
            throw new InvalidOperationException($"Huella:Central:Store is not a store location: '{options.Store}'.");
        }

        var keys = PublishedKeysFile.Parse(await File.ReadAllTextAsync(options.PublishedKeysFile, cancellationToken).ConfigureAwait(false));
        var definition = options.DefinitionFile is { } file
            ? ElectionDefinition.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false))
            : null;
        var election = definition is not null
            ? new CentralElection(definition.Name, definition.Date, [.. definition.Mesas.Select(m => m.Mesa)], definition.StateNames, definition.Contests)
            : new CentralElection(
                options.ElectionName,
                options.Date,
                [.. keys.All.Where(k => k.Role == SignerRole.Machine).Select(k => k.Mesa).Distinct().OrderBy(m => m.Centre.Value).ThenBy(m => m.Number)],
                new Dictionary<long, string>());
        var archive = new ActaArchive(location);
        await archive.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var central = definition is not null
            ? new CentralCount(archive, keys, [.. definition.Contests.Select(c => c.ToContest())], TimeProvider.System)
            : new CentralCount(archive, keys, options.Contest.ToContest(), TimeProvider.System);
        var started = Stopwatch.GetTimestamp();
        await central.LoadAsync(cancellationToken).ConfigureAwait(false);
        var counted = (await central.TotalsAsync(cancellationToken).ConfigureAwait(false)).Nation.Mesas;
        var elapsed = Stopwatch.GetElapsedTime(started);
        builder.Services.AddSingleton(central);
        builder.Services.AddSingleton(election);
        builder.Services.AddSingleton<IngestQueue>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IngestQueue>());

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(central.Dispose);
        Log.CentralLoaded(app.Logger, location, counted, election.Mesas.Count, elapsed);
        app.UseHuellaDefaults();
        app.MapCentral();
        return app;
    }
}
