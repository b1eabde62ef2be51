using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Huella.Server.Tests;

/// <summary>Every endpoint the registry server maps, found from its endpoint data source rather than a list kept by hand, needs a key.</summary>
public sealed class EndpointAuthorizationTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The only endpoints meant to be public: liveness and the API description.</summary>
    private static readonly string[] Public = ["/health", "/openapi/{documentName}.json"];

    [Fact]
    public async Task Every_endpoint_but_health_and_openapi_requires_an_api_key()
    {
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} endpoints found");
        using var anonymous = ServerKeys.Client(server.Address, null);
        var open = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var anonymousAllowed = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (Public.Contains(pattern))
            {
                Assert.True(anonymousAllowed, $"{pattern} was meant to be public");
                continue;
            }

            if (anonymousAllowed || endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0)
            {
                open.Add($"{pattern}: no authorization metadata");
                continue;
            }

            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), PathOf(endpoint.RoutePattern));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }

                var status = (await anonymous.SendAsync(request)).StatusCode;
                if (status != HttpStatusCode.Unauthorized)
                {
                    open.Add($"{method} {pattern}: {(int)status} without a key");
                }
            }
        }

        Assert.True(open.Count == 0, string.Join("; ", open));
    }

    /// <summary>A concrete path for a route: each parameter gets a value its constraint accepts.</summary>
    private static string PathOf(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternSeparatorPart separator => separator.Content,
        RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content == "guid") => Guid.Empty.ToString(),
        RoutePatternParameterPart => "x",
        _ => "",
    }))));
}
