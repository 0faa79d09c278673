using Microsoft.Playwright;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// One headless Chromium shared by every browser test class running at the time: launching a browser costs far more
/// than a fresh context, and contexts keep tests' cookies apart. Each class holds it as a class fixture; the first to
/// start launches it and the last to finish closes it, so classes can run in parallel (each on its own app and database,
/// see <see cref="LiveApp"/>). Debian's Chromium is used because <c>playwright install</c> cannot download here.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Generous enough for a loaded CI machine, short enough that a real hang fails the run quickly.
    private const float TimeoutMs = 15_000;

    private static readonly SemaphoreSlim Shared = new(1, 1);
    private static IPlaywright? _playwright;
    private static IBrowser? _browser;
    private static int _holders;

    private IBrowser? _held;

    public IBrowser Browser => _held ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        await Shared.WaitAsync();
        try
        {
            if (_browser is null)
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

            _holders++;
            _held = _browser;
        }
        finally
        {
            Shared.Release();
        }
    }

    /// <summary>A fresh, cookie-less browser context on the app, in light mode, British English and reduced motion.</summary>
    public async Task<IBrowserContext> NewContextAsync(Uri baseAddress, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            ColorScheme = ColorScheme.Light,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            // Menus, dialogs and toasts appear at once, so axe and the tests never catch one half faded in.
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(TimeoutMs);
        return context;
    }

    public async Task DisposeAsync()
    {
        if (_held is null)
        {
            return;
        }

        await Shared.WaitAsync();
        try
        {
            _held = null;
            if (--_holders == 0)
            {
                await _browser!.CloseAsync();
                _browser = null;
                _playwright!.Dispose();
                _playwright = null;
            }
        }
        finally
        {
            Shared.Release();
        }
    }

    /// <summary>
    /// Debian's <c>chromium-headless-shell</c> (Chromium's own headless build, the one Playwright itself uses for headless
    /// runs) when it is installed: it draws pages as the full browser does but has no browser window behind them, which
    /// took a fifth less CPU over the page sweep. The full <c>chromium</c> otherwise.
    /// </summary>
    private static string FindChromium()
    {
        string[] names = ["chromium-headless-shell", "chromium", "chromium-browser"];
        var found = names
            .SelectMany(name => new[] { Path.Combine("/usr/bin", name) }
                .Concat((System.Environment.GetEnvironmentVariable("PATH") ?? "")
                    .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                    .Select(dir => Path.Combine(dir, name))))
            .FirstOrDefault(File.Exists);
        return found ?? throw new InvalidOperationException(
            "No Chromium found in /usr/bin or on PATH; install Debian's chromium-headless-shell (or chromium) package.");
    }
}

/// <summary>
/// Kept for test classes that name it: browser test classes no longer need a collection of their own to share one
/// Chromium (<see cref="BrowserFixture"/>), and a class in it runs one after another with the others in it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "End to end";
}
