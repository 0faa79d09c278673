using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class ReportJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task LinkOpensTheAnnualReport_PrintMedia_HidesTheNavigationAndKeepsTheReport()
    {
        // From the app's menu to the reports (a plain page: the browser loads it whole).
        await SignInAsync(DemoAccounts.Link);
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Reports to print" }).ClickAsync();
        await Expect(Heading(Page, "Reports to print")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Show the draft" }).ClickAsync();
        var title = Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(title).ToContainTextAsync("Birmingham LINk: statutory activity in");
        var navigation = Page.GetByRole(AriaRole.Navigation, new() { Name = "Reports navigation" });
        var print = Page.GetByRole(AriaRole.Button, new() { Name = "Print this report" });
        await Expect(navigation).ToBeVisibleAsync();
        await Expect(print).ToBeVisibleAsync();
        var address = Page.Url;

        // The button opens the browser's print dialog (replaced here by a counter: a headless browser has no dialog).
        await Page.EvaluateAsync("() => { window.printed = 0; window.print = () => { window.printed++; }; }");
        await print.ClickAsync();
        await Page.WaitForFunctionAsync("() => window.printed === 1");

        // On paper: no navigation, no buttons, the report itself and the date of printing.
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(navigation).ToBeHiddenAsync();
        await Expect(print).ToBeHiddenAsync();
        await Expect(title).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("printed-on")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Requests for information", Level = 2 })).ToBeVisibleAsync();
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(navigation).ToBeVisibleAsync();

        // The same report on a phone.
        var phone = await OpenPageAsync(390, 844);
        await SignInAsync(phone, DemoAccounts.Link, to: address);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("statutory activity in");
    }
}
