using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huella.Server.Auth;

namespace Huella.Server.Tests;

/// <summary>The server on a real Kestrel socket on 127.0.0.1, a fresh SQLite registry per test class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private TestRegistry? _registry;

    public Uri Address => _registry!.Address;

    public IServiceProvider Services => _registry!.Services;

    public async Task InitializeAsync() => _registry = await TestRegistry.StartAsync();

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }
}

public sealed class ServerTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Theory]
    [InlineData("POST", "/api/v1/enrollments", Roles.Verifier)]
    [InlineData("POST", "/api/v1/verifications", Roles.Enroller)]
    [InlineData("POST", "/api/v1/identifications", Roles.Auditor)]
    [InlineData("GET", "/api/v1/persons/x", Roles.Enroller)]
    [InlineData("POST", "/api/v1/persons/x/status", Roles.Verifier)]
    [InlineData("GET", "/api/v1/adjudication/cases", Roles.Verifier)]
    [InlineData("GET", "/api/v1/audit", Roles.Adjudicator)]
    [InlineData("GET", "/api/v1/admin/stats", Roles.Auditor)]
    [InlineData("GET", "/api/v1/admin/integrity", Roles.Auditor)]
    [InlineData("POST", "/abis/v1/requests", Roles.Auditor)]
    [InlineData("GET", "/abis/v1/requests/x", Roles.Station)]
    public async Task Every_endpoint_wants_a_key_and_its_role(string method, string path, string wrongRole)
    {
        using var anonymous = ServerKeys.Client(server.Address, null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) })).StatusCode);

        using var unknown = ServerKeys.Client(server.Address, null);
        unknown.DefaultRequestHeaders.Add("X-Api-Key", "not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) })).StatusCode);

        using var wrong = ServerKeys.Client(server.Address, wrongRole);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) })).StatusCode);
    }

    [Fact]
    public async Task Enroll_verify_identify_adjudicate_and_audit_over_http()
    {
        using var enroller = ServerKeys.Client(server.Address, Roles.Enroller);
        using var verifier = ServerKeys.Client(server.Address, Roles.Verifier);
        using var adjudicator = ServerKeys.Client(server.Address, Roles.Adjudicator);
        using var auditor = ServerKeys.Client(server.Address, Roles.Auditor);

        var created = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30100001", ServerKeys.Finger(2, 107, 1), ServerKeys.Finger(3, 108, 1)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var enrolled = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Enrolled", enrolled.GetProperty("outcome").GetString());
        var personId = enrolled.GetProperty("personId").GetString()!;
        Assert.EndsWith(personId, created.Headers.Location!.ToString(), StringComparison.Ordinal);

        var person = await verifier.GetFromJsonAsync<JsonElement>($"/api/v1/persons/{personId}");
        Assert.Equal("V-30100001", person.GetProperty("cedula").GetString());
        Assert.Equal(2, person.GetProperty("fingers").GetArrayLength());
        Assert.DoesNotContain("template", person.GetRawText(), StringComparison.OrdinalIgnoreCase);

        var taken = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30100001", ServerKeys.Finger(2, 101, 1)));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("application/problem+json", taken.Content.Headers.ContentType!.MediaType);

        var duplicate = await (await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30100002", ServerKeys.Finger(2, 107, 1)))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("PendingAdjudication", duplicate.GetProperty("outcome").GetString());
        Assert.Equal(personId, duplicate.GetProperty("candidates")[0].GetProperty("personId").GetString());

        var verified = await (await verifier.PostAsJsonAsync("/api/v1/verifications", new { cedula = "V-30100001", fingers = new[] { ServerKeys.Finger(3, 108, 1) } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verified.GetProperty("match").GetBoolean());
        Assert.Equal(1e-4, verified.GetProperty("fmr").GetDouble());
        var refused = await (await verifier.PostAsJsonAsync("/api/v1/verifications", new { cedula = "V-30100001", fingers = new[] { ServerKeys.Finger(3, 101, 1) } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(refused.GetProperty("match").GetBoolean());

        var identified = await (await verifier.PostAsJsonAsync("/api/v1/identifications", new { fingers = new[] { new { image = Convert.ToBase64String(File.ReadAllBytes(Huella.Testing.SharedData.PathOf("fingerprints", "fvc2002", "db1b", "108_1.tif"))) } } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(personId, identified.GetProperty("candidates")[0].GetProperty("personId").GetString());

        var cases = await adjudicator.GetFromJsonAsync<JsonElement>("/api/v1/adjudication/cases");
        var caseId = cases[0].GetProperty("id").GetString();
        var decided = await adjudicator.PostAsJsonAsync($"/api/v1/adjudication/cases/{caseId}/decision", new { decision = "Reject" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await adjudicator.PostAsJsonAsync($"/api/v1/adjudication/cases/{caseId}/decision", new { decision = "Approve" })).StatusCode);

        var audit = await auditor.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        Assert.True(audit.GetProperty("chainIntact").GetBoolean());
        var actions = audit.GetProperty("log").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("verify", actions);
        Assert.Contains("case.resolve", actions);
        Assert.All(audit.GetProperty("log").EnumerateArray(), e => Assert.StartsWith("api:", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_uploads_get_a_clear_4xx_and_store_nothing()
    {
        using var enroller = ServerKeys.Client(server.Address, Roles.Enroller);
        using var verifier = ServerKeys.Client(server.Address, Roles.Verifier);
        using var admin = ServerKeys.Client(server.Address, Roles.Admin);
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/stats");

        var garbage = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30200001", new { position = 2, image = Convert.ToBase64String("GIF89a not really"u8.ToArray()) }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
        var problem = await garbage.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unreadable-image", problem.GetProperty("problems")[0].GetProperty("code").GetString());

        var notBase64 = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30200002", new { position = 2, image = "@@@" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notBase64.StatusCode);
        var badPosition = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30200003", ServerKeys.Finger(11, 101, 1)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badPosition.StatusCode);
        var badCedula = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("12345", ServerKeys.Finger(2, 101, 1)));
        Assert.Equal(HttpStatusCode.BadRequest, badCedula.StatusCode);
        using var malformed = new StringContent("{ this is not json", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await enroller.PostAsync("/api/v1/enrollments", malformed)).StatusCode);

        var huge = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30200004", new { position = 2, image = Convert.ToBase64String(new byte[1_600_000]) }));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var unknown = await verifier.PostAsJsonAsync("/api/v1/verifications", new { cedula = "V-99999999", fingers = new[] { ServerKeys.Finger(2, 101, 1) } });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await verifier.GetAsync("/api/v1/persons/nobody")).StatusCode);

        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/stats");
        Assert.Equal(before.GetProperty("storeFingersInGallery").GetInt32(), after.GetProperty("storeFingersInGallery").GetInt32());
        Assert.True(after.GetProperty("indexMatchesStore").GetBoolean());
    }

    [Fact]
    public async Task Mosip_abis_operations_run_as_jobs()
    {
        using var client = ServerKeys.Client(server.Address, Roles.Enroller);
        using var verifier = ServerKeys.Client(server.Address, Roles.Verifier);
        using var admin = ServerKeys.Client(server.Address, Roles.Admin);
        var probe = new[] { ServerKeys.Finger(2, 103, 1, "db2b") };

        Assert.Equal("1", (await RunJob(client, new { id = "mosip.abis.ping", version = "1.1", requestId = "r-ping", requesttime = "2025-03-01T12:00:00.000Z" })).GetProperty("returnValue").GetString());
        Assert.Equal("1", (await RunJob(client, new { id = "mosip.abis.insert", requestId = "r-ins-1", referenceId = "ref-0001", biometrics = probe })).GetProperty("returnValue").GetString());
        var again = await RunJob(client, new { id = "mosip.abis.insert", requestId = "r-ins-2", referenceId = "ref-0001", biometrics = probe });
        Assert.Equal(("2", "10"), (again.GetProperty("returnValue").GetString(), again.GetProperty("failureReason").GetString()));

        // The same finger under another reference is stored for adjudication, not active, and says whom it resembles.
        var held = await RunJob(client, new { id = "mosip.abis.insert", requestId = "r-ins-3", referenceId = "ref-0002", biometrics = probe });
        Assert.Equal(("2", "100"), (held.GetProperty("returnValue").GetString(), held.GetProperty("failureReason").GetString()));
        Assert.Equal("ref-0001", held.GetProperty("candidateList").GetProperty("candidates")[0].GetProperty("referenceId").GetString());
        Assert.Equal("PendingAdjudication", (await verifier.GetFromJsonAsync<JsonElement>("/api/v1/persons/ref-0002")).GetProperty("status").GetString());

        var count = await RunJob(client, new { id = "mosip.abis.referenceCount", requestId = "r-count-1" });
        var references = int.Parse(count.GetProperty("count").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        // ref-0002 holds the same finger as ref-0001: identify by reference finds the other, not itself.
        var identify = await RunJob(verifier, new { id = "mosip.abis.identify", requestId = "r-id-1", referenceId = "ref-0002", flags = new { maxResults = "5", targetFPIR = "30" } });
        var candidates = identify.GetProperty("candidateList").GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("referenceId").GetString()).ToList();
        Assert.Contains("ref-0001", candidates);
        Assert.DoesNotContain("ref-0002", candidates);
        var restricted = await RunJob(verifier, new { id = "mosip.abis.identify", requestId = "r-id-2", referenceId = "ref-0002", gallery = new { referenceIds = new[] { new { referenceId = "ref-9999" } } } });
        Assert.Equal("0", restricted.GetProperty("candidateList").GetProperty("count").GetString());

        Assert.Equal("1", (await RunJob(admin, new { id = "mosip.abis.delete", requestId = "r-del-1", referenceId = "ref-0001" })).GetProperty("returnValue").GetString());
        Assert.Equal("6", (await RunJob(admin, new { id = "mosip.abis.delete", requestId = "r-del-2", referenceId = "ref-7777" })).GetProperty("failureReason").GetString());
        var after = await RunJob(client, new { id = "mosip.abis.referenceCount", requestId = "r-count-2" });
        Assert.Equal((references - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), after.GetProperty("count").GetString());
        Assert.Equal("0", (await RunJob(client, new { id = "mosip.abis.pendingJobs", requestId = "r-pending" })).GetProperty("jobscount").GetString());

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.ping", requestId = "r-ping" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.format", requestId = "r-x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/abis/v1/requests/never")).StatusCode);
    }

    [Fact]
    public async Task Two_clients_enrolling_the_same_person_at_once_make_one_record_and_one_case()
    {
        using var first = ServerKeys.Client(server.Address, Roles.Enroller);
        using var second = ServerKeys.Client(server.Address, Roles.Enroller);
        using var adjudicator = ServerKeys.Client(server.Address, Roles.Adjudicator);

        // Same finger (two impressions), two cédulas: one enrolls, the other waits for adjudication against it.
        var responses = await Task.WhenAll(
            first.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30300001", ServerKeys.Finger(2, 105, 1, "db3b"))),
            second.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30300002", ServerKeys.Finger(2, 105, 1, "db3b"))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var outcomes = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        var enrolled = Assert.Single(outcomes, o => o.GetProperty("outcome").GetString() == "Enrolled");
        var pending = Assert.Single(outcomes, o => o.GetProperty("outcome").GetString() == "PendingAdjudication");
        Assert.Equal(enrolled.GetProperty("personId").GetString(), pending.GetProperty("candidates")[0].GetProperty("personId").GetString());
        var cases = await adjudicator.GetFromJsonAsync<JsonElement>("/api/v1/adjudication/cases");
        // A case names its pending person first and the candidates after: exactly one case is about this pair.
        var about = cases.EnumerateArray().Where(c => c.GetRawText().Contains(pending.GetProperty("personId").GetString()!, StringComparison.Ordinal)).ToList();
        Assert.Single(about);
        Assert.Contains(enrolled.GetProperty("personId").GetString()!, about[0].GetRawText(), StringComparison.Ordinal);

        // Same cédula from both clients: exactly one is stored, the other is refused.
        var same = await Task.WhenAll(
            first.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30300003", ServerKeys.Finger(2, 106, 1, "db3b"))),
            second.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-30300003", ServerKeys.Finger(2, 106, 2, "db3b"))));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], same.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task The_openapi_document_is_served_without_a_key()
    {
        using var anonymous = ServerKeys.Client(server.Address, null);
        var document = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/enrollments", document, StringComparison.Ordinal);
        Assert.Contains("/abis/v1/requests", document, StringComparison.Ordinal);
    }

    internal static async Task<JsonElement> RunJob(HttpClient client, object request)
    {
        var accepted = await client.PostAsJsonAsync("/abis/v1/requests", request);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        return await WaitForJob(client, accepted.Headers.Location!.ToString());
    }

    internal static Task<JsonElement> WaitForJob(HttpClient client, string location) => AbisJobWait.CompletedAsync(client, location);
}
