using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>The public site in a real browser, without signing in, at desktop and phone widths.</summary>
public sealed partial class PublicSiteTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    // Every page of the public site's menu (the joint reviews were once left out, and scrolled sideways on a phone), and
    // the filtered views whose lists differ.
    private static readonly string[] Pages =
    [
        .. EngagementHub.Web.Components.Pages.Public.PublicPages.All.Select(p => p.Href.TrimStart('/')),
        "public/timetable?kind=DecisionPoint", "public/you-said-we-did?status=Done",
    ];

    /// <summary>
    /// Each public page at a desktop's width and a phone's: no axe finding of any impact, one heading, nothing scrolling
    /// sideways. The public site has no script, so a page's layout at a width is its style sheet's alone: each page is
    /// loaded once at a desktop's width and checked, then narrowed to a phone's in place and checked again, as a page
    /// loaded at that width would be laid out.
    /// </summary>
    [Fact]
    public async Task PublicPages_Anonymous_AtDesktopAndPhoneWidths_HaveNoAxeViolationsAndNoSidewaysScrolling()
    {
        await Page.GotoAsync("public/exercises");
        var exercise = await Page.Locator("main h3 a").First.GetAttributeAsync("href");

        foreach (var path in Pages.Append(exercise!.TrimStart('/')))
        {
            await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
            var response = await Page.GotoAsync(path);

            Assert.Equal(200, response!.Status);
            await Expect(Page.Locator("h1")).ToHaveCountAsync(1);
            await AtDesktopThenPhoneAsync(Page, async width =>
            {
                await Page.AssertAccessibleAsync(anyImpact: true);
                var overflow = await SidewaysOverflowAsync(Page);
                Assert.True(overflow <= 0, $"{path} at {width}px is {width + overflow}px wide");
                Assert.True(await WordsBrokenInTablesAsync(Page) is [], $"{path} at {width}px breaks words in its tables: {string.Join(", ", await WordsBrokenInTablesAsync(Page))}");
            });
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

    [GeneratedRegex(@"[?&]org=\d+")]
    private static partial Regex OrgInQuery();
}
