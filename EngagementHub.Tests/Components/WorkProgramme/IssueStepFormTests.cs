using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.WorkProgramme;
using MudBlazor;

namespace EngagementHub.Tests.Components.WorkProgramme;

/// <summary>The form on an issue's page that records its next step, as the LINk's editor uses it.</summary>
public sealed class IssueStepFormTests : BunitTestContextBase
{
    /// <summary>An issue the LINk's officer recorded, raised ten days ago and not yet discussed.</summary>
    private static async Task<int> RaisedTenDaysAgoAsync(TestDatabase database, Organisation link)
    {
        await using var db = database.CreateContext();
        var issue = new RaisedIssue(link.Id, new RaisedIssueInput
        {
            Title = "Blue badge assessments take too long", Description = "Four months.", ReferrerName = "Jean Morris", Sector = CareSector.SocialCare,
            RaisedOn = UkTime.Today(database.Clock).AddDays(-10), Origin = IssueOrigin.Reactive,
        }, link.Id, "user-1", "Lena Khan", database.Clock.GetUtcNow());
        db.RaisedIssues.Add(issue);
        await db.SaveChangesAsync();
        return issue.Id;
    }

    /// <summary>The page of an issue raised ten days ago, opened by the LINk's editor.</summary>
    private async Task<(TestDatabase Database, int IssueId, IRenderedComponent<IssueDetail> Cut)> OpenRaisedIssueAsTheLinkAsync()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var issueId = await RaisedTenDaysAgoAsync(database, link);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(link.Id, link.Name));
        Context.RenderPopovers();
        var cut = Context.Render<IssueDetail>(p => p.Add(c => c.Id, issueId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input#field-On")));
        return (database, issueId, cut);
    }

    [Fact]
    public async Task Submit_DateThatIsNotADate_SaysSoNextToTheDateAndInTheSummaryAndRecordsNothing()
    {
        var (database, issueId, cut) = await OpenRaisedIssueAsTheLinkAsync();

        cut.Find("input#field-On").Change("31/02/2027");
        await cut.FindAll("form").Single(f => f.TextContent.Contains("Record this step", StringComparison.Ordinal)).SubmitAsync();

        // The date field's own message is part of the form's validation state, so the summary lists it with the rest.
        const string message = "31 February 2027 is not a date";
        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-testid=error-summary]").TextContent));
        var date = cut.Find("input#field-On");
        Assert.Contains(message, date.Closest(".mud-input-control")!.TextContent);
        Assert.Equal("31/02/2027", date.GetAttribute("value"));
        await using var check = database.CreateContext();
        Assert.Equal(IssueStep.Raised, (await check.RaisedIssues.FindAsync(issueId))!.Step);
    }
    // A double-click on "Record this step": the second click reaches the server after the first recorded the discussion,
    // when the form stands ready for the next step with today's date. It is not taken as a request to record that step,
    // nor checked and refused beside the confirmation.
    [Fact]
    public async Task Submit_TwiceAtOnce_RecordsTheStepOnceAndShowsNoProblem()
    {
        var (database, issueId, cut) = await OpenRaisedIssueAsTheLinkAsync();
        AngleSharp.Dom.IElement Form() => cut.FindAll("form").Single(f => f.TextContent.Contains("Record this step", StringComparison.Ordinal));

        await Form().SubmitAsync();
        await Form().SubmitAsync();

        await using var check = database.CreateContext();
        Assert.Equal(IssueStep.Discussed, (await check.RaisedIssues.FindAsync(issueId))!.Step);
        Assert.Empty(cut.FindAll("[data-testid=error-summary]"));
    }

    // Another officer recorded the discussion while this one was typing theirs: the step is refused with the reason, the
    // page then shows the discussion recorded, and the typed notes stay in the form.
    [Fact]
    public async Task Submit_StepRecordedMeanwhileByAnotherOfficer_RefusedThePageShowsItAndTheTypedNotesStay()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var today = UkTime.Today(database.Clock);
        var issueId = await RaisedTenDaysAgoAsync(database, link);

        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(link.Id, link.Name));
        Context.RenderPopovers();
        var cut = Context.Render<IssueDetail>(p => p.Add(c => c.Id, issueId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input#field-On")));
        cut.Find("input#field-On").Change(today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("textarea").Change("Spoke to her daughter about the delays.");
        await using (var db = database.CreateContext())
        {
            var issue = await db.RaisedIssues.FindAsync(issueId);
            Assert.True(issue!.RecordDiscussion(today, "Larry Officer", "Met her at the library.").Succeeded);
            await db.SaveChangesAsync();
        }

        await cut.FindAll("form").Single(f => f.TextContent.Contains("Record this step", StringComparison.Ordinal)).SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("by Larry Officer", cut.Find("[data-testid=steps]").TextContent));
        Assert.Equal("Spoke to her daughter about the delays.", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
        // The form moves on to a step that can follow now: it stayed on the discussion, refused again at every try.
        Assert.Equal(IssueStep.Consulted.Label(), cut.FindComponent<MudSelect<IssueStep>>().Find("input").GetAttribute("value"));
        await using var check = database.CreateContext();
        Assert.Equal("Met her at the library.", (await check.RaisedIssues.FindAsync(issueId))!.DiscussionNotes);
    }

    // The page showed the issue raised; this officer skips the discussion and records the consultation, while another
    // officer records the discussion. The consultation would rest on a step the officer never saw: refused, the form says
    // who recorded what, the page shows it, and what was typed stays.
    [Fact]
    public async Task Submit_AStepSkippedHereWasRecordedMeanwhile_RefusedInTheFormNamingWhoAndTheTypedNotesStay()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var today = UkTime.Today(database.Clock);
        var issueId = await RaisedTenDaysAgoAsync(database, link);

        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(link.Id, link.Name));
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<IssueDetail>(p => p.Add(c => c.Id, issueId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("input#field-On")));
        cut.FindComponents<MudSelect<IssueStep>>().Single(s => s.Instance.Label == "Step").Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == IssueStep.Consulted.Label()).Click());
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-input-control"), c => c.TextContent.Contains("is skipped", StringComparison.Ordinal)));
        cut.FindAll(".mud-input-control").Single(c => c.TextContent.Contains("is skipped", StringComparison.Ordinal)).QuerySelector("input")!.Change("She wrote in full");
        cut.Find("input#field-On").Change(today.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("textarea").Change("Carers' forum: the same four-month wait.");
        await using (var db = database.CreateContext())
        {
            var issue = await db.RaisedIssues.FindAsync(issueId);
            Assert.True(issue!.RecordDiscussion(today, "Larry Officer", "Met her at the library.").Succeeded);
            await db.SaveChangesAsync();
        }

        await cut.FindAll("form").Single(f => f.TextContent.Contains("Record this step", StringComparison.Ordinal)).SubmitAsync();

        cut.WaitForAssertion(() => Assert.Contains("Larry Officer recorded \"discussed with the referrer\"", cut.Find("[data-testid=error-summary]").TextContent));
        Assert.Contains("Nothing was saved", cut.Find("[data-testid=error-summary]").TextContent);
        Assert.Contains("by Larry Officer", cut.Find("[data-testid=steps]").TextContent);
        Assert.Equal("Carers' forum: the same four-month wait.", cut.Find("textarea").GetAttribute("value") ?? cut.Find("textarea").TextContent);
        await using var check = database.CreateContext();
        var after = (await check.RaisedIssues.FindAsync(issueId))!;
        Assert.Equal((IssueStep.Discussed, null, null), (after.Step, after.ConsultationNotes, after.DiscussionSkippedReason));
    }
}
