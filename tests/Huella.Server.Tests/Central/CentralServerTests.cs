using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Huella.Crypto;
using Huella.Server.Auth;
using Huella.Testing;

namespace Huella.Server.Tests.Central;

public sealed class CentralServerTests(CentralFixture central) : IClassFixture<CentralFixture>
{
    private static ByteArrayContent Body(byte[] acta, string mediaType = "application/octet-stream")
    {
        var content = new ByteArrayContent(acta);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }

    [Theory]
    [InlineData("POST", "/central/v1/actas", Roles.Observer)]
    [InlineData("POST", "/central/v1/actas", Roles.Enroller)]
    [InlineData("GET", "/central/v1/actas/010101001.01", Roles.Station)]
    [InlineData("GET", "/central/v1/results", Roles.Station)]
    [InlineData("GET", "/central/v1/anomalies", Roles.Verifier)]
    public async Task Every_central_endpoint_wants_a_key_and_its_role(string method, string path, string wrongRole)
    {
        using var anonymous = ServerKeys.Client(central.Address, null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body([1]) })).StatusCode);
        using var wrong = ServerKeys.Client(central.Address, wrongRole);
        Assert.Equal(HttpStatusCode.Forbidden, (await wrong.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = Body([1]) })).StatusCode);
    }

    [Fact]
    public async Task The_same_acta_twice_is_stored_once_and_the_second_answer_says_already_received()
    {
        var mesa = central.Actas.Mesas.ElementAt(0);
        var acta = central.Actas.Sign(central.Actas.ActaFor(mesa));
        using var station = ServerKeys.Client(central.Address, Roles.Station);

        var first = await station.PostAsync("/central/v1/actas", Body(acta));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal($"/central/v1/actas/{mesa}", first.Headers.Location?.OriginalString);
        var second = await station.PostAsync("/central/v1/actas", Body(acta));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var receipt = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("AlreadyReceived", receipt.GetProperty("outcome").GetString());
        Assert.StartsWith("already received", receipt.GetProperty("message").GetString(), StringComparison.Ordinal);

        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        var versions = await observer.GetFromJsonAsync<JsonElement>($"/central/v1/actas/{mesa}");
        var only = Assert.Single(versions.GetProperty("versions").EnumerateArray());
        Assert.Equal(acta, only.GetProperty("acta").GetBytesFromBase64());
        Assert.Equal(only.GetProperty("hash").GetString(), versions.GetProperty("countedHash").GetString());
    }

    [Fact]
    public async Task Forged_altered_foreign_and_garbage_actas_are_refused_with_a_reason_and_kept_as_evidence()
    {
        var mesas = central.Actas.Mesas.Skip(1).Take(4).ToArray();
        using var rogue = SigningKey.Generate();
        using var neighbour = central.Actas.MachineOf(mesas[3]);
        var cases = new (byte[] Acta, string Type, string Verdict)[]
        {
            (central.Actas.Sign(central.Actas.ActaFor(mesas[0]), rogue), "urn:huella:central:unknown-machine", "UnknownMachine"),
            (CentralSetup.Altered(central.Actas.Sign(central.Actas.ActaFor(mesas[1]))), "urn:huella:central:forged-or-altered", "BadSignature"),
            (central.Actas.Sign(central.Actas.ActaFor(mesas[2]), neighbour), "urn:huella:central:wrong-mesa", "WrongMesa"),
            ([0x05, 1, 2], "urn:huella:central:malformed", "Malformed"),
        };
        using var station = ServerKeys.Client(central.Address, Roles.Station);
        foreach (var (acta, type, verdict) in cases)
        {
            var response = await station.PostAsync("/central/v1/actas", Body(acta));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(type, problem.GetProperty("type").GetString());
            Assert.Equal(verdict, problem.GetProperty("verdict").GetString());
            Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));

            // Refused again, for the same reason, when sent again: a repeat never turns into an acknowledgement.
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await station.PostAsync("/central/v1/actas", Body(acta))).StatusCode);
        }

        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        var evidence = await observer.GetFromJsonAsync<JsonElement>($"/central/v1/actas/{mesas[2]}");
        Assert.Equal("Rejected", Assert.Single(evidence.GetProperty("versions").EnumerateArray()).GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, evidence.GetProperty("countedHash").ValueKind);
    }

    [Fact]
    public async Task A_second_different_acta_for_a_mesa_is_a_conflict_kept_and_flagged()
    {
        var mesa = central.Actas.Mesas.ElementAt(5);
        using var station = ServerKeys.Client(central.Address, Roles.Station);
        Assert.Equal(HttpStatusCode.Created, (await station.PostAsync("/central/v1/actas", Body(central.Actas.Sign(central.Actas.ActaFor(mesa))))).StatusCode);
        var other = await station.PostAsync("/central/v1/actas", Body(central.Actas.Sign(central.Actas.ActaFor(mesa))));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);

        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        Assert.Equal(2, (await observer.GetFromJsonAsync<JsonElement>($"/central/v1/actas/{mesa}")).GetProperty("versions").GetArrayLength());
        var anomalies = await observer.GetFromJsonAsync<JsonElement>("/central/v1/anomalies");
        Assert.Contains(anomalies.GetProperty("anomalies").EnumerateArray(), a => a.GetProperty("kind").GetString() == "ConflictingActas" && a.GetProperty("mesa").GetString() == mesa.ToString());
    }

    [Fact]
    public async Task Wrong_media_type_oversized_body_and_unknown_mesa_get_problem_details()
    {
        using var station = ServerKeys.Client(central.Address, Roles.Station);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await station.PostAsync("/central/v1/actas", Body([1, 2, 3], "application/json"))).StatusCode);
        var huge = await station.PostAsync("/central/v1/actas", Body(new byte[64 * 1024]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        var notAMesa = await observer.GetAsync("/central/v1/actas/not-a-mesa");
        Assert.Equal(HttpStatusCode.BadRequest, notAMesa.StatusCode);
        Assert.Equal("application/problem+json", notAMesa.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await observer.GetAsync("/central/v1/actas/990101001.01")).StatusCode);
        var noContest = await observer.GetAsync("/central/v1/anomalies?contest=3");
        Assert.Equal(HttpStatusCode.NotFound, noContest.StatusCode);
        Assert.Contains("urn:huella:central:no-contest", await noContest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await observer.GetAsync("/central/v1/actas/990101001.01?contest=1")).StatusCode);
    }
}

/// <summary>A whole election transmitted concurrently, out of order and with repeats: totals equal the actas' own sums.</summary>
public sealed class CentralResultsTests(CentralFixture central) : IClassFixture<CentralFixture>
{
    [Fact]
    public async Task Results_are_the_sum_of_the_actas_missing_mesas_are_listed_and_the_report_is_err_json()
    {
        var mesas = central.Actas.Mesas.ToList();
        var reporting = mesas.Take(mesas.Count - 3).ToList();
        var actas = reporting.Select(m => central.Actas.ActaFor(m)).ToList();
        var signed = actas.Select(a => central.Actas.Sign(a)).ToList();
        using var station = ServerKeys.Client(central.Address, Roles.Station);

        // Eight stations at once, in reverse order, each acta sent twice.
        var sends = signed.AsEnumerable().Reverse().Concat(signed).ToList();
        var codes = new HttpStatusCode[sends.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sends.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var content = new ByteArrayContent(sends[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            codes[i] = (await station.PostAsync("/central/v1/actas", content, ct)).StatusCode;
        });
        Assert.Equal(signed.Count, codes.Count(c => c == HttpStatusCode.Created));
        Assert.Equal(signed.Count, codes.Count(c => c == HttpStatusCode.OK));

        using var observer = ServerKeys.Client(central.Address, Roles.Auditor);
        var json = await observer.GetStringAsync("/central/v1/results");
        Assert.Empty(ErrSchema.Errors(json));
        var report = JsonSerializer.Deserialize<JsonElement>(json);
        Assert.Equal("ElectionResults.ElectionReport", report.GetProperty("@type").GetString());
        Assert.Equal("unofficial-partial", report.GetProperty("Status").GetString());
        Assert.Equal("central test fixture", report.GetProperty("TestType").GetString());
        var nation = report.GetProperty("GpUnit").EnumerateArray().Single(u => u.GetProperty("@id").GetString() == "ru-nation");
        Assert.Equal((mesas.Count, reporting.Count), (nation.GetProperty("TotalSubUnits").GetInt32(), nation.GetProperty("SubUnitsReported").GetInt32()));
        var expected = CentralSetup.Expected(actas).Nation;
        Assert.Equal(expected.CardVotes.ToArray(), CentralSetup.NationCardVotes(report));

        var anomalies = await observer.GetFromJsonAsync<JsonElement>("/central/v1/anomalies");
        Assert.Equal(mesas.Count, anomalies.GetProperty("expectedMesas").GetInt32());
        Assert.Equal(reporting.Count, anomalies.GetProperty("countedMesas").GetInt32());
        var missing = anomalies.GetProperty("anomalies").EnumerateArray().Where(a => a.GetProperty("kind").GetString() == "MissingMesa").Select(a => a.GetProperty("mesa").GetString()!).ToHashSet();
        Assert.Equal(mesas.Skip(reporting.Count).Select(m => m.ToString()).ToHashSet(), missing);
    }
}
