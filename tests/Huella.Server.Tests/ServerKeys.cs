using Huella.Server.Auth;

namespace Huella.Server.Tests;

/// <summary>One API key per role, and the configuration lines that register their hashes.</summary>
internal static class ServerKeys
{
    public static string For(string role) => $"test-key-{role}-0123456789abcdef";

    public static IEnumerable<KeyValuePair<string, string?>> Configuration()
    {
        var i = 0;
        foreach (var role in Roles.All)
        {
            yield return new($"Huella:ApiKeys:{i}:Name", role + "-1");
            yield return new($"Huella:ApiKeys:{i}:Sha256", ApiKeyEntry.Hash(For(role)));
            yield return new($"Huella:ApiKeys:{i}:Roles:0", role);
            i++;
        }
    }

    public static HttpClient Client(Uri address, string? role)
    {
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", For(role));
        }

        return client;
    }

    public static object Finger(int position, int finger, int impression, string db = "db1b") => new
    {
        position,
        image = Convert.ToBase64String(File.ReadAllBytes(Huella.Testing.SharedData.PathOf("fingerprints", "fvc2002", db, $"{finger}_{impression}.tif"))),
    };

    public static object Enrollment(string cedula, params object[] fingers) => new
    {
        cedula,
        givenNames = "Ana María",
        familyNames = "Pérez",
        birthDate = "1990-05-17",
        sex = "Female",
        address = "Calle 5, Maracay",
        geographyCode = "04.02.01",
        fingers,
    };
}
