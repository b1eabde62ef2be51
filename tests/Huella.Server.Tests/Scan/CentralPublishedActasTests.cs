using System.Net;
using System.Net.Http.Headers;
using Huella.Elections.Actas;
using Huella.Elections.Scan;
using Huella.Server.Auth;
using Huella.Server.Tests.Central;

namespace Huella.Server.Tests.Scan;

/// <summary>What <c>huella actas scan --url</c> compares with: the acta central counted, read over HTTP from a real central.</summary>
public sealed class CentralPublishedActasTests(CentralFixture central) : IClassFixture<CentralFixture>
{
    [Fact]
    public async Task The_counted_acta_comes_back_with_its_numbers_and_an_unsent_mesa_with_nothing()
    {
        var counted = central.Actas.Mesas.ElementAt(10);
        var acta = central.Actas.ActaFor(counted);
        var signed = central.Actas.Sign(acta);
        using (var station = ServerKeys.Client(central.Address, Roles.Station))
        {
            using var body = new ByteArrayContent(signed);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            Assert.Equal(HttpStatusCode.Created, (await station.PostAsync("/central/v1/actas", body)).StatusCode);
        }

        using var observer = ServerKeys.Client(central.Address, Roles.Observer);
        var source = new CentralPublishedActas(observer);

        var found = await source.FindAsync(counted, 0);
        var missing = await source.FindAsync(central.Actas.Mesas.ElementAt(11), 0);

        Assert.NotNull(found);
        Assert.Equal(acta.CardVotes[0], found.Numbers["card.1"]);
        Assert.Equal(acta.RegisteredElectors, found.Numbers["registered"]);
        Assert.True(SignedActa.TryDecode(signed, out var decoded, out _));
        var (agrees, differences) = ObserverScan.Compare(ActaNumbers.Of(decoded!.Acta, null), found.Numbers);
        Assert.True(agrees);
        Assert.Empty(differences);
        Assert.Null(missing);
    }
}
