using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class DarkModeTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Theory]
    [InlineData("directory", "Partnership directory")]
    [InlineData("exercises", "Engagement exercises")]
    [InlineData("joint-working", "Joint-working options")]
    [InlineData("timetable", "Annual timetable")]
    public async Task Page_InDarkMode_HasNoSeriousAccessibilityProblems(string path, string heading)
    {
        await SignInAsync(DemoAccounts.Link);
        await Page.GotoAsync(path);
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, heading)).ToBeVisibleAsync();

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
    }
}
