using System.Globalization;
using Huella.Server.Auth;

namespace Huella.Server;

/// <summary>A configuration the server refuses to start with; the message names every bad setting but never a key or hash. An <see cref="InvalidOperationException"/>, as the other start-up refusals are, so hosts report it the same way.</summary>
internal sealed class ServerConfigurationException : InvalidOperationException
{
    public ServerConfigurationException()
    {
    }

    public ServerConfigurationException(string message)
        : base(message)
    {
    }

    public ServerConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Checks the <c>Huella</c> section before anything is served. A malformed API-key entry would
/// otherwise surface only when a request is authenticated against it, as a 500 for every keyed
/// request; so it stops the start-up instead, naming the entry by its configuration path and name.
/// </summary>
internal static class ServerConfiguration
{
    public const string Section = "Huella";

    public static void Validate(IConfigurationSection huella)
    {
        ArgumentNullException.ThrowIfNull(huella);
        var problems = new List<string>();
        ValidateApiKeys(huella.GetSection(nameof(ServerOptions.ApiKeys)), problems);
        if (problems.Count == 0)
        {
            ValidateLimits(huella.Get<ServerOptions>() ?? new ServerOptions(), problems);
        }

        if (problems.Count > 0)
        {
            throw new ServerConfigurationException("The server configuration is not valid: " + string.Join("; ", problems) + ".");
        }
    }

    private static void ValidateApiKeys(IConfigurationSection keys, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in keys.GetChildren())
        {
            var name = entry[nameof(ApiKeyEntry.Name)];
            var where = string.IsNullOrWhiteSpace(name) ? entry.Path : $"{entry.Path} ('{name}')";
            if (entry.Value is not null)
            {
                problems.Add($"{where} is a single value; an API key entry has Name, Sha256 and Roles");
                continue;
            }

            if (string.IsNullOrWhiteSpace(name))
            {
                problems.Add($"{where} has no Name");
            }
            else if (!names.Add(name))
            {
                problems.Add($"{where}: another entry has the same Name");
            }

            // The hash is not the key, but it is what the key is checked against: it is never echoed.
            var sha = entry[nameof(ApiKeyEntry.Sha256)];
            if (sha is null || sha.Length != 64 || !sha.All(char.IsAsciiHexDigit))
            {
                problems.Add($"{where}: Sha256 is not 64 hexadecimal digits (the SHA-256 of the key, as ApiKeyEntry.Hash writes it)");
            }
            else if (!hashes.Add(sha))
            {
                problems.Add($"{where}: another entry has the same key");
            }

            var roles = entry.GetSection(nameof(ApiKeyEntry.Roles));
            if (roles.Value is not null)
            {
                problems.Add($"{where}: Roles is a single value; give a list");
                continue;
            }

            var given = roles.GetChildren().Select(r => r.Value?.Trim().ToLowerInvariant()).ToList();
            if (given.Count == 0)
            {
                problems.Add($"{where} has no Roles");
            }

            foreach (var role in given.Where(r => r is null || !Roles.All.Contains(r, StringComparer.Ordinal)))
            {
                problems.Add($"{where}: '{role}' is not a role (one of {string.Join(", ", Roles.All)})");
            }
        }
    }

    private static void ValidateLimits(ServerOptions options, List<string> problems)
    {
        void AtLeastOne(string name, long value)
        {
            if (value < 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:{name} is {value}; it must be at least 1"));
            }
        }

        AtLeastOne(nameof(ServerOptions.MaxConcurrentExtractions), options.MaxConcurrentExtractions);
        AtLeastOne(nameof(ServerOptions.AbisMaxPendingJobs), options.AbisMaxPendingJobs);
        AtLeastOne(nameof(ServerOptions.AbisMaxCompletedJobs), options.AbisMaxCompletedJobs);
        AtLeastOne(nameof(ServerOptions.MaxImageBytes), options.MaxImageBytes);
        if (options.AbisRetention <= TimeSpan.Zero)
        {
            problems.Add($"{Section}:{nameof(ServerOptions.AbisRetention)} must be a positive time span");
        }
    }
}
