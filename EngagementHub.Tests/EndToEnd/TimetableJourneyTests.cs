using System.Text.RegularExpressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class TimetableJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private const string SouthBirmingham = "NHS South Birmingham";
    private const string AdultsAndCommunities = "Birmingham City Council Adults and Communities";

    [Fact]
    public async Task LinkProposesNextYear_TwoPartnersAgree_ItShowsAgreedAndPublished()
    {
        // Next year: this year's demo timetable has its own history; next year's starts as a draft, with or without events.
        var next = new FinancialYear(FinancialYear.Containing(DateOnly.FromDateTime(DateTime.Today)).StartYear + 1);

        // The LINk officer opens the timetable and picks next year.
        await SignInAsync(DemoAccounts.Link);
        await Page.GotoAsync("timetable");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Annual timetable")).ToBeVisibleAsync();
        await Expect(Status(Page)).ToBeVisibleAsync();
        await Page.AssertAccessibleAsync();
        // The README's picture: this year's demo timetable in the year view.
        await Screenshots.SaveAsync(Page, "timetable.png");

        // Printed, the year plan stands alone: no app bar, navigation, filters or buttons.
        await Page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(Page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(Page.Locator(".mud-drawer")).ToBeHiddenAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeHiddenAsync();
        await Expect(Page.GetByLabel("Financial year", new() { Exact = true })).ToBeHiddenAsync();
        await Expect(Page.GetByTestId("print-title")).ToBeVisibleAsync();
        await Page.EmulateMediaAsync(new() { Media = Media.Screen });
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();

        await ChooseAsync(Page, "Financial year", next.Label);
        await Expect(Page).ToHaveURLAsync(new Regex($"year={next.StartYear}"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = $"Agreement of the {next.Label} timetable" })).ToBeVisibleAsync();
        await Expect(Status(Page)).ToHaveTextAsync("Draft");
        await Page.AssertAccessibleAsync();

        // Each view passes axe, with or without events in it.
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Month" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("view=month"));
        await Expect(Page.GetByTestId("month-title")).ToBeVisibleAsync();
        await Page.AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "List" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("view=list"));
        await Expect(Page.GetByTestId("list-view")).ToBeVisibleAsync();
        await Page.AssertAccessibleAsync();
        await Page.GetByRole(AriaRole.Tab, new() { Name = "Year" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/timetable\\?year={next.StartYear}$"));

        // ... and proposes it to the South Birmingham PCT and the council's Adults and Communities.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Propose for agreement" }).ClickAsync();
        // 2027/28 is still nearly empty in the demo data: proposing it asks first.
        var confirm = Page.GetByRole(AriaRole.Dialog, new() { Name = "Propose a timetable with", Exact = false });
        await Expect(confirm).ToContainTextAsync($"The {next.Label} timetable has");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Propose it as it is" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = $"Propose the {next.Label} timetable for agreement" });
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = SouthBirmingham, Exact = true })).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Clear the choice" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Checkbox, new() { Name = SouthBirmingham, Exact = true })).Not.ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = SouthBirmingham, Exact = true }).CheckAsync();
        await dialog.GetByRole(AriaRole.Checkbox, new() { Name = AdultsAndCommunities, Exact = true }).CheckAsync();
        await dialog.GetByLabel("Note to the partners (optional)").FillAsync("Our draft for next year: please agree by the end of the month.");
        await Page.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Propose", Exact = true }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Status(Page)).ToHaveTextAsync("Proposed for agreement");
        await Expect(Page.GetByTestId("awaited").Locator("li")).ToHaveTextAsync([AdultsAndCommunities, SouthBirmingham]);
        await Expect(Page.GetByTestId("agreements")).ToContainTextAsync("Birmingham LINk: agreed by Lena Khan");
        await Page.AssertAccessibleAsync();

        // The commissioner agrees for South Birmingham.
        await AgreeAsync(DemoAccounts.Commissioner, next, SouthBirmingham);

        // The council agrees last: the timetable is agreed and published.
        var council = await AgreeAsync(DemoAccounts.Council, next, AdultsAndCommunities);
        await Expect(Status(council)).ToHaveTextAsync("Agreed and published");

        // The LINk sees the three agreements.
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        await Expect(Status(Page)).ToHaveTextAsync("Agreed and published");
        var agreements = Page.GetByTestId("agreements").Locator("li");
        await Expect(agreements).ToHaveCountAsync(3);
        await Expect(agreements.Nth(0)).ToContainTextAsync("Birmingham LINk: agreed by Lena Khan on");
        await Expect(agreements.Nth(1)).ToContainTextAsync($"{SouthBirmingham}: agreed by Colin Marsh on");
        await Expect(agreements.Nth(2)).ToContainTextAsync($"{AdultsAndCommunities}: agreed by Carys Bennett on");
        await Expect(Page.GetByTestId("awaited")).ToHaveCountAsync(0);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Propose for agreement" })).ToHaveCountAsync(0);
        await Page.AssertAccessibleAsync();
    }

    private async Task<IPage> AgreeAsync(string account, FinancialYear year, string organisation)
    {
        var page = await OpenPageAsync(1280, 800);
        await SignInAsync(page, account);
        await page.GotoAsync($"timetable?year={year.StartYear}");
        await WaitForInteractiveAsync(page);
        await Expect(Heading(page, "Annual timetable")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("awaited")).ToContainTextAsync(organisation);
        await page.AssertAccessibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Agree", Exact = true }).ClickAsync();
        // Agreeing binds the organisation: the app says what it means and asks.
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = $"Agree the {year.Label} timetable for {organisation}?" });
        await Expect(confirm).ToContainTextAsync("the partners plan their engagement around these dates");
        await confirm.GetByRole(AriaRole.Button, new() { Name = $"Agree for {organisation}" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasTextString = $"You agreed the {year.Label} timetable for {organisation}." })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("agreements")).ToContainTextAsync($"{organisation}: agreed by");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Agree", Exact = true })).ToHaveCountAsync(0);
        await page.AssertAccessibleAsync();
        return page;
    }

    private static ILocator Status(IPage page) => page.GetByTestId("timetable-status");
}
