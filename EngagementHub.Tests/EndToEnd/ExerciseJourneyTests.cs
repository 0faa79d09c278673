using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class ExerciseJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task CommissionerProposesOptionTwo_LinkOfficerAgrees_BothSeeItAgreed()
    {
        // The commissioner creates an exercise and proposes option 2 with reasons.
        await SignInAsync(DemoAccounts.Commissioner, to: "exercises");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Engagement exercises")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Engagement exercises" })).ToContainTextAsync("Maternity choices");
        await Screenshots.SaveAsync(Page, "exercises.png");

        await Page.GetByRole(AriaRole.Link, new() { Name = "New exercise" }).ClickAsync();
        await Expect(Heading(Page, "New engagement exercise")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync("Community pharmacy opening hours");
        await Page.GetByLabel("Purpose", new() { Exact = true }).FillAsync("Ask people in the south of the city when they need a pharmacy open.");
        await Page.GetByLabel("Decision it informs", new() { Exact = true }).FillAsync("Pharmaceutical needs assessment");
        // Each date as a person might type it.
        await FillDateAsync("Start", "5/10/26");
        await FillDateAsync("End", "27 November 2026");
        await FillDateAsync("Decision date (optional)", "2027-01-14");
        await Expect(Page.GetByTestId("understood-date").Nth(0)).ToHaveTextAsync("Monday 5 October 2026");
        await Screenshots.SaveAsync(Page, "exercise-form.png");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create exercise" }).ClickAsync();

        await Expect(Heading(Page, "Community pharmacy opening hours")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        var exerciseUrl = Page.Url;
        await Page.GetByRole(AriaRole.Button, new() { Name = "Propose an option" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Propose how to work together" });
        await SetCheckedAsync(dialog.GetByRole(AriaRole.Radio, new() { Name = "Option 2: Contribute elements" }));
        await Expect(dialog).ToContainTextAsync("Draws on respective strengths");
        await Page.AssertAccessibleAsync();
        await dialog.GetByLabel("Reasons", new() { Exact = true }).FillAsync("The LINk's member groups reach housebound people we never hear from.");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send proposal" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        var status = Page.GetByTestId("agreement-status");
        await Expect(status).ToContainTextAsync("by Colin Marsh for the commissioner");
        await Expect(status).ToContainTextAsync("awaiting the LINk's agreement");

        // The LINk officer, in a browser of their own, agrees it.
        var linkPage = await OpenPageAsync(1280, 800);
        await SignInAsync(linkPage, DemoAccounts.Link, to: exerciseUrl);
        await WaitForInteractiveAsync(linkPage);
        await Expect(linkPage.GetByTestId("current-option")).ToContainTextAsync("Option 2: Contribute elements");
        await linkPage.GetByRole(AriaRole.Button, new() { Name = "Agree option 2" }).ClickAsync();
        // Agreeing binds the LINk: the app says what it means and asks.
        var confirm = linkPage.GetByRole(AriaRole.Dialog, new() { Name = "Agree option 2 for Birmingham LINk?" });
        await Expect(confirm).ToContainTextAsync("both sides have then agreed it");
        // Focus starts on the button that keeps things as they are: Enter alone never binds the LINk.
        await Expect(confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true })).ToBeFocusedAsync();
        await linkPage.AssertAccessibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Agree for Birmingham LINk" }).ClickAsync();
        await Expect(confirm).ToBeHiddenAsync();
        var linkStatus = linkPage.GetByTestId("agreement-status");
        await Expect(linkStatus).ToContainTextAsync("Agreed by Colin Marsh for the commissioner on");
        await Expect(linkStatus).ToContainTextAsync("by Lena Khan for the LINk on");
        await Screenshots.SaveAsync(linkPage, "exercise.png");

        // The commissioner sees the agreement too, and the history of it.
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        await Expect(status).ToContainTextAsync("by Lena Khan for the LINk on");
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Proposals and agreements" })).ToContainTextAsync("Option 2 proposed by Colin Marsh");
    }

    [Fact]
    public async Task JointWorkingGuideAndSpectrum_Viewer_CanReadBoth()
    {
        await SignInAsync(DemoAccounts.Viewer, to: "joint-working");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Joint-working options")).ToBeVisibleAsync();
        await Expect(Page.GetByText("Inside the commissioner's exercise").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(Page, "joint-working.png");

        await Page.GotoAsync("exercises/spectrum");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Joint working across the spectrum")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Table)).ToContainTextAsync("SB PCT");
        await Screenshots.SaveAsync(Page, "spectrum.png");

        // A viewer reads exercises but is offered no way to change them.
        await Page.GotoAsync("exercises");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "New exercise" })).ToHaveCountAsync(0);
    }

    private async Task FillDateAsync(string label, string date)
    {
        var input = Page.GetByLabel(label, new() { Exact = true });
        await input.FillAsync(date);
        await input.PressAsync("Tab");
    }
}
