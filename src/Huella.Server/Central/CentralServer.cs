using System.Data.Common;
using System.Diagnostics;
using Huella.Elections;
using Huella.Elections.Actas;
using Huella.Elections.Central;
using Huella.Elections.Definition;
using Huella.Elections.Reporting;
using Huella.Elections.Geography;
using Huella.Server.Auth;
using Huella.Server.Portal;
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

    /// <summary>
    /// Runs central until it is stopped; a configuration it cannot start with is one line on
    /// <paramref name="error"/> and a non-zero exit code (<see cref="CentralStartupException"/>), never a crash.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        WebApplication app;
        try
        {
            app = await BuildAsync(args).ConfigureAwait(false);
        }
        catch (CentralStartupException e)
        {
            await error.WriteLineAsync($"central: {e.Message.ReplaceLineEndings("; ")}").ConfigureAwait(false);
            return e.ExitCode;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await error.WriteLineAsync($"central: cannot listen: {e.Message.ReplaceLineEndings("; ")}").ConfigureAwait(false);
                return CentralStartupException.BadConfiguration;
            }

            await app.WaitForShutdownAsync().ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>
    /// Builds central from <paramref name="args"/> and <paramref name="configure"/> (which may also
    /// register the <see cref="TimeProvider"/> central runs on); bad settings or input files throw
    /// <see cref="CentralStartupException"/>.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var time = builder.Services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider))?.ImplementationInstance as TimeProvider ?? TimeProvider.System;
        var section = builder.Configuration.GetSection("Huella:Central");
        var options = Bind<CentralOptions>(section);
        var apiKeys = Bind<ServerOptions>(builder.Configuration.GetSection("Huella")).ApiKeys;
        if (options.Problem() is { } problem)
        {
            throw new CentralStartupException(problem + ".");
        }

        CheckMesaBindings(apiKeys);
        builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection("Huella"));
        builder.Services.Configure<CentralOptions>(section);
        builder.AddHuellaDefaults(options.MaxActaBytes, auth =>
        {
            auth.AddPolicy(TransmitPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Station, Roles.Admin));
            auth.AddPolicy(ObservePolicy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Observer, Roles.Auditor, Roles.Admin));
        });

        // The defaults register the system clock; the one chosen above (a test's, say) drives central.
        builder.Services.AddSingleton(time);
        builder.AddPortal(time);

        if (!StoreLocation.TryParse(options.Store, out var location))
        {
            // Not echoed: a PostgreSQL connection string may hold a password.
            throw new CentralStartupException("Huella:Central:Store is not a store location (sqlite:PATH or postgres:CONNECTION-STRING).");
        }

        var keys = Parse("Huella:Central:PublishedKeysFile", options.PublishedKeysFile, PublishedKeysFile.Parse, await ReadAsync("Huella:Central:PublishedKeysFile", options.PublishedKeysFile, cancellationToken).ConfigureAwait(false));
        var definition = options.DefinitionFile is { } file
            ? Parse("Huella:Central:DefinitionFile", file, ElectionDefinition.Parse, await ReadAsync("Huella:Central:DefinitionFile", file, cancellationToken).ConfigureAwait(false))
            : null;
        var election = definition is not null
            ? new CentralElection(definition.Name, definition.Date, [.. definition.Mesas.Select(m => m.Mesa)], definition.StateNames, definition.Contests, definition) { Reported = ReportedElection.Of(definition) }
            : new CentralElection(
                options.ElectionName,
                options.Date,
                [.. keys.All.Where(k => k.Role == SignerRole.Machine).Select(k => k.Mesa).Distinct().OrderBy(m => m.Centre.Value).ThenBy(m => m.Number)],
                new Dictionary<long, string>());
        election = election with { Reported = election.Reported with { TestType = options.TestType } };
        var contests = definition is not null ? [.. definition.Contests.Select(c => c.ToContest())] : new[] { options.Contest.ToContest() };
        var central = new CentralCount(new ActaArchive(location), keys, contests, time)
        {
            RefusalLimits = new RefusalLimits(options.MaxRefusedBodiesPerKey, options.MaxRefusedBytesPerKey),
        };
        var started = Stopwatch.GetTimestamp();
        int counted;
        ActaLog log;
        try
        {
            await central.Archive.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await central.LoadAsync(cancellationToken).ConfigureAwait(false);
            counted = (await central.TotalsAsync(0, cancellationToken).ConfigureAwait(false)).Nation.Mesas;
            log = await PublicLogKey.OpenLogAsync(options.LogKeyFile, location, central.Archive, time, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            central.Dispose();
            throw new CentralStartupException($"cannot open the acta store {location}: {e.Message}", CentralStartupException.StoreUnavailable, e);
        }
        catch (CentralStartupException)
        {
            central.Dispose();
            throw;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        builder.Services.AddSingleton(central);
        builder.Services.AddSingleton(log);
        builder.Services.AddSingleton(election);
        builder.Services.AddSingleton<RefusalRateLimiter>();
        builder.Services.AddSingleton<IngestQueue>();
        builder.Services.AddHostedService(services => services.GetRequiredService<IngestQueue>());

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(central.Dispose);
        app.Lifetime.ApplicationStopped.Register(() => central.Archive.DisposeAsync().AsTask().GetAwaiter().GetResult());
        app.Lifetime.ApplicationStopped.Register(log.Dispose);
        Log.CentralLoaded(app.Logger, location, counted, election.Mesas.Count, elapsed);
        app.UseHuellaDefaults();
        app.MapCentral();
        app.MapScan();
        app.MapPublic();
        app.MapPortal();
        return app;
    }

    private static T Bind<T>(IConfigurationSection section)
        where T : new()
    {
        try
        {
            return section.Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new CentralStartupException($"{section.Path}: {e.Message}", innerException: e);
        }
    }

    /// <summary>A station key bound to something that is neither a mesa nor a centre would silently bind it to nothing.</summary>
    private static void CheckMesaBindings(List<ApiKeyEntry> apiKeys)
    {
        for (var i = 0; i < apiKeys.Count; i++)
        {
            foreach (var mesa in apiKeys[i].Mesas)
            {
                if (!MesaId.TryParse(mesa.Trim(), out _) && !CentreCode.TryParse(mesa.Trim(), out _))
                {
                    throw new CentralStartupException($"Huella:ApiKeys:{i} ({apiKeys[i].Name}): '{mesa}' in Mesas is neither a mesa (040202001.01) nor a centre (040202001).");
                }
            }
        }
    }

    private static async Task<string> ReadAsync(string setting, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CentralStartupException($"{setting}: cannot read '{path}': {e.Message}", innerException: e);
        }
    }

    private static T Parse<T>(string setting, string path, Func<string, T> parse, string text)
    {
        try
        {
            return parse(text);
        }
        catch (ElectionDataException e)
        {
            throw new CentralStartupException($"{setting}: '{path}' is not valid: {e.Message}", innerException: e);
        }
    }
}
