using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class DeadlineCalculatorTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task Calculator_ReceivedOn1October2008_ShowsTuesday28OctoberAndTheWorking()
    {
        await SignInAsync(DemoAccounts.Viewer, to: "deadlines/calculator");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Due date calculator")).ToBeVisibleAsync();

        var received = Page.GetByLabel("Date received", new() { Exact = true });
        // Typed as people write it: day first, no leading zero, the month's name.
        await received.FillAsync("1 Oct 2008");
        await received.PressAsync("Tab");

        await Expect(Page.GetByTestId("understood-date")).ToHaveTextAsync("Wednesday 1 October 2008");
        await Expect(Page.GetByTestId("due-date")).ToHaveTextAsync("Due on Tue 28 Oct 2008");
        await Expect(Page.GetByTestId("working")).ToContainTextAsync("20 working days beginning with Wed 1 Oct 2008");
        await Page.AssertAccessibleAsync();

        await received.FillAsync("31/02/2027");
        await received.PressAsync("Tab");
        await Expect(Page.GetByText("31 February 2027 is not a date")).ToBeVisibleAsync();
        await Expect(received).ToHaveValueAsync("31/02/2027");
        await Expect(received).ToHaveAttributeAsync("aria-invalid", "true");
        await Page.AssertAccessibleAsync();

        await received.FillAsync("15.12.25");
        await received.PressAsync("Tab");
        await Expect(Page.GetByTestId("due-date")).ToHaveTextAsync("Due on Wed 14 Jan 2026");
        await Expect(Page.GetByRole(AriaRole.List).Filter(new() { HasText = "Boxing Day" })).ToContainTextAsync("Christmas Day");
        await Screenshots.SaveAsync(Page, "calculator.png");

        // The calendar, by keyboard: Tab from the field reaches its button; a day picked there is written into the field.
        var calendar = Page.GetByRole(AriaRole.Button, new() { Name = "Choose the date received from a calendar" });
        await received.FocusAsync();
        await received.PressAsync("Tab");
        await ExpectFocusedAsync(calendar);
        await calendar.PressAsync("Enter");
        await Expect(calendar).ToHaveAttributeAsync("aria-expanded", "true");
        await Page.Locator(".mud-popover-open .mud-picker-calendar-day:not(.mud-hidden)").GetByText("16", new() { Exact = true }).ClickAsync();
        await Expect(received).ToHaveValueAsync("16/12/2025");
        await Expect(Page.GetByTestId("understood-date")).ToHaveTextAsync("Tuesday 16 December 2025");
        await Expect(calendar).ToHaveAttributeAsync("aria-expanded", "false");
    }

    [Fact]
    public async Task BankHolidays_Admin_SeesTheYearAndAddsOneAfterItsPreview()
    {
        await SignInAsync(DemoAccounts.Admin, to: "admin/holidays");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Bank holidays")).ToBeVisibleAsync();

        var date = Page.GetByLabel("Date", new() { Exact = true });
        await date.FillAsync("02/01/2031");
        await date.PressAsync("Tab");
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync("New Year’s Day (substitute day)");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add…", Exact = true }).ClickAsync();
        // The change is previewed with the open deadlines it would move, and saved only when confirmed.
        var preview = Page.GetByTestId("holiday-preview");
        await Expect(preview).ToContainTextAsync("No open deadline's due date changes.");
        await Page.AssertAccessibleAsync();
        await preview.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();

        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "Bank holidays in 2031" })).ToContainTextAsync("Thu 2 Jan 2031");
    }
}
