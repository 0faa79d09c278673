using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class YouSaidWeDidJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private const string Report = "Maternity choices: what Somali and Yemeni women told us";

    [Fact]
    public async Task CommissionerRecordsAnAcceptedRecommendationDone_RegisterAndPublicRegisterShowItDone()
    {
        // The commissioner finds the report from the register.
        await SignInAsync(DemoAccounts.Commissioner, to: "you-said-we-did");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "You said, we did")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = Report }).First.ClickAsync();
        await Expect(Heading(Page, Report)).ToBeVisibleAsync();
        await WaitForInteractiveAsync();

        // It records that recommendation 2, in progress, is now done, and what changed.
        await Expect(Page.GetByTestId("implementation-2")).ToContainTextAsync("In progress");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Record progress on recommendation 2" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Record progress on recommendation 2" });
        await ChooseAsync(Page, dialog.Locator(".mud-select").Filter(new() { Has = Page.Locator("label", new() { HasTextString = "Where it stands" }) }).First, "Done");
        var changeMade = dialog.GetByLabel("What changed as a result", new() { Exact = true });
        await changeMade.FillAsync("Partners are invited to every birth-planning appointment.");
        await Expect(changeMade).ToHaveValueAsync("Partners are invited to every birth-planning appointment.");
        await Page.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save the progress" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("implementation-2")).ToContainTextAsync("Done");
        await Expect(Page.GetByTestId("implementation-2")).ToContainTextAsync("Partners are invited to every birth-planning appointment.");

        // The register says so.
        await Page.GotoAsync("you-said-we-did?status=Done");
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("register")).ToContainTextAsync("Partners are invited to every birth-planning appointment.");

        // An anonymous visitor, in a browser of their own, finds it done on the public register with what changed.
        var visitor = await OpenPageAsync(390, 844);
        await visitor.GotoAsync("public/you-said-we-did");
        await visitor.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Done" });
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("status=Done"));
        var entry = visitor.GetByTestId("register").Locator("li").Filter(new() { HasTextString = "Involve women's partners and families in birth planning" });
        await Expect(entry).ToContainTextAsync("Done");
        await Expect(entry).ToContainTextAsync("Partners are invited to every birth-planning appointment.");
        await Expect(entry).ToContainTextAsync(Report);
        await visitor.AssertAccessibleAsync(anyImpact: true);
    }
}
