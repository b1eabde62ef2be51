namespace Huella.Fuzz;

/// <summary>The servers fuzzed over HTTP, by name, and their share of a campaign's time.</summary>
internal static class EndpointTargets
{
    public const string Registry = "http-registry";

    public const string Central = "http-central";

    public const int Weight = 60;
}
