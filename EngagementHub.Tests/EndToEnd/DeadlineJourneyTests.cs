using System.Globalization;
using System.Text.RegularExpressions;
using EngagementHub.Core.Common;
using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed partial class DeadlineJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private const string Commissioner = "NHS South Birmingham";

    [Fact]
    public async Task LinkLogsAnOldRequest_CommissionerAnswersToday_ResponsivenessCountsItLate()
    {
        // 45 calendar days ago is at least 20 working days ago, whatever the bank holidays: the answer today is late.
        var received = DateTime.Today.AddDays(-45);
        var year = FinancialYear.Containing(DateOnly.FromDateTime(received));
        var subject = $"District nursing caseloads {Guid.NewGuid():N}"[..36];

        // The LINk officer opens the dashboard and notes the commissioner's figures.
        await SignInAsync(DemoAccounts.Link, to: "deadlines");
        await WaitForInteractiveAsync();
        await Expect(Heading(Page, "Response deadlines")).ToBeVisibleAsync();
        await ChooseYearAsync(Page, year);
        var before = await AnswerFiguresAsync(Page);
        await Screenshots.SaveAsync(Page, "deadlines.png");

        // ... and logs a request received 45 days ago.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Log a request, report or referral" }).ClickAsync();
        await Expect(Heading(Page, "Log a request, report or referral")).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await ChooseAsync(Page, "Sent to", Commissioner);
        await Expect(Page.GetByLabel("Sent to", new() { Exact = true })).ToHaveValueAsync(Commissioner);
        await Expect(Page.GetByLabel("Named contact (optional)", new() { Exact = true })).ToHaveValueAsync(new Regex(@"\(receives LINk requests\)$"));
        await Page.GetByLabel("Subject", new() { Exact = true }).FillAsync(subject);
        var date = Page.GetByLabel("Date received", new() { Exact = true });
        await date.FillAsync(received.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await date.PressAsync("Tab");
        var formattedReceived = received.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        await Expect(Page.GetByTestId("working")).ToContainTextAsync("20 working days");
        await Expect(Page.GetByTestId("working")).ToContainTextAsync(received.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? $"received {formattedReceived}" : formattedReceived);
        var dueText = (await Page.GetByTestId("due-date").TextContentAsync())!.Replace("Due on ", "", StringComparison.Ordinal).Trim();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Log it" }).ClickAsync();

        // Its page shows the due date and how it was worked out, and that it is overdue.
        await Expect(Heading(Page, subject)).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("due-date")).ToContainTextAsync(dueText);
        await Expect(Page.GetByRole(AriaRole.Region, new() { Name = "How the due date was worked out" })).ToContainTextAsync($"due {dueText}");
        await Expect(Page.GetByTestId("state")).ToContainTextAsync("Overdue");
        // The confirmation is checked too: asked for reduced motion, it appears at once, with no fade to measure halfway.
        await Expect(Page.Locator(".mud-snackbar").Filter(new() { HasTextString = "Logged." })).ToBeVisibleAsync();
        await Page.AssertAccessibleAsync();
        await Screenshots.SaveAsync(Page, "deadline.png");
        var deadlineUrl = Page.Url;

        // The commissioner records the answer today: late.
        var commissionerPage = await OpenPageAsync(1280, 800);
        await SignInAsync(commissionerPage, DemoAccounts.Commissioner, to: deadlineUrl);
        await WaitForInteractiveAsync(commissionerPage);
        await Expect(Heading(commissionerPage, subject)).ToBeVisibleAsync();
        await commissionerPage.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        var dialog = commissionerPage.GetByRole(AriaRole.Dialog, new() { Name = "Record the answer" });
        var answer = dialog.GetByLabel("Answer", new() { Exact = true });
        await answer.FillAsync("Caseloads by team attached to our reply of today.");
        // Escape while still typing in the field asks before losing the text, and keeping it keeps it.
        await answer.PressAsync("Escape");
        var discard = commissionerPage.GetByRole(AriaRole.Dialog, new() { Name = "Discard what you typed?" });
        await discard.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();
        await Expect(discard).ToBeHiddenAsync();
        await Expect(answer).ToHaveValueAsync("Caseloads by team attached to our reply of today.");
        await commissionerPage.AssertAccessibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Record the answer" }).ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(commissionerPage.GetByTestId("answer")).ToContainTextAsync("working day");
        await Expect(commissionerPage.GetByTestId("answer")).ToContainTextAsync("late");
        await Expect(commissionerPage.GetByTestId("state")).ToContainTextAsync("Answered");
        await Expect(commissionerPage.Locator(".mud-snackbar").Filter(new() { HasTextString = "The answer is recorded." })).ToBeVisibleAsync();
        await commissionerPage.AssertAccessibleAsync();

        // The dashboard counts one more late answer for the commissioner, and no more on time.
        await commissionerPage.GotoAsync("deadlines");
        await WaitForInteractiveAsync(commissionerPage);
        await Expect(Heading(commissionerPage, "Response deadlines")).ToBeVisibleAsync();
        await ChooseYearAsync(commissionerPage, year);
        await Expect(Row(commissionerPage).GetByTestId("answer-late")).ToContainTextAsync($"{before.Late + 1} late");
        var after = await AnswerFiguresAsync(commissionerPage);
        Assert.Equal(before.Late + 1, after.Late);
        Assert.Equal(before.OnTime, after.OnTime);
    }

    private static ILocator Row(IPage page) =>
        page.GetByTestId("responsiveness").Locator("tbody tr").Filter(new() { HasText = Commissioner });

    /// <summary>Reads the full answers on time ("1 of 3 due so far") and late ("2 late: …") from the commissioner's row; zeros when it has none.</summary>
    private static async Task<(int OnTime, int Late)> AnswerFiguresAsync(IPage page)
    {
        await Expect(page.GetByTestId("responsiveness")).ToBeVisibleAsync();
        if (await Row(page).CountAsync() == 0)
        {
            return (0, 0);
        }

        var onTime = LeadingNumber().Match(await Row(page).GetByTestId("answer-on-time").TextContentAsync() ?? "");
        var late = LeadingNumber().Match(await Row(page).GetByTestId("answer-late").TextContentAsync() ?? "");
        return (onTime.Success ? int.Parse(onTime.Value, CultureInfo.InvariantCulture) : 0, late.Success ? int.Parse(late.Value, CultureInfo.InvariantCulture) : 0);
    }

    private static async Task ChooseYearAsync(IPage page, FinancialYear year)
    {
        if (year != FinancialYear.Containing(DateOnly.FromDateTime(DateTime.Today)))
        {
            await ChooseAsync(page, "Financial year", year.Label);
        }
    }

    [GeneratedRegex(@"^\s*\d+")]
    private static partial Regex LeadingNumber();
}
