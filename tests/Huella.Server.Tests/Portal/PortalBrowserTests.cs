using Deque.AxeCore.Playwright;
using Huella.Biometrics.Imaging;
using Huella.Elections.Actas;
using Huella.Elections.Geography;
using Huella.Server.Portal;
using Microsoft.Playwright;

namespace Huella.Server.Tests.Portal;

/// <summary>
/// The portal as a reader uses it, in a real headless browser: from the nation to a mesa by clicking
/// links, the search box, the language switch, the downloads; axe finds no serious or critical
/// accessibility violation on any page.
/// </summary>
public sealed class PortalBrowserTests(PortalFixture portal, BrowserFixture browser) : IClassFixture<PortalFixture>, IClassFixture<BrowserFixture>
{
    private async Task<IPage> OpenAsync(string locale = "es-VE")
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.Address.ToString(), Locale = locale, JavaScriptEnabled = true });
        return await context.NewPageAsync();
    }

    /// <summary>Runs axe on the page as it is and fails on any serious or critical violation, naming each.</summary>
    private static async Task AccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        Assert.NotEmpty(result.Passes);
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{page.Url}: " + string.Join("; ", bad.Select(v => $"{v.Impact} {v.Id}: {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    private static async Task<string> HeadingAsync(IPage page) => (await page.Locator("h1").InnerTextAsync()).Trim();

    [Fact]
    public async Task A_reader_clicks_from_the_nation_down_to_a_mesa_and_every_page_is_accessible()
    {
        var page = await OpenAsync();
        await page.GotoAsync("/");
        Assert.Equal("Elección de prueba", await HeadingAsync(page));
        await AccessibleAsync(page);

        var mesa = portal.Late;
        string[] steps =
        [
            $"Estado {mesa.Centre.State}",
            $"Municipio {mesa.Centre.State}-{mesa.Centre.Municipality}",
            $"Parroquia {mesa.Centre.State}-{mesa.Centre.Municipality}-{mesa.Centre.Parish}",
            PortalFixture.FriendlyName,
        ];
        foreach (var step in steps)
        {
            await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = step, Exact = true }).ClickAsync();
            Assert.Equal(step, await HeadingAsync(page));
            await AccessibleAsync(page);
        }

        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = mesa.ToString(), Exact = true }).ClickAsync();
        Assert.Equal($"Mesa {mesa}", await HeadingAsync(page));
        Assert.True(await page.Locator("img.qr").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the QR image did not load");
        await AccessibleAsync(page);

        // Back up by the breadcrumbs.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Ruta" }).GetByRole(AriaRole.Link, new() { Name = "Nación" }).ClickAsync();
        Assert.Equal("Elección de prueba", await HeadingAsync(page));
    }

    [Fact]
    public async Task The_search_box_finds_a_centre_by_name_and_a_mesa_by_code()
    {
        var page = await OpenAsync();
        await page.GotoAsync("/");
        await page.GetByLabel(PortalText.Spanish.SearchLabel).FillAsync("bolivar");
        await page.GetByLabel(PortalText.Spanish.SearchLabel).PressAsync("Enter");
        await page.WaitForURLAsync("**/search?q=bolivar");
        await AccessibleAsync(page);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = PortalFixture.FriendlyName }).ClickAsync();
        Assert.Equal(PortalFixture.FriendlyName, await HeadingAsync(page));

        await page.GetByLabel(PortalText.Spanish.SearchLabel).FillAsync(portal.Mesas[2].ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Spanish.SearchButton }).ClickAsync();
        await page.WaitForURLAsync($"**/mesa/{portal.Mesas[2]}");
        Assert.Equal($"Mesa {portal.Mesas[2]}", await HeadingAsync(page));
    }

    [Fact]
    public async Task The_language_switch_turns_the_site_to_english_and_it_stays_english()
    {
        var page = await OpenAsync();
        await page.GotoAsync("/");
        Assert.Equal("es", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = PortalText.Spanish.SwitchLanguage }).ClickAsync();
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await AccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = PortalText.English.NavMissing }).ClickAsync();
        Assert.Equal(PortalText.English.MissingTitle, await HeadingAsync(page));
        Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
        await page.GetByRole(AriaRole.Link, new() { Name = PortalText.English.SwitchLanguage }).ClickAsync();
        Assert.Equal(PortalText.Spanish.MissingTitle, await HeadingAsync(page));
    }

    [Fact]
    public async Task The_downloads_of_a_mesa_page_are_the_counted_acta()
    {
        var page = await OpenAsync();
        var mesa = portal.Mesas[10];
        await page.GotoAsync($"/mesa/{mesa}");
        var pdfHref = await page.GetByRole(AriaRole.Link, new() { Name = PortalText.Spanish.PrintedPdf }).GetAttributeAsync("href");
        var pdf = await page.APIRequest.GetAsync(pdfHref!);
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync()).AsSpan(0, 5)), StringComparison.Ordinal);

        var qrHref = await page.GetByRole(AriaRole.Link, new() { Name = PortalText.Spanish.QrPng }).GetAttributeAsync("href");
        var image = ImageDecoder.Decode(await (await page.APIRequest.GetAsync(qrHref!)).BodyAsync());
        var acta = ActaQr.Read(image.Pixels.ToArray(), image.Width, image.Height);
        Assert.Equal(portal.Counted[mesa], acta);
        var check = ActaVerifier.Verify(acta, portal.Actas.Keys);
        Assert.True(check.IsValid, check.Reason);
        Assert.Equal(mesa, check.Acta!.Mesa);
    }

    [Fact]
    public async Task An_observer_uploads_a_photo_of_a_counted_acta_and_reads_that_it_agrees()
    {
        var page = await OpenAsync();
        await page.GotoAsync("/scan");
        await AccessibleAsync(page);
        var mesa = portal.Counted.Keys.First();
        var (pixels, size) = ActaQr.Render(ActaQr.Modules(portal.Counted[mesa]), 4);
        var photo = Path.Combine(Path.GetTempPath(), $"huella-scan-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, ImageEncoder.EncodePng(new GrayImage(size, size, pixels)));
        try
        {
            await page.Locator("#photo").SetInputFilesAsync(photo);
            await page.GetByRole(AriaRole.Button, new() { Name = "Verificar" }).ClickAsync();
            var result = page.Locator("section.scan-result");
            Assert.Contains("scan-agrees", await result.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
            Assert.Contains(mesa.ToString(), await result.InnerTextAsync(), StringComparison.Ordinal);
            await AccessibleAsync(page);
        }
        finally
        {
            File.Delete(photo);
        }
    }

    [Theory]
    [InlineData("/scan")]
    [InlineData("/2024/forensica")]
    [InlineData("/2024/forensica?lang=en")]
    [InlineData("/missing")]
    [InlineData("/anomalies")]
    [InlineData("/search?q=liceo")]
    [InlineData("/search")]
    [InlineData("/mesa/conflicted")]
    [InlineData("/mesa/010101001.99")]
    [InlineData("/2024")]
    [InlineData("/2024/area/01")]
    [InlineData("/2024/area/0101")]
    [InlineData("/2024/missing")]
    [InlineData("/2024/anomalies")]
    [InlineData("/2024/mesa/10113042.01")]
    [InlineData("/?lang=en")]
    public async Task Every_other_page_has_no_serious_accessibility_violation(string path)
    {
        var page = await OpenAsync();
        var response = await page.GotoAsync(path.Replace("conflicted", portal.Conflicted.ToString(), StringComparison.Ordinal));
        Assert.NotNull(response);
        Assert.Equal(path.EndsWith(".99", StringComparison.Ordinal) ? 404 : 200, response.Status);
        await AccessibleAsync(page);
    }
}
