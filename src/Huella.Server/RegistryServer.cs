using Huella.Identity;
using Huella.Identity.Enrollment;
using Huella.Identity.Storage;
using Huella.Server.Abis;
using Huella.Server.Api;
using Huella.Server.Auth;
using Huella.Storage;
using Microsoft.Extensions.Options;

namespace Huella.Server;

/// <summary>
/// Builds the registry server: configuration section <c>Huella</c> (<see cref="ServerOptions"/>),
/// the registry opened and its gallery loaded before the first request, API-key authentication
/// with one policy per role, ProblemDetails for every error, the OpenAPI document at
/// <c>/openapi/v1.json</c>, the REST API under <c>/api/v1</c> and MOSIP ABIS under <c>/abis/v1</c>.
/// Image decoding and extraction, REST and ABIS alike, share one <see cref="ExtractionGate"/>.
/// </summary>
public static class RegistryServer
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        var options = builder.Configuration.GetSection("Huella").Get<ServerOptions>() ?? new ServerOptions();
        builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection("Huella"));
        builder.AddHuellaDefaults(options.MaxRequestBytes, auth =>
        {
            foreach (var role in Roles.All)
            {
                auth.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role, Roles.Admin));
            }

            auth.AddPolicy(AbisEndpoints.Policy, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Enroller, Roles.Verifier, Roles.Admin));
        });
        builder.Services.AddSingleton(new ExtractionGate(options.MaxConcurrentExtractions));
        builder.Services.AddSingleton<Uploads>();
        builder.Services.AddHostedService<AbisWorker>();

        if (!StoreLocation.TryParse(options.Store, out var location))
        {
            throw new InvalidOperationException($"Huella:Store is not a store location: '{options.Store}'.");
        }

        KeyRing keys;
        try
        {
            (keys, _) = await RegistryKeyRing.OpenAsync(location, options.KeysFile, cancellationToken);
        }
        catch (Exception e) when (e is RegistryKeyRingException or FormatException)
        {
            throw new ServerConfigurationException($"Huella:KeysFile: {e.Message}", e);
        }

        var anchor = options.AuditCheckpointsFile is { Length: > 0 } checkpoints ? new AuditAnchor(checkpoints) : null;
        var registry = await IdentityRegistry.OpenAsync(
            SqlPersonStore.Open(location, keys, anchor: anchor),
            new RegistryOptions { MinEnrollQuality = options.MinEnrollQuality, DeduplicationFpir = options.DeduplicationFpir },
            cancellationToken: cancellationToken);
        builder.Services.AddSingleton(registry);
        var (journal, jobs) = await AbisJournal.OpenAsync(location, keys, cancellationToken);
        builder.Services.AddSingleton(services => new AbisJobs(journal, jobs, AbisJobLimits.From(options), services.GetRequiredService<TimeProvider>()));

        var app = builder.Build();

        // The registry and the ABIS journal seal with the ring until the host stops; then its keys are
        // zeroed and the journal's connections closed.
        app.Lifetime.ApplicationStopped.Register(keys.Dispose);
        app.Lifetime.ApplicationStopped.Register(() => journal.DisposeAsync().AsTask().GetAwaiter().GetResult());
        var persons = registry.Index.PersonCount;
        var fingers = registry.Index.FingerCount;
        Log.RegistryLoaded(app.Logger, location, persons, fingers, registry.LoadTime);
        app.UseHuellaDefaults();
        app.MapRegistry();
        app.MapAbis();
        return app;
    }
}
