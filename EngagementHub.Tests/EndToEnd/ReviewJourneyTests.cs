using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Reviews;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>The annual joint review, from opening the round to the reminder of an action agreed at the meeting.</summary>
public sealed class ReviewJourneyTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    private const string Council = DemoPartnership.AdultsAndCommunitiesName;
    private const string Largely = "3 · Largely met";

    [Fact]
    public async Task BothSidesRate_MeetingPutsTheBiggestDisagreementFirst_ActionAgreedAndItsOwnerReminded()
    {
        var today = UkTime.Today(TimeProvider.System);
        var year = new FinancialYear(FinancialYear.Containing(today).StartYear - 1);
        var title = $"{year.Label} review: {DemoPartnership.LinkName} and {Council}";

        // The LINk officer opens last year's review with the council's directorate (the demo has none with it).
        await SignInAsync(DemoAccounts.Link, to: "reviews");
        await WaitForInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Open a review round" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Open a review round" });
        await ChooseAsync(Page, "With", Council);
        var closes = dialog.GetByLabel("Closing date", new() { Exact = true });
        // Escape closes the date's calendar, not the form; then, with a choice made, it asks before losing it.
        var calendar = dialog.GetByRole(AriaRole.Button, new() { Name = "Choose the closing date from a calendar" });
        await calendar.ClickAsync();
        await Expect(calendar).ToHaveAttributeAsync("aria-expanded", "true");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(calendar).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(dialog).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Escape");
        var discard = Page.GetByRole(AriaRole.Dialog, new() { Name = "Discard what you typed?" });
        await Expect(discard).ToBeVisibleAsync();
        await discard.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();
        await Expect(discard).ToBeHiddenAsync();
        // Kept: the round below opens with the council chosen here.
        // Three weeks on, or the working day after, as a round closes on a working day.
        await using (var db = App.Factory.Database.CreateContext())
        {
            var closing = (await BankHolidayCalendar.ReadAsync(db)).NextWorkingDay(today.AddDays(21));
            await closes.FillAsync(closing.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        }

        await closes.PressAsync("Tab");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Open the round" }).ClickAsync();
        await Expect(Heading(Page, title)).ToBeVisibleAsync();
        await WaitForInteractiveAsync();
        var roundUrl = Page.Url;

        // Each side rates on its own, at the same time, the commissioner without seeing the LINk's ratings. Both have been
        // through the form once already and saved a draft of "largely met" throughout (as "Save draft" does, here through
        // the service: the form's two dozen pop-up lists twice over were most of this test's time). Now the LINk rates
        // new faces fully met and timing partly; the commissioner new faces not met and timing fully.
        var round = int.Parse(new Uri(roundUrl).Segments[^1], CultureInfo.InvariantCulture);
        await SaveLargelyMetDraftAsync(DemoAccounts.Link, round);
        await SaveLargelyMetDraftAsync(DemoAccounts.Council, round);
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
        var council = await OpenPageAsync(1280, 800);
        await SignInAsync(council, DemoAccounts.Council, to: roundUrl);
        await WaitForInteractiveAsync(council);
        await Expect(Heading(council, title)).ToBeVisibleAsync();
        await Expect(council.GetByTestId("hidden-note")).ToContainTextAsync("cannot see theirs");
        await Task.WhenAll(
            RateAsync(Page, new() { ["New faces"] = "4 · Fully met", ["Timing"] = "2 · Partly met" }),
            RateAsync(council, new() { ["New faces"] = "1 · Not met", ["Timing"] = "4 · Fully met" }));
        // The LINk submits while the commissioner's form is still open; that does not refuse the commissioner's submission.
        // Submitting cannot be undone, so each side is asked first.
        await Page.GetByRole(AriaRole.Button, new() { Name = "Submit our ratings" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Submit our ratings" }).ClickAsync();
        await Expect(Page.GetByTestId("link-status")).ToContainTextAsync("Submitted on");
        await council.GetByRole(AriaRole.Button, new() { Name = "Submit our ratings" }).ClickAsync();
        await council.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Submit our ratings" }).ClickAsync();
        await Expect(council.GetByTestId("commissioners-status")).ToContainTextAsync("Submitted on");

        // The meeting's agenda: both sides' ratings, the three points apart first, then the two.
        await council.GetByRole(AriaRole.Link, new() { Name = "Open the meeting view" }).ClickAsync();
        await Expect(council.GetByRole(AriaRole.Heading, new() { Level = 1, NameString = "Review meeting" })).ToBeVisibleAsync();
        await WaitForInteractiveAsync(council);
        var agenda = council.GetByTestId("agenda-item");
        await Expect(agenda).ToHaveCountAsync(24);
        await Expect(agenda.Nth(0).GetByRole(AriaRole.Heading)).ToContainTextAsync("New faces");
        await Expect(agenda.Nth(0).GetByTestId("disagreement")).ToHaveTextAsync("The sides are 3 points apart.");
        await Expect(agenda.Nth(0).GetByTestId("score-Link")).ToHaveTextAsync("4 · Fully met");
        await Expect(agenda.Nth(0).GetByTestId("score-Commissioners")).ToHaveTextAsync("1 · Not met");
        await Expect(agenda.Nth(1).GetByRole(AriaRole.Heading)).ToContainTextAsync("Timing");
        await Expect(agenda.Nth(1).GetByTestId("disagreement")).ToHaveTextAsync("The sides are 2 points apart.");
        await Expect(agenda.Nth(2).GetByTestId("disagreement")).ToHaveTextAsync("Both sides gave the same rating.");
        await council.AssertAccessibleAsync();

        // They agree an action for the council, due three days after a coming working day.
        var sweepDay = DateOnly.FromDateTime(WorkingDayStart.Next.UtcDateTime);
        var due = sweepDay.AddDays(3);
        const string action = "Bring the LINk's new faces to the directorate's planning day";
        await council.GetByLabel("What will be done", new() { Exact = true }).FillAsync(action);
        await ChooseAsync(council, "Owner", Council);
        var dueField = council.GetByLabel("Due date", new() { Exact = true });
        await dueField.FillAsync(due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await dueField.PressAsync("Tab");
        await council.GetByRole(AriaRole.Button, new() { Name = "Add the action" }).ClickAsync();
        var actions = council.GetByRole(AriaRole.Region, new() { Name = "Agreed actions" });
        await Expect(actions).ToContainTextAsync(action);
        await Expect(actions).ToContainTextAsync(UkTime.FormatDate(due));

        // The reminder sweep of that working day reminds the owner: it is in the council officer's notifications.
        Assert.True(await SweepReviewRemindersAsync(sweepDay) > 0);
        await council.GotoAsync("notifications");
        await Expect(council.GetByRole(AriaRole.Main)).ToContainTextAsync($"Review action due on {UkTime.FormatDate(due)}");
        await Expect(council.GetByRole(AriaRole.Main)).ToContainTextAsync(action);
    }

    /// <summary>
    /// Gives the criteria named in <paramref name="ratings"/> their rating on the page, which shows every criterion already
    /// rated "largely met" (the side's draft).
    /// </summary>
    private static async Task RateAsync(IPage page, Dictionary<string, string> ratings)
    {
        var criteria = page.Locator("[data-testid^=criterion-]");
        await Expect(criteria).ToHaveCountAsync(24);
        for (var i = 0; i < 24; i++)
        {
            var criterion = criteria.Nth(i);
            var select = criterion.Locator(".mud-select").First;
            await Expect(select).ToContainTextAsync(Largely);
            var name = (await criterion.GetByRole(AriaRole.Heading).TextContentAsync() ?? "").Split(". ", 2)[^1].Trim();
            if (ratings.TryGetValue(name, out var rating))
            {
                await ChooseAsync(page, select, rating);
            }
        }
    }

    /// <summary>Saves, as <paramref name="account"/>'s side's draft, "largely met" for every criterion of round <paramref name="round"/>.</summary>
    private async Task SaveLargelyMetDraftAsync(string account, int round)
    {
        var actor = await App.Factory.ActorAsync(account);
        var reviews = App.Factory.Services.GetRequiredService<ReviewService>();
        var view = (await reviews.GetAsync(actor, round))!;
        var ratings = view.Items.Select(i => new RatingInput { ItemId = i.ItemId, Score = ReviewScore.LargelyMet }).ToList();
        var saved = await reviews.SaveRatingsAsync(actor, round, ratings, submit: false, publishComments: false, view.RatingsVersion);
        Assert.True(saved.Succeeded, saved.Problem);
    }

    /// <summary>
    /// Runs the joint reviews' part of the reminder sweep for <paramref name="day"/>, as the sweep does each working day
    /// (this app keeps real time, and no reminder goes out on a weekend or bank holiday).
    /// </summary>
    private async Task<int> SweepReviewRemindersAsync(DateOnly day)
    {
        using var scope = App.Factory.Services.CreateScope();
        var calendar = await scope.ServiceProvider.GetRequiredService<BankHolidayCalendar>().GetAsync();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
        return await ReviewReminders.RemindAsync(db, calendar, day, DateTimeOffset.UtcNow);
    }
}
