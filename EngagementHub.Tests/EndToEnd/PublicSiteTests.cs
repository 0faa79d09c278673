using System.Text.RegularExpressions;
using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>The public site in a real browser, without signing in, at desktop and phone widths.</summary>
public sealed partial class PublicSiteTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private static readonly string[] Pages =
    [
        "public", "public/timetable", "public/timetable?kind=DecisionPoint", "public/exercises", "public/data", "public/accessibility",
        "public/you-said-we-did", "public/you-said-we-did?status=Done", "public/responsiveness", "public/decisions",
    ];

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task PublicPages_Anonymous_HaveNoAxeViolationsAndNoSidewaysScrolling(int width, int height)
    {
        var page = width == 1280 ? Page : await OpenPageAsync(width, height);
        await page.GotoAsync("public/exercises");
        var exercise = await page.Locator("main h3 a").First.GetAttributeAsync("href");

        foreach (var path in Pages.Append(exercise!.TrimStart('/')))
        {
            var response = await page.GotoAsync(path);

            Assert.Equal(200, response!.Status);
            await Expect(page.Locator("h1")).ToHaveCountAsync(1);
            await page.AssertAccessibleAsync(anyImpact: true);
            var (scrollWidth, viewport) = await ScrollWidthAsync(page);
            Assert.True(scrollWidth <= viewport, $"{path} at {width}px is {scrollWidth}px wide");
        }
    }

    [Fact]
    public async Task TimetableFilter_WithoutScript_ShowsOnlyTheChosenOrganisationsDates()
    {
        await Page.GotoAsync("public/timetable");
        var all = await Page.Locator("main li[id^=event-]").CountAsync();

        await Page.GetByLabel("Organisation").SelectOptionAsync(new SelectOptionValue { Label = "NHS South Birmingham" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(OrgInQuery());
        var shown = Page.Locator("main li[id^=event-]");
        Assert.InRange(await shown.CountAsync(), 1, all - 1);
        // Each date's third line names its organisation and kind.
        Assert.All(await Page.Locator("main li[id^=event-] > p:nth-of-type(3)").AllTextContentsAsync(),
            meta => Assert.StartsWith("NHS South Birmingham ·", meta));

        // The data links carry the same filter.
        var csv = await Page.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }).GetAttributeAsync("href");
        Assert.Matches(OrgInQuery(), csv!);
        await Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Public pages" }).GetByRole(AriaRole.Link, new() { Name = "Timetable" }))
            .ToHaveAttributeAsync("aria-current", "page");
    }

    private static async Task<(int ScrollWidth, int Viewport)> ScrollWidthAsync(IPage page)
    {
        var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return (sizes[0], sizes[1]);
    }

    [GeneratedRegex(@"[?&]org=\d+")]
    private static partial Regex OrgInQuery();
}
