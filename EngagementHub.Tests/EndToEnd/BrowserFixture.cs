using Microsoft.Playwright;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// One headless Chromium for the whole end-to-end run: launching a browser costs far more than a fresh context,
/// and contexts keep tests' cookies apart. Debian's Chromium is used because <c>playwright install</c> cannot
/// download here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Generous enough for a loaded CI machine, short enough that a real hang fails the run quickly.
    private const float TimeoutMs = 15_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(TimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = FindChromium(),
            Headless = true,
            // No sandbox inside containers; the rest keeps Chromium from phoning home or stalling on first-run work.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh, cookie-less browser context on the app, in light mode and British English like the screenshots.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = ColorScheme.Light,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        context.SetDefaultTimeout(TimeoutMs);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
    }

    private static string FindChromium()
    {
        const string debian = "/usr/bin/chromium";
        if (File.Exists(debian))
        {
            return debian;
        }

        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .FirstOrDefault(File.Exists);
        return onPath ?? throw new InvalidOperationException("No Chromium found at /usr/bin/chromium or on PATH; install Debian's chromium package.");
    }
}

/// <summary>
/// All browser tests share one Chromium and run one after another: they are few, and running them in parallel
/// with each other would only make timings (and failures) harder to read.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "End to end";
}
