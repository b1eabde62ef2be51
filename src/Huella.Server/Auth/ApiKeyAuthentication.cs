using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Huella.Server.Auth;

/// <summary>One configured API key: only its SHA-256 (hex) is stored, never the key itself.</summary>
public sealed class ApiKeyEntry
{
    public string Name { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public string[] Roles { get; set; } = [];

    /// <summary>
    /// For a station key, the mesas (040202001.01) or whole centres (040202001) it transmits actas
    /// for; central refuses its acta for any other. Empty: not bound to mesas.
    /// </summary>
    public string[] Mesas { get; set; } = [];

    /// <summary>The claim that carries each of <see cref="Mesas"/>.</summary>
    public const string MesaClaim = "huella:mesa";

    /// <summary>The hash to configure for a key.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>Authenticates requests by the <c>X-Api-Key</c> header against the hashed keys in configuration (<c>Huella:ApiKeys</c>).</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ServerOptions> server)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Convert.FromHexString(ApiKeyEntry.Hash(values[0]!));
        foreach (var entry in server.Value.ApiKeys)
        {
            if (entry.Sha256.Length == 64 && CryptographicOperations.FixedTimeEquals(presented, Convert.FromHexString(entry.Sha256)))
            {
                var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name) };
                claims.AddRange(entry.Roles.Select(r => new Claim(ClaimTypes.Role, r.Trim().ToLowerInvariant())));
                claims.AddRange(entry.Mesas.Select(m => new Claim(ApiKeyEntry.MesaClaim, m.Trim())));
                var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
            }
        }

        Log.BadApiKey(Logger, Context.Connection.RemoteIpAddress?.ToString() ?? "?");
        return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
    }
}
