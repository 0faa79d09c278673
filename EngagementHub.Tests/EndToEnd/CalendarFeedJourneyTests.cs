using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class CalendarFeedJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task CalendarFeeds_EditorCreatesAFeedSubscribesThenRevokesIt()
    {
        await SignInAsync(DemoAccounts.Commissioner, to: "calendar");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Calendar feeds")).ToBeVisibleAsync();
        await Expect(Page.GetByLabel("Address of the public feed", new() { Exact = true })).ToHaveValueAsync(new Uri(App.BaseAddress, "calendar/public.ics").ToString());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Create a feed for NHS South Birmingham", Exact = true }).ClickAsync();
        var address = Page.GetByLabel("Address of your new private feed", new() { Exact = true });
        await Expect(address).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"/calendar/feeds/[0-9a-f]{48}\.ics$"));
        await Page.AssertAccessibleAsync();
        var url = await address.InputValueAsync();

        var feed = await Page.APIRequest.GetAsync(url);
        Assert.Equal(200, feed.Status);
        Assert.StartsWith("text/calendar", feed.Headers["content-type"]);
        Assert.Contains("BEGIN:VCALENDAR", await feed.TextAsync());

        await Page.GetByRole(AriaRole.Button, new() { Name = "Revoke NHS South Birmingham's feed", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(Page.GetByTestId("no-feeds")).ToBeVisibleAsync();

        Assert.Equal(404, (await Page.APIRequest.GetAsync(url)).Status);
    }
}
