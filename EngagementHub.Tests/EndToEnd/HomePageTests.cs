using System.Text.RegularExpressions;
using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class HomePageTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private static readonly string[] Sections =
        ["Deadlines we owe", "Agreements waiting on us", "Joint reviews and their actions", "Decisions in the next 12 weeks", "Timetable warnings for", "New since you last looked"];

    [Fact]
    public async Task SignIn_DemoCommissioner_LandsOnMyWorkWithNoSeriousAccessibilityProblemsOnDesktopOrPhone()
    {
        await SignInAsync(DemoAccounts.Commissioner);

        await Expect(Page).ToHaveURLAsync(PathIs("/"));
        await Expect(Heading(Page, "My work for NHS South Birmingham")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        foreach (var section in Sections)
        {
            await Expect(Page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + Regex.Escape(section)), Level = 2 })).ToBeVisibleAsync();
        }

        await Page.AssertAccessibleAsync();
        await Screenshots.SaveAsync(Page, "home.png");

        var phone = await OpenPageAsync(390, 844);
        await SignInAsync(phone, DemoAccounts.Commissioner);
        await Expect(Heading(phone, "My work for NHS South Birmingham")).ToBeVisibleAsync();
        await WaitForInteractiveAsync(phone);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^New since you last looked"), Level = 2 })).ToBeVisibleAsync();
        await phone.AssertAccessibleAsync();
    }

    [Fact]
    public async Task DeadlineList_FiltersInTheAddress_SurviveReloadAndBack()
    {
        await SignInAsync(DemoAccounts.Commissioner, to: "deadlines");
        await WaitForInteractiveAsync();
        var scope = Page.GetByTestId("list-scope");
        await Expect(scope).ToContainTextAsync("Showing what concerns NHS South Birmingham");

        // One click shows the whole partnership; a state is chosen; both go into the address.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Show the whole partnership" }).ClickAsync();
        await Expect(scope).ToContainTextAsync("Showing the whole partnership.");
        await ChooseAsync(Page, "State", "Answered");
        await Expect(Page).ToHaveURLAsync(new Regex(@"/deadlines\?(?=.*show=all)(?=.*state=Answered)"));

        // A reload keeps them.
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "State", Exact = true })).ToContainTextAsync("Answered");
        await Expect(scope).ToContainTextAsync("Showing the whole partnership.");

        // So does leaving the list and coming Back.
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Engagement exercises" }).ClickAsync();
        await Expect(Heading(Page, "Engagement exercises")).ToBeVisibleAsync();
        await Page.GoBackAsync();
        await Expect(Heading(Page, "Response deadlines")).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(@"/deadlines\?(?=.*show=all)(?=.*state=Answered)"));
        await Expect(Page.GetByRole(AriaRole.Combobox, new() { Name = "State", Exact = true })).ToContainTextAsync("Answered");
        await Expect(scope).ToContainTextAsync("Showing the whole partnership.");
    }

}
