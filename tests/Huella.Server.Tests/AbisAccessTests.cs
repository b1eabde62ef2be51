using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Huella.Server.Auth;

namespace Huella.Server.Tests;

/// <summary>
/// Each ABIS operation needs the role of its REST twin and follows its rules: an enroller can no
/// longer delete a person to free their cédula, search 1:N, or insert a finger already enrolled as
/// an active reference.
/// </summary>
public sealed class AbisAccessTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task An_enroller_cannot_take_over_an_identity_by_abis_delete_and_enrolling_the_cedula_again()
    {
        using var enroller = ServerKeys.Client(server.Address, Roles.Enroller);
        using var verifier = ServerKeys.Client(server.Address, Roles.Verifier);
        using var admin = ServerKeys.Client(server.Address, Roles.Admin);
        var created = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-31000001", ServerKeys.Finger(2, 104, 1)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var ownerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("personId").GetString();

        // The attack: delete the holder through ABIS (REST keeps status changes to admins), then enroll the freed cédula with another finger.
        var delete = await enroller.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.delete", requestId = "takeover-delete", referenceId = ownerId });
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.Equal("application/problem+json", delete.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/abis/v1/requests/takeover-delete")).StatusCode);
        var takeover = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-31000001", ServerKeys.Finger(2, 105, 1)));
        Assert.Equal(HttpStatusCode.Conflict, takeover.StatusCode);

        var person = await verifier.GetFromJsonAsync<JsonElement>("/api/v1/persons/by-cedula/V-31000001");
        Assert.Equal((ownerId, "Active"), (person.GetProperty("personId").GetString(), person.GetProperty("status").GetString()));
        var owner = await (await verifier.PostAsJsonAsync("/api/v1/verifications", new { cedula = "V-31000001", fingers = new[] { ServerKeys.Finger(2, 104, 1) } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(owner.GetProperty("match").GetBoolean());
        var attacker = await (await verifier.PostAsJsonAsync("/api/v1/verifications", new { cedula = "V-31000001", fingers = new[] { ServerKeys.Finger(2, 105, 1) } })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(attacker.GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task Abis_identify_and_delete_need_the_roles_their_rest_twins_need()
    {
        using var enroller = ServerKeys.Client(server.Address, Roles.Enroller);
        using var verifier = ServerKeys.Client(server.Address, Roles.Verifier);
        using var admin = ServerKeys.Client(server.Address, Roles.Admin);
        using var station = ServerKeys.Client(server.Address, Roles.Station);
        var probe = new[] { new { image = Convert.ToBase64String(File.ReadAllBytes(Huella.Testing.SharedData.PathOf("fingerprints", "fvc2002", "db1b", "104_1.tif"))) } };

        Assert.Equal(HttpStatusCode.Forbidden, (await enroller.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.identify", requestId = "roles-id-1", biometrics = probe })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await station.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.ping", requestId = "roles-ping-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await verifier.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.delete", requestId = "roles-del-1", referenceId = "ref-none" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await verifier.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.insert", requestId = "roles-ins-1", referenceId = "ref-none", biometrics = probe })).StatusCode);

        // A verifier identifies; the answer names persons, so an enroller may not read it.
        var identified = await ServerTests.RunJob(verifier, new { id = "mosip.abis.identify", requestId = "roles-id-2", biometrics = probe });
        Assert.Equal("1", identified.GetProperty("returnValue").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await enroller.GetAsync("/abis/v1/requests/roles-id-2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/abis/v1/requests/roles-id-2")).StatusCode);

        Assert.Equal("6", (await ServerTests.RunJob(admin, new { id = "mosip.abis.delete", requestId = "roles-del-2", referenceId = "ref-none" })).GetProperty("failureReason").GetString());
    }

    [Fact]
    public async Task An_abis_insert_of_a_finger_enrolled_under_another_id_waits_for_adjudication()
    {
        using var enroller = ServerKeys.Client(server.Address, Roles.Enroller);
        using var verifier = ServerKeys.Client(server.Address, Roles.Verifier);
        using var adjudicator = ServerKeys.Client(server.Address, Roles.Adjudicator);
        var created = await enroller.PostAsJsonAsync("/api/v1/enrollments", ServerKeys.Enrollment("V-31000003", ServerKeys.Finger(2, 106, 1)));
        var ownerId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("personId").GetString();

        var inserted = await ServerTests.RunJob(enroller, new { id = "mosip.abis.insert", requestId = "dup-ins-1", referenceId = "abis-dup-1", biometrics = new[] { ServerKeys.Finger(2, 106, 1) } });
        Assert.Equal(("2", "100"), (inserted.GetProperty("returnValue").GetString(), inserted.GetProperty("failureReason").GetString()));
        Assert.Contains(ownerId, inserted.GetProperty("candidateList").GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("referenceId").GetString()));

        Assert.Equal("PendingAdjudication", (await verifier.GetFromJsonAsync<JsonElement>("/api/v1/persons/abis-dup-1")).GetProperty("status").GetString());
        var cases = await adjudicator.GetFromJsonAsync<JsonElement>("/api/v1/adjudication/cases");
        var held = Assert.Single(cases.EnumerateArray(), c => c.GetRawText().Contains("abis-dup-1", StringComparison.Ordinal));
        Assert.Contains(ownerId!, held.GetRawText(), StringComparison.Ordinal);

        // A new finger under a new reference is active, as a new enrollment is.
        var fresh = await ServerTests.RunJob(enroller, new { id = "mosip.abis.insert", requestId = "dup-ins-2", referenceId = "abis-new-1", biometrics = new[] { ServerKeys.Finger(2, 110, 1, "db2b") } });
        Assert.Equal("1", fresh.GetProperty("returnValue").GetString());
        Assert.Equal("Active", (await verifier.GetFromJsonAsync<JsonElement>("/api/v1/persons/abis-new-1")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Abis_request_ids_that_a_url_cannot_carry_are_refused_and_accepted_ones_read_back()
    {
        using var enroller = ServerKeys.Client(server.Address, Roles.Enroller);
        foreach (var requestId in new[] { "job/1", "job%2F1", "..", ".job", "job 1", "", new string('j', 129), "jób" })
        {
            var refused = await enroller.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.ping", requestId });
            Assert.True(refused.StatusCode == HttpStatusCode.BadRequest, $"requestId '{requestId}': {refused.StatusCode}");
        }

        const string unusual = "mosip:2025.03-01_job-7";
        Assert.Equal("1", (await ServerTests.RunJob(enroller, new { id = "mosip.abis.ping", requestId = unusual })).GetProperty("returnValue").GetString());
        var job = await enroller.GetFromJsonAsync<JsonElement>($"/abis/v1/requests/{unusual}");
        Assert.Equal(unusual, job.GetProperty("requestId").GetString());
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("-10")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("121")]
    [InlineData("thirty")]
    public async Task Abis_identify_refuses_a_target_fpir_that_is_no_rate_with_a_400(string targetFpir)
    {
        using var verifier = ServerKeys.Client(server.Address, Roles.Verifier);
        var requestId = "fpir-" + targetFpir;
        var refused = await verifier.PostAsJsonAsync("/abis/v1/requests", new { id = "mosip.abis.identify", requestId, referenceId = "ref-any", flags = new { targetFPIR = targetFpir } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("targetFPIR", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await verifier.GetAsync($"/abis/v1/requests/{requestId}")).StatusCode);
    }
}
