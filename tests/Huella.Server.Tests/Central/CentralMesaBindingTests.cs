using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Huella.Server.Auth;

namespace Huella.Server.Tests.Central;

/// <summary>Station keys bound to their mesa, and actas that travel with their signatures reordered.</summary>
public sealed class CentralMesaBindingTests(CentralFixture central) : IClassFixture<CentralFixture>
{
    private static ByteArrayContent Body(byte[] acta)
    {
        var content = new ByteArrayContent(acta);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private async Task<HttpStatusCode> VersionsStatusAsync(object mesa)
    {
        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        return (await observer.GetAsync($"/central/v1/actas/{mesa}")).StatusCode;
    }

    [Fact]
    public async Task A_key_bound_to_a_mesa_cannot_transmit_another_mesas_acta_and_nothing_of_it_is_stored()
    {
        var own = CentralSetup.BoundMesa(central.Actas);
        var sameCentre = central.Actas.Mesas.ElementAt(41);
        var elsewhere = central.Actas.Mesas.ElementAt(44);
        Assert.Equal(own.Centre, sameCentre.Centre);
        Assert.NotEqual(own.Centre, elsewhere.Centre);
        using var mesaKey = CentralSetup.BoundClient(central.Address, "mesa");
        using var centreKey = CentralSetup.BoundClient(central.Address, "centre");

        foreach (var (client, mesa) in new[] { (mesaKey, sameCentre), (mesaKey, elsewhere), (centreKey, elsewhere) })
        {
            var response = await client.PostAsync("/central/v1/actas", Body(central.Actas.Sign(central.Actas.ActaFor(mesa))));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("urn:huella:central:mesa-not-allowed", problem.GetProperty("type").GetString());
            Assert.Contains(mesa.ToString(), problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, await VersionsStatusAsync(mesa));
        }

        Assert.Equal(HttpStatusCode.Created, (await mesaKey.PostAsync("/central/v1/actas", Body(central.Actas.Sign(central.Actas.ActaFor(own))))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await centreKey.PostAsync("/central/v1/actas", Body(central.Actas.Sign(central.Actas.ActaFor(sameCentre))))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await VersionsStatusAsync(elsewhere));
    }

    [Fact]
    public async Task A_copy_with_its_signatures_reordered_sent_first_is_refused_and_the_genuine_acta_is_counted()
    {
        var mesa = central.Actas.Mesas.ElementAt(2);
        var genuine = central.Actas.Sign(central.Actas.ActaFor(mesa));

        // Machine and president signatures (73 bytes each) swapped: the signed body untouched.
        byte[] reordered = [.. genuine[..^(2 * 73)], .. genuine[^73..], .. genuine[^(2 * 73)..^73]];
        using var station = ServerKeys.Client(central.Address, Roles.Station);

        var copy = await station.PostAsync("/central/v1/actas", Body(reordered));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, copy.StatusCode);
        Assert.Equal("urn:huella:central:malformed", (await copy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        var first = await station.PostAsync("/central/v1/actas", Body(genuine));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await station.PostAsync("/central/v1/actas", Body(reordered))).StatusCode);
        var again = await station.PostAsync("/central/v1/actas", Body(genuine));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("actaHash").GetString(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("actaHash").GetString());

        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        var versions = await observer.GetFromJsonAsync<JsonElement>($"/central/v1/actas/{mesa}");
        // The copy does not decode, so it names no mesa: it is evidence apart, not a version of this mesa's acta.
        Assert.Equal("Accepted", Assert.Single(versions.GetProperty("versions").EnumerateArray()).GetProperty("status").GetString());
        var anomalies = await observer.GetFromJsonAsync<JsonElement>("/central/v1/anomalies");
        Assert.DoesNotContain(anomalies.GetProperty("anomalies").EnumerateArray(), a => a.GetProperty("kind").GetString() == "ConflictingActas");
    }
}
