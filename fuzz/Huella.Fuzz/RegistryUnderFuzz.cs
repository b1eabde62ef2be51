using System.Text.Json;
using Huella.Server;
using Huella.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Huella.Fuzz;

/// <summary>
/// The registry server on a fresh SQLite registry in a temporary folder, listening on 127.0.0.1,
/// with one admin key (so every mutant reaches its handler rather than stopping at authorization),
/// and one valid request per endpoint as seeds.
/// </summary>
internal sealed class RegistryUnderFuzz : IAsyncDisposable
{
    private const string AdminKey = "fuzz-admin-key-0123456789abcdef";
    private readonly string _folder;
    private readonly WebApplication _app;

    private RegistryUnderFuzz(string folder, WebApplication app, HttpClient client)
    {
        _folder = folder;
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<RegistryUnderFuzz> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("huella-fuzz-").FullName;
        var app = await RegistryServer.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            // Errors only: an unhandled exception behind a 500 is printed with its stack, for the finding's report.
            builder.Logging.SetMinimumLevel(LogLevel.Error);
            builder.Configuration.AddInMemoryCollection(
            [
                new("Huella:Store", "sqlite:" + Path.Combine(folder, "registry.db")),
                new("Huella:KeysFile", Path.Combine(folder, "registry.keys")),
                new("Huella:ApiKeys:0:Name", "fuzz-admin"),
                new("Huella:ApiKeys:0:Sha256", ApiKeyEntry.Hash(AdminKey)),
                new("Huella:ApiKeys:0:Roles:0", Roles.Admin),
            ]);
        }).ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return new RegistryUnderFuzz(folder, app, client);
    }

    /// <summary>A valid request per endpoint; the enrollment's person is enrolled first so that the reads and the status change find someone.</summary>
    public async Task<IReadOnlyList<EndpointSeed>> SeedsAsync(string data)
    {
        var image = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(data, "fingerprints", "sourceafis-samples", "probe.jpeg")));
        var enrollment = Json(new
        {
            cedula = "V-12345678",
            givenNames = "Ana",
            familyNames = "Pérez",
            birthDate = "1990-05-17",
            sex = "Female",
            address = "Calle 5",
            geographyCode = "04.02.01",
            fingers = new[] { new { position = 2, image, dpi = 500.0 } },
        });
        using var enrolled = await Client.PostAsync("/api/v1/enrollments", new ByteArrayContent(enrollment) { Headers = { ContentType = new("application/json") } }).ConfigureAwait(false);
        var person = JsonDocument.Parse(await enrolled.Content.ReadAsStringAsync().ConfigureAwait(false)).RootElement.GetProperty("personId").GetString();
        var finger = new[] { new { position = (int?)2, image, dpi = (double?)500.0 } };
        return
        [
            new("enroll", HttpMethod.Post, "/api/v1/enrollments", null, enrollment),
            new("verify", HttpMethod.Post, "/api/v1/verifications", null, Json(new { cedula = "V-12345678", fingers = finger, fmr = 1e-4 })),
            new("identify", HttpMethod.Post, "/api/v1/identifications", null, Json(new { fingers = finger, maxResults = 5, fmr = 1e-3 })),
            new("status", HttpMethod.Post, $"/api/v1/persons/{person}/status", null, Json(new { status = "Active", reason = "fuzz" })),
            new("decision", HttpMethod.Post, $"/api/v1/adjudication/cases/{Guid.Empty}/decision", null, Json(new { decision = "Reject" })),
            new("abis", HttpMethod.Post, "/abis/v1/requests", null, Json(new { id = "mosip.abis.identify", version = "1.1", requestId = "fuzz-1", referenceId = person, flags = new { maxResults = "5", targetFPIR = "30" }, biometrics = finger })),
            new("person", HttpMethod.Get, $"/api/v1/persons/{person}", null, null),
            new("by-cedula", HttpMethod.Get, "/api/v1/persons/by-cedula/V-12345678", null, null),
            new("audit", HttpMethod.Get, "/api/v1/audit?last=5", null, null),
            new("abis-status", HttpMethod.Get, "/abis/v1/requests/fuzz-1", null, null),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);
}
