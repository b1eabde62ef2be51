using Huella.Server.Auth;

namespace Huella.Server.Tests;

/// <summary>A malformed API-key entry stops the server at start-up, named, instead of failing every keyed request with a 500.</summary>
public sealed class ServerConfigurationTests
{
    private const string Entry = "Huella:ApiKeys:7";

    [Theory]
    [InlineData("Sha256", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    [InlineData("Sha256", "0123abcd")]
    [InlineData("Roles:0", "superuser")]
    [InlineData("Roles:0", "")]
    public async Task A_malformed_api_key_entry_stops_the_start_up_and_is_named_without_its_hash(string field, string value)
    {
        var hash = ApiKeyEntry.Hash("broken-entry-key-0123456789");
        var entry = new Dictionary<string, string?>
        {
            [$"{Entry}:Name"] = "broken-entry",
            [$"{Entry}:Sha256"] = hash,
            [$"{Entry}:Roles:0"] = Roles.Admin,
        };
        entry[$"{Entry}:{field}"] = value;

        var refused = await Assert.ThrowsAsync<ServerConfigurationException>(() => TestRegistry.StartAsync(entry));
        Assert.Contains($"{Entry} ('broken-entry')", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(hash, refused.Message, StringComparison.OrdinalIgnoreCase);
        if (field == "Sha256")
        {
            Assert.DoesNotContain(value, refused.Message, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task An_api_key_entry_without_a_name_or_with_a_repeated_key_is_refused()
    {
        var nameless = await Assert.ThrowsAsync<ServerConfigurationException>(() => TestRegistry.StartAsync(
        [
            new($"{Entry}:Sha256", ApiKeyEntry.Hash("another-key-0123456789")),
            new($"{Entry}:Roles:0", Roles.Auditor),
        ]));
        Assert.Contains($"{Entry} has no Name", nameless.Message, StringComparison.Ordinal);

        var repeated = await Assert.ThrowsAsync<ServerConfigurationException>(() => TestRegistry.StartAsync(
        [
            new($"{Entry}:Name", "second-admin"),
            new($"{Entry}:Sha256", ApiKeyEntry.Hash(ServerKeys.For(Roles.Admin))),
            new($"{Entry}:Roles:0", Roles.Auditor),
        ]));
        Assert.Contains($"{Entry} ('second-admin'): another entry has the same key", repeated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_extraction_limit_is_refused()
    {
        var refused = await Assert.ThrowsAsync<ServerConfigurationException>(() => TestRegistry.StartAsync([new("Huella:MaxConcurrentExtractions", "0")]));
        Assert.Contains("Huella:MaxConcurrentExtractions", refused.Message, StringComparison.Ordinal);
    }
}
