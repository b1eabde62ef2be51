using System.Text.Json.Serialization;
using Huella.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Huella.Server;

/// <summary>What the registry and central servers share: services, request limits and the pipeline.</summary>
internal static class ServerDefaults
{
    /// <summary>
    /// The <c>Huella</c> section checked (<see cref="ServerConfigurationException"/> when it is not
    /// valid), system time unless a host supplied its own, ProblemDetails, OpenAPI, enums as strings,
    /// API-key authentication with the given policies, and ASP.NET Core's own logs from Warning up only.
    /// </summary>
    public static void AddHuellaDefaults(this WebApplicationBuilder builder, long maxRequestBytes, Action<AuthorizationOptions> policies)
    {
        ServerConfiguration.Validate(builder.Configuration.GetSection(ServerConfiguration.Section));

        // Hosting logs every request line with its path at Information, and paths carry cédulas
        // (/persons/by-cedula/…): personal data must not reach ordinary logs. Warnings and errors still do.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxRequestBytes);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(policies);
    }

    /// <summary>Errors as ProblemDetails, authentication, the OpenAPI document and /health (both anonymous).</summary>
    public static void UseHuellaDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapGet("/health", () => TypedResults.Ok(new { status = "ok" })).AllowAnonymous().WithName("Health");
    }
}
