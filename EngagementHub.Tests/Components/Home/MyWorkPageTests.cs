using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Home;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Components.Home;

/// <summary>The "my work" home page as four people of <see cref="HomeScenario"/> see it.</summary>
public sealed class MyWorkPageTests : BunitTestContextBase
{
    private async Task<(IRenderedComponent<MyWorkPage> Page, HomeScenario Scenario, TestDatabase Database)> RenderAsync(
        Func<HomeScenario, Actor> who)
    {
        var database = await CreateDatabaseAsync(HomeScenario.DatabaseAsync);
        var scenario = await HomeScenario.LoadAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(who(scenario));
        Context.RenderPopovers();
        var page = Context.Render<MyWorkPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h2")));
        return (page, scenario, database);
    }

    private static IElement Section(IRenderedComponent<MyWorkPage> page, string testId) => page.Find($"[data-testid={testId}]");

    private static string[] Headings(IRenderedComponent<MyWorkPage> page) => [.. page.FindAll("h2").Select(h => h.TextContent.Trim())];

    // The sentence under a section's heading, as a reader sees it.
    private static string Sentence(IElement section) => OneLine(section.QuerySelector("h2 + *")!.TextContent);

    private static string? Href(IElement section, string linkText) =>
        section.QuerySelectorAll("a").FirstOrDefault(a => a.TextContent.Trim() == linkText)?.GetAttribute("href");

    [Fact]
    public async Task MyWorkPage_Commissioner_SeesWhatItOwesWhatAwaitsItsAgreementDecisionsWarningsAndNews()
    {
        var (page, s, database) = await RenderAsync(s => HomeScenario.Editor(s.South));

        Assert.Equal("My work for NHS South Birmingham", page.Find("h1").TextContent.Trim());
        Assert.Equal(
            ["Deadlines we owe (3)", "Agreements waiting on us (3)", "Joint reviews and their actions (0)", "Decisions in the next 12 weeks (1)", "Timetable warnings for 2026/27 (1)", "New since you last looked (1)"],
            Headings(page));
        var deadlines = Section(page, "home-deadlines");
        Assert.Contains("1 overdue", deadlines.TextContent);
        Assert.EndsWith("that the LINk does not agree were met. All of our deadlines", Sentence(deadlines));
        Assert.Equal($"/deadlines/{s.OverdueToSouth}", Href(deadlines, "Wheelchair waiting times"));
        var first = deadlines.QuerySelectorAll("li")[0].TextContent;
        Assert.Contains("Overdue", first);
        Assert.Contains("Next: Acknowledge it and record the answer: it is late.", first);
        var agreements = Section(page, "home-agreements");
        Assert.Equal($"/exercises/{s.LinkProposed}", Href(agreements, "Maternity voices"));
        Assert.Equal("/timetable?year=2026", Href(agreements, "The 2026/27 timetable"));
        Assert.Contains("Next: Agree the option, or ask for a change.", agreements.TextContent);
        var decisions = Section(page, "home-decisions");
        Assert.Equal($"/timetable/events/{s.SouthDecision}", Href(decisions, "Maternity service specification"));
        Assert.Contains("Input lands 11 days before", decisions.TextContent);
        Assert.Equal($"/exercises/{s.ChangeAsked}", Href(Section(page, "home-warnings"), "Input lands after the decision"));
        Assert.Equal($"/exercises/{s.LinkProposed}", Href(Section(page, "home-changes"), "An option was proposed"));
        Assert.Empty(page.FindAll("[data-testid=home-failed-reminders]"));
    }

    [Fact]
    public async Task MyWorkPage_LinkOfficer_SeesWhatTheLinkIsOwedAndTheExtensionToAgree()
    {
        var (page, s, database) = await RenderAsync(s => HomeScenario.Editor(s.Link));

        Assert.Equal("Answers the LINk is owed (3)", Headings(page)[0]);
        Assert.Contains("Issues before the panel (0)", Headings(page));
        Assert.Contains("Issues raised with the LINk appear here until the panel decides them.", Section(page, "home-programme").TextContent);
        Assert.Equal("/work-programme", Href(Section(page, "home-programme"), "The work programme"));
        var deadlines = Section(page, "home-deadlines");
        Assert.Contains("2 overdue", deadlines.TextContent);
        Assert.Contains("Next: Chase NHS Birmingham East and North, or escalate it to the scrutiny committee.", deadlines.TextContent);
        Assert.EndsWith("though they may be yours: the deadlines you follow up, whenever due, all of the LINk's deadlines", Sentence(deadlines));
        var agreements = Section(page, "home-agreements");
        Assert.Equal($"/deadlines/{s.DueSoonToSouth}", Href(agreements, "Discharge delays"));
        Assert.Contains("Next: Agree the extension", agreements.TextContent);
        Assert.Equal(2, Section(page, "home-decisions").QuerySelectorAll("li").Length);
        Assert.Contains("Nothing new.", Section(page, "home-changes").TextContent);
    }

    [Fact]
    public async Task MyWorkPage_Scrutiny_SeesTheTimetableToAgreeAndSaysWhatWillAppearElsewhere()
    {
        var (page, _, database) = await RenderAsync(s => HomeScenario.Editor(s.Scrutiny));

        Assert.Equal("Deadlines we owe (0)", Headings(page)[0]);
        // No side in a joint review, and no issues of its own: neither section is shown.
        Assert.DoesNotContain(Headings(page), h => h.StartsWith("Joint reviews", StringComparison.Ordinal) || h.StartsWith("Issues", StringComparison.Ordinal));
        Assert.Contains("When the LINk sends a request, report or referral, it appears here", Section(page, "home-deadlines").TextContent);
        Assert.Equal("/timetable?year=2026", Href(Section(page, "home-agreements"), "The 2026/27 timetable"));
        Assert.Contains("Next: Check your organisation's events, then agree the year or ask for changes.", Section(page, "home-agreements").TextContent);
        Assert.Contains("Decision points added to the timetable appear here", Section(page, "home-decisions").TextContent);
        Assert.Contains("No warnings about us this year", Section(page, "home-warnings").TextContent);
    }

    [Fact]
    public async Task MyWorkPage_Viewer_ReadsTheOrganisationsWorkAndIsToldItsEditorsAct()
    {
        var (page, _, database) = await RenderAsync(s => HomeScenario.Viewer(s.South));

        Assert.Contains("You can read all of it; your organisation's editors act on it.", page.Find("[data-testid=home-intro]").TextContent);
        Assert.Equal("Deadlines we owe (3)", Headings(page)[0]);
        Assert.Contains("Next: Your organisation's editors acknowledge and answer it.", Section(page, "home-deadlines").TextContent);
        Assert.Contains("Next: Editors of NHS South Birmingham agree it or ask for a change.", Section(page, "home-agreements").TextContent);
        Assert.DoesNotContain("Next: Agree", page.Markup);
    }
    // The sentence under the deadlines' heading, each way it can read: the LINk is shown what is overdue or due in the
    // next 14 days (MyWorkService.DueSoonDays), counted, and told that later ones are not listed; with none, the list's
    // own sentence says so; a commissioner is shown every deadline it owes, whenever due, so no 14 days are named.
    [Theory]
    [InlineData("link", new string[0], "2 overdue; open deadlines due in the next 14 days on requests, reports and referrals the LINk sent, and feedback owed to people who raised issues. Deadlines due later are not listed here, though they may be yours:", "Care home visits")]
    [InlineData("link", new[] { "Care home visits" }, "1 overdue; open deadlines due in the next 14 days on requests, reports and referrals the LINk sent, and feedback owed to people who raised issues. Deadlines due later are not listed here, though they may be yours:", "Wheelchair waiting times")]
    [InlineData("link", new[] { "Care home visits", "Wheelchair waiting times" }, "Nothing overdue; open deadlines due in the next 14 days on requests, reports and referrals the LINk sent, and feedback owed to people who raised issues. Deadlines due later are not listed here, though they may be yours:", "Discharge delays")]
    [InlineData("link", new[] { "Care home visits", "Wheelchair waiting times", "Discharge delays", "Stroke rehabilitation" }, "Nothing overdue; open deadlines due in the next 14 days on requests, reports and referrals the LINk sent, and feedback owed to people who raised issues. Deadlines due later are not listed here, though they may be yours:", "Nothing overdue or due in the next 14 days. Requests, reports and referrals the LINk logs appear here as their answers fall due.")]
    [InlineData("commissioner", new[] { "Care home visits", "Wheelchair waiting times", "Discharge delays", "Stroke rehabilitation" }, "Nothing overdue; every open deadline on what the LINk sent to NHS South Birmingham, overdue first, then by due date, and recommendations whose planned date passed or that the LINk does not agree were met.", "Stroke rehabilitation")]
    public async Task MyWorkPage_DeadlinesSentence_SaysWhatIsListedForTheNext14DaysOrThatNothingIs(string who, string[] dueLater, string sentence, string listShows)
    {
        var database = await CreateDatabaseAsync(HomeScenario.DatabaseAsync);
        var scenario = await HomeScenario.LoadAsync(database);
        await using (var db = database.CreateContext())
        {
            // Due well after the 14 days (the scenario's today is 2 November 2026).
            await db.Deadlines.Where(d => dueLater.Contains(d.Subject)).ExecuteUpdateAsync(u => u.SetProperty(d => d.DueDate, new DateOnly(2027, 1, 15)));
        }

        Context.UseEngagementHub(database);
        Context.SignIn(HomeScenario.Editor(who == "link" ? scenario.Link : scenario.South));
        Context.RenderPopovers();
        var page = Context.Render<MyWorkPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h2")));

        var section = Section(page, "home-deadlines");
        Assert.StartsWith(sentence, Sentence(section), StringComparison.Ordinal);
        Assert.Contains(listShows, section.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 e-mail failed and waits to be resent.")]
    [InlineData(2, "2 e-mails failed and wait to be resent.")]
    public async Task MyWorkPage_AdminWithFailedReminders_SaysHowManyInWordsThatAgree(int failed, string expected)
    {
        var database = await CreateDatabaseAsync(HomeScenario.DatabaseAsync);
        var scenario = await HomeScenario.LoadAsync(database);
        await using (var db = database.CreateContext())
        {
            for (var i = 0; i < failed; i++)
            {
                db.ReminderDeliveries.Add(new EngagementHub.Core.Notifications.ReminderDelivery(
                    scenario.OverdueToSouth, $"overdue-{i}", "janet@example.org", EngagementHub.Core.Notifications.DeliveryChannel.Email, database.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
            await db.ReminderDeliveries.ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, EngagementHub.Core.Notifications.DeliveryStatus.Failed));
        }

        Context.UseEngagementHub(database);
        Context.SignIn(new Actor("user-admin", "Ada Admin", scenario.Link.Id, scenario.Link.Name, UserRole.Admin));
        Context.RenderPopovers();
        var page = Context.Render<MyWorkPage>();

        page.WaitForAssertion(() => Assert.StartsWith(expected, page.Find("[data-testid=home-failed-reminders]").TextContent.Trim()));
    }

    [Fact]
    public void WorkList_LongerThanShown_ShowsTheFirstTenThenAllInPlaceWithTheButtonKept()
    {
        var items = Enumerable.Range(1, 12)
            .Select(i => new EngagementHub.Core.Home.WorkItem($"Exercise {i}", "No option yet.", "Propose one.", EngagementHub.Core.Common.PageLink.Exercise(i)))
            .ToList();
        var list = Context.Render<WorkList>(p => p.Add(l => l.Items, items).Add(l => l.Label, "Agreements").Add(l => l.Empty, "Nothing."));

        (int, string, string?) Shown() => (list.FindAll("li").Count, list.Find("[data-testid=home-show-all]").TextContent.Trim(),
            list.Find("[data-testid=home-show-all]").GetAttribute("aria-label"));

        var before = Shown();
        list.Find("[data-testid=home-show-all]").Click();
        var after = Shown();

        // The name starts with the words shown (WCAG 2.5.3) and says which list, as several sections may have one.
        Assert.Equal((10, "Show all 12", "Show all 12: Agreements"), before);
        Assert.Equal((12, "Show the first 10 only", "Show the first 10 only: Agreements"), after);
        // Focus goes to the first item brought in, where reading goes on.
        var eleventh = list.FindAll("li")[10];
        Assert.Equal("-1", eleventh.GetAttribute("tabindex"));
        Assert.Contains("Exercise 11", eleventh.TextContent);
        Context.JSInterop.VerifyFocusAsyncInvoke();
    }
}
