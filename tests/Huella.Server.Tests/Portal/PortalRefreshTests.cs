using System.Net;
using System.Net.Http.Headers;
using Huella.Research.Simulation;
using Huella.Server.Auth;
using Huella.Server.Central;
using Huella.Server.Tests.Central;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Server.Tests.Portal;

/// <summary>How fresh the portal's figures are (<c>RefreshSeconds</c>, on central's clock), and the portal settings central refuses to start with.</summary>
public sealed class PortalRefreshTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("huella-portal-refresh-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_page_shows_a_new_acta_once_the_refresh_interval_has_passed()
    {
        using var actas = new SyntheticActas(48, seed: 5);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var settings = CentralSetup.Configuration(_folder, actas);
        settings.Add(new("Huella:Portal:RefreshSeconds", "60"));
        await using var app = await CentralServer.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        using var reader = new HttpClient { BaseAddress = address };
        using var station = ServerKeys.Client(address, Roles.Station);
        async Task TransmitAsync(int i)
        {
            using var body = new ByteArrayContent(actas.Sign(actas.ActaFor(actas.Mesas.ElementAt(i))));
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            Assert.Equal(HttpStatusCode.Created, (await station.PostAsync("/central/v1/actas", body)).StatusCode);
        }

        await TransmitAsync(0);
        Assert.Contains("<dd>1 de 48</dd>", await reader.GetStringAsync("/"), StringComparison.Ordinal);
        await TransmitAsync(1);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Contains("<dd>1 de 48</dd>", await reader.GetStringAsync("/"), StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("<dd>2 de 48</dd>", await reader.GetStringAsync("/"), StringComparison.Ordinal);

        // The mesa page reads the archive itself: it is never behind.
        await TransmitAsync(2);
        Assert.Contains(Huella.Server.Portal.PortalText.Spanish.StatusCounted, await reader.GetStringAsync($"/mesa/{actas.Mesas.ElementAt(2)}"), StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("Huella:Portal:Ve2024Csv", "/no/such/RESULTADOS.csv", "Huella:Portal:Ve2024Csv: cannot read '/no/such/RESULTADOS.csv'")]
    [InlineData("Huella:Portal:RefreshSeconds", "-1", "Huella:Portal:RefreshSeconds must be a number of seconds, 0 or more")]
    [InlineData("Huella:Portal:LateAfterMinutes", "NaN", "Huella:Portal:LateAfterMinutes must be a number of minutes, 0 or more")]
    public async Task A_portal_setting_central_cannot_start_with_names_itself(string setting, string value, string message)
    {
        using var actas = new SyntheticActas(48, seed: 6);
        var settings = CentralSetup.Configuration(_folder, actas);
        settings.Add(new(setting, value));
        var refused = await Assert.ThrowsAsync<CentralStartupException>(() => CentralServer.BuildAsync([], builder => builder.Configuration.AddInMemoryCollection(settings)));
        Assert.StartsWith(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(CentralStartupException.BadConfiguration, refused.ExitCode);
    }
}
