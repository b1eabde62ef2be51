using Microsoft.Playwright;

namespace Huella.Server.Tests.Portal;

/// <summary>
/// A real headless Chromium driven by Playwright: Debian's <c>chromium</c> (HUELLA_CHROMIUM, set by
/// test.sh, else /usr/bin/chromium), never a browser Playwright downloads. No browser is a failure.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath =>
        Environment.GetEnvironmentVariable("HUELLA_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        var path = ChromiumPath;
        Assert.True(File.Exists(path), $"No Chromium at {path}: install Debian's chromium (test.sh does) or set HUELLA_CHROMIUM.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = path, Headless = true });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
