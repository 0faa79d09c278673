using System.Text.RegularExpressions;
using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>Whoever's turn it is finds out: on their home page, in the bell, and back again when the other side acts.</summary>
public sealed class NotificationJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private const string Exercise = "Urgent care in Northfield";

    [Fact]
    public async Task LinkProposesAnOption_CommissionerFindsItAtHomeAndInTheBellAndAgrees_LinksBellShowsTheAgreement()
    {
        // The LINk officer proposes a different option for an exercise the commissioner leads.
        await SignInAsync(DemoAccounts.Link, to: "exercises?show=all");
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = Exercise, Exact = true }).ClickAsync();
        await Expect(Heading(Page, Exercise)).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Propose a different option" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Propose how to work together" });
        await SetCheckedAsync(dialog.GetByRole(AriaRole.Radio, new() { Name = "Option 2: Contribute elements" }));
        await dialog.GetByLabel("Reasons", new() { Exact = true }).FillAsync("Our Northfield members reach people who never use the walk-in centre.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send proposal" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("agreement-status")).ToContainTextAsync("awaiting the commissioner's agreement");
        var linkBell = Page.GetByTestId("notification-bell");
        var linkBellBefore = await linkBell.GetAttributeAsync("aria-label");

        // The commissioner signs in and finds it first on the home page, and in the bell.
        var commissioner = await OpenPageAsync(1280, 800);
        await SignInAsync(commissioner, DemoAccounts.Commissioner);
        await WaitForInteractiveAsync(commissioner);
        var waiting = commissioner.GetByTestId("home-agreements");
        await Expect(waiting).ToContainTextAsync(Exercise);
        await Expect(commissioner.GetByTestId("notification-bell")).ToHaveAttributeAsync("aria-label", new Regex(@"^Notifications, \d+ unread$"));
        await Expect(commissioner.GetByTestId("home-changes")).ToContainTextAsync($"Option 2 proposed for \"{Exercise}\"");
        await waiting.GetByRole(AriaRole.Link, new() { NameRegex = new Regex(Regex.Escape(Exercise)) }).First.ClickAsync();
        await Expect(Heading(commissioner, Exercise)).ToBeVisibleAsync();
        await WaitForInteractiveAsync(commissioner);
        await commissioner.GetByRole(AriaRole.Button, new() { Name = "Agree option 2" }).ClickAsync();
        await commissioner.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Agree for ") }).ClickAsync();
        await Expect(commissioner.GetByTestId("agreement-status")).ToContainTextAsync("by Lena Khan for the LINk on");

        // The LINk officer's open page hears of it without navigating: the bell changes, and the centre says what happened.
        await Expect(linkBell).Not.ToHaveAttributeAsync("aria-label", linkBellBefore ?? "", new() { Timeout = 20_000 });
        await Page.GotoAsync("notifications");
        await Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync($"Option 2 agreed for \"{Exercise}\"");
    }
}
