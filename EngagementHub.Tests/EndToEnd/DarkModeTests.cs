using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class DarkModeTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    /// <summary>
    /// Dark mode chosen on one page stays on as the person moves around the app, and each page in it has no serious
    /// accessibility problem (contrast above all: the pages' own colours against the dark palette).
    /// </summary>
    [Fact]
    public async Task DarkMode_ChosenOnOnePage_StaysOnAndEachPageHasNoSeriousAccessibilityProblems()
    {
        (string Path, string Heading)[] pages =
        [
            ("directory", "Partnership directory"), ("exercises", "Engagement exercises"),
            ("joint-working", "Joint-working options"), ("timetable", "Annual timetable"),
        ];
        await SignInAsync(DemoAccounts.Link, to: pages[0].Path);
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, pages[0].Heading)).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        // The button's words change before the new palette reaches every element: wait until the navigation's text is
        // light (dark mode's) before axe measures contrast, or it may catch the light theme's dark text on the dark drawer.
        await Page.WaitForFunctionAsync("""
            () => { const c = getComputedStyle(document.querySelector('.mud-nav-link-text')).color.match(/\d+/g).map(Number);
                    return (c[0] + c[1] + c[2]) / 3 > 128; }
            """);
        // Move away from the button so its tooltip closes: axe would otherwise measure it half-faded.
        await Page.Mouse.MoveAsync(600, 700);
        await Expect(Page.Locator(".mud-tooltip.mud-popover-open")).ToHaveCountAsync(0);
        await Page.AssertAccessibleAsync();

        foreach (var (path, heading) in pages.Skip(1))
        {
            await GoWithinAppAsync(Page, path);
            await Expect(Heading(Page, heading)).ToBeVisibleAsync();
            await WaitForLoadedAsync(Page);
            await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
            await Page.AssertAccessibleAsync();
        }
    }
}
