using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class TimetableFormsTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task NewEvent_LinkOfficer_AddsAMeetingLinkedToAnExerciseAndSeesIt()
    {
        await SignInAsync(DemoAccounts.Link, to: "timetable/events/new?year=2026");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "New timetable event")).ToBeVisibleAsync();

        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync("LINk assembly on stroke services");
        var first = Page.GetByLabel("First day", new() { Exact = true });
        await first.FillAsync("19/11/2026");
        await first.PressAsync("Tab");
        var start = Page.GetByLabel("Start time (optional)", new() { Exact = true });
        await start.FillAsync("18:30");
        await start.PressAsync("Tab");
        var end = Page.GetByLabel("End time (optional)", new() { Exact = true });
        await end.FillAsync("20:00");
        await end.PressAsync("Tab");
        await Page.GetByLabel("Find an exercise to link", new() { Exact = true }).FillAsync("stroke");
        // The list may first show every exercise and then, once the search has run, the matches: a click while it is being
        // redrawn can land on an option that is on its way out and choose nothing. Wait for the matches alone.
        var options = Page.GetByRole(AriaRole.Option);
        var stroke = options.Filter(new() { HasText = "Community stroke rehabilitation" });
        await Expect(stroke).ToHaveCountAsync(1);
        await Expect(options.Filter(new() { HasNotText = "stroke" })).ToHaveCountAsync(0);
        await stroke.ClickAsync();
        await Expect(Page.GetByTestId("linked-exercises")).ToContainTextAsync("Community stroke rehabilitation");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add the event", Exact = true }).ClickAsync();

        await Expect(Heading(Page, "LINk assembly on stroke services")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("when")).ToHaveTextAsync("Thu 19 Nov 2026, 18:30–20:00");
        await Expect(Page.GetByTestId("linked-exercises").GetByRole(AriaRole.Link)).ToHaveTextAsync("Community stroke rehabilitation");

        // The confirmation is checked too: asked for reduced motion, it appears at once, with no fade to measure halfway.
        await Expect(Page.Locator(".mud-snackbar")).ToBeVisibleAsync();
        await Page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task Cycles_Commissioner_GeneratesTheFourStageCycle()
    {
        await SignInAsync(DemoAccounts.Council, to: "timetable/cycles?year=2027");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Commissioning cycles")).ToBeVisibleAsync();

        await Page.GetByTestId("cycle").Filter(new() { HasText = "Commissioning cycle (four stages)" })
            .GetByRole(AriaRole.Button).ClickAsync();

        await Expect(Page.GetByTestId("generate-result")).ToContainTextAsync("Added 5 events to the 2027/28 timetable of Birmingham City Council Adults and Communities");
    }

    [Fact]
    public async Task AdminCycles_Admin_OpensATemplateToEdit()
    {
        await SignInAsync(DemoAccounts.Admin, to: "admin/cycles");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Commissioning cycles")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "World Class Commissioning engagement cycle", Exact = true }).ClickAsync();

        await Expect(Page.GetByLabel("Stage 5 name", new() { Exact = true })).ToHaveValueAsync("Monitoring and performance management");
        await Page.AssertAccessibleAsync();
    }
}
