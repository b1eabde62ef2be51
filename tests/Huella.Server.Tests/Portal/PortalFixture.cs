using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Elections.Totalization;
using Huella.Research.Simulation;
using Huella.Server.Auth;
using Huella.Server.Central;
using Huella.Server.Tests.Central;
using Huella.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Huella.Server.Tests.Portal;

/// <summary>
/// Central with its portal on a real socket on 127.0.0.1, counting an election defined by a real
/// definition file (one centre with a hostile name), fed over HTTP with signed actas: most mesas
/// counted, one with a second, conflicting acta, one with an altered copy refused, one transmitted
/// three hours after closing, one centre with no acta at all. The 2024 table is served under /2024.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    /// <summary>A centre name written to break out of HTML if anything printed it unencoded.</summary>
    public const string HostileName = "<script>alert('x')</script> & \"Liceo\" <b>";

    public const string FriendlyName = "Escuela Bolívar";

    private readonly string _folder = Directory.CreateTempSubdirectory("huella-portal-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000).AddMinutes(20));
    private WebApplication? _app;

    public SyntheticActas Actas { get; } = new(48, seed: 17);

    public Uri Address { get; private set; } = null!;

    public MesaId[] Mesas { get; private set; } = [];

    /// <summary>The mesa that received a second valid acta with other counts.</summary>
    public MesaId Conflicted => Mesas[5];

    /// <summary>The mesa whose altered copy central refused after counting the genuine one.</summary>
    public MesaId Refused => Mesas[6];

    /// <summary>The mesa whose acta reached central three hours after its closing.</summary>
    public MesaId Late => Mesas[7];

    /// <summary>The centre no acta came from.</summary>
    public CentreCode Silent => Mesas[^1].Centre;

    public CentreCode Hostile => Mesas[0].Centre;

    public CentreCode Friendly => Mesas[4].Centre;

    /// <summary>What an observer computes from the counted actas: the totals every page must show.</summary>
    public Totalizer Expected { get; } = new(CentralSetup.Contest.Candidates.Length);

    public Dictionary<MesaId, byte[]> Counted { get; } = [];

    public async Task InitializeAsync()
    {
        Mesas = [.. Actas.Mesas.OrderBy(m => m.Centre.Value).ThenBy(m => m.Number)];
        var definition = Path.Combine(_folder, "election.json");
        await File.WriteAllTextAsync(definition, DefinitionJson());
        var settings = CentralSetup.Configuration(_folder, Actas);
        settings.Add(new("Huella:Central:DefinitionFile", definition));
        settings.Add(new("Huella:Portal:RefreshSeconds", "0"));
        settings.Add(new("Huella:Portal:Ve2024Csv", SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv")));
        _app = await CentralServer.BuildAsync([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Services.AddSingleton<TimeProvider>(_time);
            builder.Configuration.AddInMemoryCollection(settings);
        });
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        await TransmitAsync();
    }

    public HttpClient Anonymous() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Actas.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task TransmitAsync()
    {
        using var station = ServerKeys.Client(Address, Roles.Station);
        async Task SendAsync(byte[] acta, System.Net.HttpStatusCode expected)
        {
            using var body = new ByteArrayContent(acta);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            var response = await station.PostAsync("/central/v1/actas", body);
            Assert.Equal(expected, response.StatusCode);
        }

        foreach (var mesa in Mesas.Where(m => m.Centre != Silent && m != Late))
        {
            var acta = Actas.ActaFor(mesa);
            var signed = Actas.Sign(acta);
            await SendAsync(signed, System.Net.HttpStatusCode.Created);
            Expected.Add(Huella.Elections.Central.CentralCount.ToResult(acta, CentralSetup.Contest));
            Counted[mesa] = signed;
        }

        await SendAsync(Actas.Sign(Actas.ActaFor(Conflicted)), System.Net.HttpStatusCode.Conflict);
        await SendAsync(CentralSetup.Altered(Counted[Refused]), System.Net.HttpStatusCode.UnprocessableEntity);

        _time.Advance(TimeSpan.FromHours(3));
        var late = Actas.ActaFor(Late);
        Counted[Late] = Actas.Sign(late);
        await SendAsync(Counted[Late], System.Net.HttpStatusCode.Created);
        Expected.Add(Huella.Elections.Central.CentralCount.ToResult(late, CentralSetup.Contest));
    }

    /// <summary>The election definition (docs/election-definition.md) over the synthetic mesas, 1,000 electors each.</summary>
    private string DefinitionJson()
    {
        var contest = CentralSetup.Contest;
        var states = Mesas.GroupBy(m => m.Centre.State).Select(s => new
        {
            code = s.Key,
            name = $"Estado {s.Key}",
            municipalities = s.GroupBy(m => m.Centre.Municipality).Select(mu => new
            {
                code = mu.Key,
                name = $"Municipio {s.Key}-{mu.Key}",
                parishes = mu.GroupBy(m => m.Centre.Parish).Select(p => new
                {
                    code = p.Key,
                    name = $"Parroquia {s.Key}-{mu.Key}-{p.Key}",
                    centres = p.GroupBy(m => m.Centre).Select(c => new
                    {
                        code = c.Key.Value % 1000,
                        name = c.Key == Hostile ? HostileName : c.Key == Friendly ? FriendlyName : string.Create(CultureInfo.InvariantCulture, $"Unidad Educativa {c.Key}"),
                        mesas = c.Select(m => new { number = m.Number, electors = 1000 }),
                    }),
                }),
            }),
        });
        return JsonSerializer.Serialize(new
        {
            id = SyntheticActas.Election,
            name = "Elección de prueba",
            date = "2027-01-15",
            contests = new[]
            {
                new
                {
                    id = "presidencia",
                    name = "Presidencia",
                    kind = "single-seat",
                    candidates = contest.Candidates.Select(c => new { code = c.Code, name = c.Name }),
                    cards = contest.Cards.Select(c => new { party = c.Party, candidate = contest.Candidates[c.CandidateIndex].Code }),
                },
            },
            geography = new { states },
        });
    }
}
