using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class WorkProgrammeJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private const string Commissioner = "NHS South Birmingham";

    [Fact]
    public async Task IssueRaised_PanelRefersItToACommissioner_RequestAndFeedbackDueCreatedAndReferrerKeptToTheLink()
    {
        var title = $"No hearing loop at the eye clinic {Guid.NewGuid():N}"[..44];

        // A LINk officer records the issue a member of the public raised.
        await SignInAsync(DemoAccounts.Link, to: "work-programme");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Work programme")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Record an issue raised" }).ClickAsync();
        await Expect(Heading(Page, "Record an issue raised")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await Page.GetByLabel("What it is about", new() { Exact = true }).FillAsync("Patients with hearing aids miss their names being called.");
        await Page.GetByLabel("Name of the person or group", new() { Exact = true }).FillAsync("Maya Referrer");
        await Page.GetByLabel("How to reach them (optional)", new() { Exact = true }).FillAsync("maya.referrer@example.org");
        await SetCheckedAsync(Page.GetByLabel("They agree to be contacted about it"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record it" }).ClickAsync();

        // Its page shows who raised it to the LINk; the panel decides at once, skipping the steps with reasons.
        await Expect(Heading(Page, title)).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("referrer")).ToContainTextAsync("Maya Referrer");
        var issueUrl = Page.Url;
        await ChooseAsync(Page, "Step", "Panel decided");
        await Page.GetByLabel("Why \"discussed with the referrer\" is skipped").FillAsync("Clear from her letter");
        await Page.GetByLabel("Why \"participants consulted\" is skipped").FillAsync("Quick win");
        await Page.GetByLabel("Why \"business case written\" is skipped").FillAsync("Quick win");
        await ChooseAsync(Page, "What the panel decided", "Refer to the provider or commissioner");
        await Page.GetByLabel("The panel's members", new() { Exact = true }).FillAsync("Chair and two members");
        await Page.GetByLabel("Reasons", new() { Exact = true }).FillAsync("The commissioner should say when loops will be fitted.");
        await ChooseAsync(Page, "Request or report", "Request for information");
        await ChooseAsync(Page, "Organisation", Commissioner);
        await Page.AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record this step" }).ClickAsync();

        await Expect(Page.GetByTestId("step")).ToContainTextAsync("Panel decided");
        await Expect(Page.GetByTestId("decision")).ToContainTextAsync("Refer to the provider or commissioner");
        await Expect(Page.GetByTestId("feedback")).ToContainTextAsync("Due by");
        await Expect(Page.GetByTestId("outcome-link")).ToContainTextAsync(Commissioner);
        await Page.AssertAccessibleAsync();

        // The request to the commissioner exists, with its due date, and links back to the issue.
        await Page.GetByTestId("outcome-link").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Heading(Page, title)).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("due-date")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("raised-issue")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/work-programme/\\d+$"));

        // Someone of the commissioner reads the issue without the referrer's details.
        var commissionerPage = await OpenPageAsync(1280, 800);
        await SignInAsync(commissionerPage, DemoAccounts.Commissioner, to: issueUrl);
        await WaitForInteractiveAsync(commissionerPage);
        await Expect(Heading(commissionerPage, title)).ToBeVisibleAsync();
        await Expect(commissionerPage.GetByTestId("referrer")).ToContainTextAsync("Only the LINk's own people");
        await Expect(commissionerPage.GetByText("Maya Referrer")).ToHaveCountAsync(0);
        await Expect(commissionerPage.GetByText("maya.referrer@example.org")).ToHaveCountAsync(0);
    }
}
