using System.Text.Json.Serialization;
using Huella.Server.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Huella.Server;

/// <summary>What the registry and central servers share: services, request limits and the pipeline.</summary>
internal static class ServerDefaults
{
    /// <summary>System time, ProblemDetails, OpenAPI, enums as strings, API-key authentication with the given policies.</summary>
    public static void AddHuellaDefaults(this WebApplicationBuilder builder, long maxRequestBytes, Action<AuthorizationOptions> policies)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxRequestBytes);
        builder.Services.AddSingleton(TimeProvider.System);
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
