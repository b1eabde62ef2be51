using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Server.Portal;
using Huella.Testing;

namespace Huella.Server.Tests.Portal;

/// <summary>The portal over plain HTTP: what it shows, what it refuses, and that nothing it prints can carry markup.</summary>
public sealed class PortalPageTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    private static readonly NumberFormatInfo Spanish = PortalText.Spanish.Numbers;

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path, string? acceptLanguage = null, string? cookie = null)
    {
        using var client = portal.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task The_nation_page_is_anonymous_spanish_html_with_the_totals_an_observer_recomputes()
    {
        var (status, body, response) = await GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<!DOCTYPE html><html lang=\"es\">", body, StringComparison.Ordinal);
        var nation = portal.Expected.Nation;
        for (var c = 0; c < nation.CandidateVotes.Length; c++)
        {
            Assert.Contains($">{nation.CandidateVotes[c].ToString("N0", Spanish)}</td>", body, StringComparison.Ordinal);
        }

        // 44 of 48 mesas counted (one centre silent, 4 mesas), over the definition's 48,000 electors.
        Assert.Contains($"<dd>{portal.Expected.Nation.Mesas} de 48</dd>", body, StringComparison.Ordinal);
        Assert.Contains("<dd>48.000</dd>", body, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_level_below_the_nation_sums_its_own_mesas()
    {
        var mesa = portal.Mesas[9];
        foreach (var level in new[] { GeoLevel.State, GeoLevel.Municipality, GeoLevel.Parish, GeoLevel.Centre })
        {
            var prefix = mesa.Centre.PrefixAt(level);
            var (status, body, _) = await GetAsync($"/area/{PortalContext.AreaCode(level, prefix)}");
            Assert.Equal(HttpStatusCode.OK, status);
            var tally = portal.Expected.At(level)[prefix];
            Assert.Contains($">{tally.CandidateVotes[0].ToString("N0", Spanish)}</td>", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/mesa/010101001.99")]
    [InlineData("/mesa/not-a-mesa")]
    [InlineData("/area/99")]
    [InlineData("/area/12345")]
    [InlineData("/2024/mesa/010101001.99")]
    [InlineData("/mesa/010101001.01/0/acta.pdf")]
    public async Task An_unknown_mesa_or_area_is_404(string path)
    {
        var (status, body, _) = await GetAsync(path.Replace("010101001.01", portal.Mesas[^1].ToString(), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, status);
        if (!path.EndsWith(".pdf", StringComparison.Ordinal))
        {
            Assert.Contains("<h1>No encontrado</h1>", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_hostile_centre_name_is_printed_encoded_everywhere_it_appears()
    {
        var pages = new[]
        {
            $"/area/{portal.Hostile}",
            $"/area/{PortalContext.AreaCode(GeoLevel.Parish, portal.Hostile.PrefixAt(GeoLevel.Parish))}",
            $"/mesa/{portal.Mesas[0]}",
            "/search?q=script",
            "/search?q=%3Cscript%3E",
        };
        foreach (var page in pages)
        {
            var (status, body, _) = await GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Liceo&quot; &lt;b&gt;", body, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<b>", body, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("PUT", "/mesa/010101001.01")]
    [InlineData("DELETE", "/mesa/010101001.01")]
    [InlineData("POST", "/search")]
    [InlineData("PATCH", "/2024")]
    [InlineData("POST", "/missing")]
    public async Task No_write_method_is_accepted(string method, string path)
    {
        using var client = portal.Anonymous();
        using var content = new StringContent("q=x");
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path.Replace("010101001.01", portal.Mesas[0].ToString(), StringComparison.Ordinal)) { Content = content });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task English_comes_from_accept_language_or_the_switch_which_a_cookie_remembers()
    {
        var (_, english, _) = await GetAsync("/", "en-GB,en;q=0.9,es;q=0.5");
        Assert.StartsWith("<!DOCTYPE html><html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains(">Results</a>", english, StringComparison.Ordinal);
        var (_, spanish, _) = await GetAsync("/", "fr, es;q=0.8, en;q=0.5");
        Assert.StartsWith("<!DOCTYPE html><html lang=\"es\">", spanish, StringComparison.Ordinal);

        var (_, switched, response) = await GetAsync("/missing?lang=en", "es");
        Assert.Contains("<h1>Missing and late mesas</h1>", switched, StringComparison.Ordinal);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{PortalLanguage.Cookie}=en", cookie, StringComparison.Ordinal);
        var (_, remembered, _) = await GetAsync("/anomalies", "es", $"{PortalLanguage.Cookie}=en");
        Assert.Contains("<h1>Anomalies</h1>", remembered, StringComparison.Ordinal);
        Assert.Contains("href=\"/anomalies?lang=es\"", remembered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_mesa_page_shows_its_acta_its_signatures_and_every_version_with_the_conflict()
    {
        var (status, body, _) = await GetAsync($"/mesa/{portal.Conflicted}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(PortalText.Spanish.ConflictNotice, body, StringComparison.Ordinal);
        Assert.Contains(PortalText.Spanish.Conflicting, body, StringComparison.Ordinal);
        Assert.Contains($"machine {portal.Conflicted}", body, StringComparison.Ordinal);
        Assert.Contains($"president {portal.Conflicted}", body, StringComparison.Ordinal);
        Assert.Contains("1 firmas de miembros de mesa; se requieren 1.", body, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalText.Spanish.SignatureFails, body, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(portal.Counted[portal.Conflicted])), body, StringComparison.Ordinal);

        var (_, refused, _) = await GetAsync($"/mesa/{portal.Refused}");
        Assert.Contains(PortalText.Spanish.Rejected, refused, StringComparison.Ordinal);
        Assert.Contains("BadSignature", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_qr_image_carries_the_counted_acta_and_the_pdf_is_its_printed_page()
    {
        using var client = portal.Anonymous();
        var mesa = portal.Mesas[9];
        var png = await client.GetByteArrayAsync($"/mesa/{mesa}/0/qr.png");
        var image = ImageDecoder.Decode(png);
        var read = ActaQr.Read(image.Pixels.ToArray(), image.Width, image.Height);
        Assert.Equal(portal.Counted[mesa], read);
        Assert.True(ActaVerifier.Verify(read, portal.Actas.Keys).IsValid);

        var pdf = await client.GetAsync($"/mesa/{mesa}/0/acta.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync()).AsSpan(0, 5)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_and_late_mesas_are_listed()
    {
        var (_, body, _) = await GetAsync("/missing");
        foreach (var mesa in portal.Mesas.Where(m => m.Centre == portal.Silent))
        {
            Assert.Contains($">{mesa}</a>", body, StringComparison.Ordinal);
        }

        Assert.Contains("Presidencia: 4.", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/mesa/{portal.Late}\"", body, StringComparison.Ordinal);
        Assert.Contains("0.03:20:00", body, StringComparison.Ordinal);

        var (_, anomalies, _) = await GetAsync("/anomalies");
        Assert.Contains($">{portal.Conflicted}</a>", anomalies, StringComparison.Ordinal);
        Assert.Contains(PortalText.Spanish.ConflictingActas, anomalies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_goes_straight_to_a_code_and_finds_names_without_accents()
    {
        var (status, _, response) = await GetAsync($"/search?q={portal.Mesas[3]}");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal($"/mesa/{portal.Mesas[3]}", response.Headers.Location?.OriginalString);
        (status, _, response) = await GetAsync($"/search?q={portal.Friendly}");
        Assert.Equal($"/area/{portal.Friendly}", response.Headers.Location?.OriginalString);

        var (_, body, _) = await GetAsync("/search?q=bolivar");
        Assert.Contains($"href=\"/area/{portal.Friendly}\">{PortalFixture.FriendlyName}</a>", body, StringComparison.Ordinal);
        var (_, nothing, _) = await GetAsync("/search?q=zzzz");
        Assert.Contains("Nada coincide con «zzzz».", nothing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_2024_table_is_served_read_only_with_its_published_totals()
    {
        var rows = Huella.Elections.Ve2024.ResultadosCsv.Read(SharedData.PathOf("elections", "ve-2024", "RESULTADOS_2024_CSV_V1.csv"));
        var (status, body, _) = await GetAsync("/2024");
        Assert.Equal(HttpStatusCode.OK, status);
        var gonzalez = rows.Sum(r => (long)r.Result.CandidateVotes[0]);
        Assert.Contains($">{gonzalez.ToString("N0", Spanish)}</td>", body, StringComparison.Ordinal);
        Assert.Contains("24.532 de las 30.026 mesas instaladas", body, StringComparison.Ordinal);

        var first = rows[0];
        var (mesaStatus, mesa, _) = await GetAsync($"/2024/mesa/{first.Result.Mesa}");
        Assert.Equal(HttpStatusCode.OK, mesaStatus);
        Assert.Contains($"href=\"{first.ActaImage}\"", mesa, StringComparison.Ordinal);
        Assert.Contains(PortalText.Spanish.NoSignatures2024, mesa, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"/2024/mesa/{first.Result.Mesa}/0/qr.png")).Status);
        var (_, state, _) = await GetAsync("/2024/area/01");
        Assert.Contains("DTTO. CAPITAL", state, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cne_2024_strip_scanned_at_central_is_compared_with_the_2024_table_and_a_huella_acta_with_the_archive()
    {
        async Task<JsonElement> ScanAsync(byte[] payload)
        {
            var (pixels, size) = ActaQr.Render(ActaQr.Modules(payload), 4);
            using var client = portal.Anonymous();
            using var form = new MultipartFormDataContent { { new ByteArrayContent(ImageEncoder.EncodePng(new GrayImage(size, size, pixels))), "photo", "acta.png" } };
            using var response = await client.PostAsync("/scan", form);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var line = File.ReadLines(SharedData.PathOf("elections", "ve-2024", "acta-qr-payloads.txt")).First(l => l.Length > 0);
        var strip = await ScanAsync(Encoding.ASCII.GetBytes(line));
        Assert.Equal("cne-2024", strip.GetProperty("format").GetString());
        Assert.Equal("the 2024 results table", strip.GetProperty("published").GetString());

        var mesa = portal.Counted.Keys.First();
        var acta = await ScanAsync(portal.Counted[mesa]);
        Assert.Equal(("huella", "agrees"), (acta.GetProperty("format").GetString(), acta.GetProperty("outcome").GetString()));
        Assert.NotEqual("the 2024 results table", acta.GetProperty("published").GetString());
    }
}
