using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Admin;
using EngagementHub.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Components.Admin;

public sealed class BankHolidaysTests : BunitTestContextBase
{
    private static readonly DateOnly StateFuneral = new(2022, 9, 19);

    private static IElement Field(IRenderedComponent<BankHolidays> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label);

    /// <summary>The calendar without the state funeral, and a request received Thu 1 Sep 2022 counted on it: due Wed 28 Sep.</summary>
    private static async Task<int> SeedAsync(TestDatabase database)
    {
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var south = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        await using var db = database.CreateContext();
        await DeadlineService.EnsureRulesAsync(db);
        db.BankHolidays.Remove(await db.BankHolidays.SingleAsync(h => h.Date == StateFuneral));
        await db.SaveChangesAsync();
        var calendar = await BankHolidayCalendar.ReadAsync(db);
        var rule = await db.DeadlineRules.SingleAsync(r => r.Kind == DeadlineKind.InformationRequest);
        var deadline = new ResponseDeadline(rule, "Waiting times for wheelchair assessments", null, link.Id, south.Id, null, "user-lena", "Lena Khan", null,
            calendar.DueDate(new DateOnly(2022, 9, 1), rule.WorkingDays), database.Clock.GetUtcNow());
        db.Deadlines.Add(deadline);
        await db.SaveChangesAsync();
        return deadline.Id;
    }

    /// <summary>The trust proposes moving the seeded deadline to Fri 13 Nov 2026, on Thu 1 Oct 2026; the LINk has not agreed it.</summary>
    private static async Task ProposeFriday13NovemberAsync(TestDatabase database, int id)
    {
        await using var db = database.CreateContext();
        var deadline = await db.Deadlines.SingleAsync(d => d.Id == id);
        Assert.True(deadline.ProposeExtension(new DateOnly(2026, 11, 13), "Data re-run", byLink: false, "Janet Rowe", new DateOnly(2026, 10, 1),
            await BankHolidayCalendar.ReadAsync(db), waitingSeen: null).Succeeded);
        await db.SaveChangesAsync();
    }

    /// <summary>The bank holidays page as an administrator sees it, after asking to add a holiday (typed as a person types it).</summary>
    private IRenderedComponent<BankHolidays> AskToAdd(TestDatabase database, string date, string name)
    {
        Context.UseEngagementHub(database);
        Context.SignIn(People.Admin(1), Policies.Admin);
        Context.RenderPopovers();
        var cut = Context.Render<BankHolidays>();
        cut.WaitForAssertion(() => Field(cut, "Date"));
        Field(cut, "Date").QuerySelector("input")!.Change(date);
        Field(cut, "Name").QuerySelector("input")!.Change(name);
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Add…").Click();
        return cut;
    }

    [Fact]
    public async Task Add_HolidayInsideAnOpenDeadline_ShowsWhatMovesBeforeConfirmingThenMovesIt()
    {
        var database = await CreateDatabaseAsync();
        var id = await SeedAsync(database);
        var cut = AskToAdd(database, "19/09/2022", "Bank Holiday for the State Funeral of Queen Elizabeth II");

        cut.WaitForAssertion(() => Assert.Contains("moves the due date of 1 open deadline", cut.Find("[data-testid=moved-count]").TextContent));
        var moved = cut.Find("[data-testid=holiday-preview] li").TextContent;
        Assert.Contains("Waiting times for wheelchair assessments (NHS South Birmingham)", moved);
        Assert.Contains("Wed 28 Sept 2022 → Thu 29 Sept 2022", moved);
        await using (var db = database.CreateContext())
        {
            Assert.False(await db.BankHolidays.AnyAsync(h => h.Date == StateFuneral)); // nothing saved before confirming
        }

        cut.Find("[data-testid=confirm-change]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=holiday-preview]")));
        await using var check = database.CreateContext();
        Assert.True(await check.BankHolidays.AnyAsync(h => h.Date == StateFuneral));
        Assert.Equal(new DateOnly(2022, 9, 29), (await check.Deadlines.SingleAsync(d => d.Id == id)).DueDate);
        // The form is cleared for the next holiday, and says nothing about the empty fields nobody has left empty yet.
        Assert.Equal("", Field(cut, "Name").QuerySelector("input")!.GetAttribute("value") ?? "");
        Assert.Empty(cut.FindAll(".mud-input-error"));
        Assert.DoesNotContain("Give the holiday's name.", cut.Markup);
    }

    // Extended by agreement to Fri 14 Oct before it fell due: the state funeral moves its statutory date from Wed 28 to
    // Thu 29 Sep while the agreed date still sets the due date. Before, the preview said no deadline changed.
    [Fact]
    public async Task Add_HolidayInsideAnExtendedDeadline_ShowsItsStatutoryDateMovingWhileItsDueDateStays()
    {
        var database = await CreateDatabaseAsync();
        var id = await SeedAsync(database);
        await using (var db = database.CreateContext())
        {
            var calendar = await BankHolidayCalendar.ReadAsync(db);
            var deadline = await db.Deadlines.SingleAsync(d => d.Id == id);
            var today = new DateOnly(2022, 9, 5);
            Assert.True(deadline.ProposeExtension(new DateOnly(2022, 10, 14), "Data re-run", byLink: false, "Janet Rowe", today, calendar, waitingSeen: null).Succeeded);
            Assert.True(deadline.AgreeExtension(byLink: true, "Lena Khan", database.Clock.GetUtcNow(), today, new DateOnly(2022, 10, 14), calendar).Succeeded);
            await db.SaveChangesAsync();
        }

        var cut = AskToAdd(database, "19/09/2022", "Bank Holiday for the State Funeral of Queen Elizabeth II");

        cut.WaitForAssertion(() => Assert.Contains("decides whether an open deadline is late (1 deadline)",
            OneLine(cut.Find("[data-testid=recounted-count]").TextContent)));
        Assert.Equal("No open deadline's due date changes.", cut.Find("[data-testid=moved-count]").TextContent.Trim());
        var moved = cut.Find("ul[aria-label='Other deadline dates that move'] li").TextContent;
        Assert.Contains("statutory due date Wed 28 Sept 2022 → Thu 29 Sept 2022; the extension agreed still sets the due date", moved);
    }

    // The request received Thu 1 Sep 2022 is still unanswered on Thu 1 Oct 2026 (today), and the trust proposes Fri 13 Nov
    // 2026, which the LINk has not yet agreed; a day of mourning is then asked for on that Friday. The proposal does not
    // move, but it could no longer be agreed: the preview says so, with the day to propose instead. Before, it said
    // nothing changed.
    [Fact]
    public async Task Add_HolidayOnAProposedExtension_ShowsThatTheProposalCanNoLongerBeAgreedAndTheDayToProposeInstead()
    {
        var database = await CreateDatabaseAsync();
        var id = await SeedAsync(database);
        await ProposeFriday13NovemberAsync(database, id);

        var cut = AskToAdd(database, "13/11/2026", "Day of mourning");

        cut.WaitForAssertion(() => Assert.Equal("It leaves 1 proposed extension impossible to agree: a proposal does not move with the holidays, and an "
            + "extension must be a working day later than the current due date. Both sides are told, with a date that could be proposed instead.",
            OneLine(cut.Find("[data-testid=overtaken-count]").TextContent)));
        Assert.Equal("No open deadline's due date changes. Nor does any date by which feedback is owed on an issue.", OneLine(cut.Find("[data-testid=moved-count]").TextContent));
        Assert.Equal("Waiting times for wheelchair assessments (NHS South Birmingham): proposed Fri 13 Nov 2026, which can no longer be agreed; Mon 16 Nov 2026 could be proposed instead",
            OneLine(cut.Find("ul[aria-label='Proposed extensions that can no longer be agreed'] li").TextContent));
    }

    // The reverse: a holiday declared on the proposed date is removed, and the proposal can be agreed again.
    [Fact]
    public async Task Remove_HolidayOnAProposedExtension_ShowsThatTheProposalCanBeAgreedAgain()
    {
        var database = await CreateDatabaseAsync();
        var id = await SeedAsync(database);
        await ProposeFriday13NovemberAsync(database, id);
        await using (var db = database.CreateContext())
        {
            db.BankHolidays.Add(new BankHoliday(new DateOnly(2026, 11, 13), "Day of mourning", HolidaySource.Manual));
            await db.SaveChangesAsync();
        }

        Context.UseEngagementHub(database);
        Context.SignIn(People.Admin(1), Policies.Admin);
        Context.RenderPopovers();
        var cut = Context.Render<BankHolidays>();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Remove Day of mourning Fri 13 Nov 2026']"));
        cut.Find("button[aria-label='Remove Day of mourning Fri 13 Nov 2026']").Click();

        cut.WaitForAssertion(() => Assert.Equal("It makes 1 proposed extension possible to agree again, which could not be agreed before. Both sides are told.",
            OneLine(cut.Find("[data-testid=agreeable-count]").TextContent)));
        Assert.Equal("Waiting times for wheelchair assessments (NHS South Birmingham): proposed Fri 13 Nov 2026, which can be agreed again",
            OneLine(cut.Find("ul[aria-label='Proposed extensions that can be agreed again'] li").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=overtaken-count]"));
    }

    [Fact]
    public async Task Add_HolidayInsideTheFeedbackOwedOnAnIssue_ShowsTheFeedbackDateMovingThenMovesIt()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        int id;
        await using (var db = database.CreateContext())
        {
            var decidedOn = new DateOnly(2026, 11, 2);
            var issue = new RaisedIssue(link.Id, new RaisedIssueInput
            {
                Title = "No hearing loop at the eye clinic", Description = "Patients miss their names being called.", ReferrerName = "Maya Patel",
                ReferrerContact = "maya.patel@example.org", ConsentToContact = true,
                Sector = EngagementHub.Core.Exercises.CareSector.Health, RaisedOn = new DateOnly(2026, 10, 26),
            }, link.Id, "user-lena", "Lena Khan", database.Clock.GetUtcNow());
            Assert.True(issue.RecordDecision(decidedOn, "Lena Khan",
                new PanelDecisionInput { Outcome = PanelOutcome.NoAction, PanelMembers = "Chair", Reasons = "Fixed already." }, new DateOnly(2026, 11, 30),
                new Dictionary<IssueStep, string?> { [IssueStep.Discussed] = "Clear", [IssueStep.Consulted] = "Quick", [IssueStep.BusinessCase] = "Quick" }).Succeeded);
            db.RaisedIssues.Add(issue);
            await db.SaveChangesAsync();
            id = issue.Id;
        }

        var cut = AskToAdd(database, "16/11/2026", "Extra holiday");

        cut.WaitForAssertion(() => Assert.Contains("feedback is owed on 1 issue", cut.Find("[data-testid=moved-feedback-count]").TextContent));
        Assert.Equal("No open deadline's due date changes.", cut.Find("[data-testid=moved-count]").TextContent.Trim());
        var moved = cut.Find("ul[aria-label='Issues whose feedback due date moves'] li").TextContent;
        Assert.Contains("Feedback on No hearing loop at the eye clinic: due Mon 30 Nov 2026 → Tue 1 Dec 2026", moved);

        cut.Find("[data-testid=confirm-change]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=holiday-preview]")));
        await using var check = database.CreateContext();
        Assert.Equal(new DateOnly(2026, 12, 1), (await check.RaisedIssues.SingleAsync(i => i.Id == id)).FeedbackDue);
    }

    [Fact]
    public async Task Add_Cancelled_ChangesNothing()
    {
        var database = await CreateDatabaseAsync();
        var id = await SeedAsync(database);
        var cut = AskToAdd(database, "19/09/2022", "State funeral");
        cut.WaitForAssertion(() => cut.Find("[data-testid=holiday-preview]"));
        cut.FindAll("[data-testid=holiday-preview] button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=holiday-preview]")));
        await using var check = database.CreateContext();
        Assert.False(await check.BankHolidays.AnyAsync(h => h.Date == StateFuneral));
        Assert.Equal(new DateOnly(2022, 9, 28), (await check.Deadlines.SingleAsync(d => d.Id == id)).DueDate);
    }

    [Fact]
    public async Task Add_NothingTyped_SaysWhatIsMissingNextToEachFieldAndInTheSummary()
    {
        var database = await CreateDatabaseAsync();
        await SeedAsync(database);
        var cut = AskToAdd(database, "", "");

        cut.WaitForAssertion(() => Assert.Contains("There is a problem", cut.Markup));
        Assert.Contains("Enter the date.", Field(cut, "Date").TextContent);
        Assert.Contains("Give the holiday's name.", Field(cut, "Name").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=holiday-preview]"));
    }

    // A holiday the calendar refuses (a weekend) is refused next to the field, with what was typed kept.
    [Fact]
    public async Task Add_WeekendDay_RefusedNextToTheDateWithTheNameKept()
    {
        var database = await CreateDatabaseAsync();
        await SeedAsync(database);
        var cut = AskToAdd(database, "17/09/2022", "A Saturday");

        cut.WaitForAssertion(() => Assert.Contains("There is a problem", cut.Markup));
        Assert.NotEmpty(Field(cut, "Date").QuerySelectorAll(".mud-input-error"));
        Assert.Equal("A Saturday", Field(cut, "Name").QuerySelector("input")!.GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=holiday-preview]"));
    }
}
