using Microsoft.Extensions.DependencyInjection;
using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace EngagementHub.Tests.Components.Deadlines;

public sealed class DeadlineFormTests : BunitTestContextBase
{
    private static Actor EditorOf(Organisation organisation, string name) =>
        new($"user-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    private static IElement Field(IRenderedComponent<DeadlineForm> cut, string label) =>
        cut.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label);

    private static async Task<(Organisation Link, Organisation Commissioner)> SeedAsync(TestDatabase database)
    {
        await using (var db = database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
        }

        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner,
            o => o.AddContact("Janet Rowe", "Director of Engagement", null, null, receivesLinkRequests: true));
        return (link, commissioner);
    }

    [Fact]
    public async Task Save_ReceivedInTheFuture_ShowsTheServerMessageNextToTheDate()
    {
        var database = await CreateDatabaseAsync();
        var (link, _) = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(link, "Lena Khan"));
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DeadlineForm>();
        cut.WaitForAssertion(() => Assert.Contains("Due on", cut.Find("[data-testid=due-date]").TextContent));

        cut.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Sent to").Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "NHS South Birmingham").Click());
        Field(cut, "Subject").QuerySelector("input")!.Change("Waiting times for wheelchair assessments");
        // The test clock's today is Thursday 1 October 2026.
        Field(cut, "Date received").QuerySelector("input")!.Change("02/10/2026");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("The date received cannot be in the future.", Field(cut, "Date received").TextContent));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Deadlines.CountAsync());
    }

    [Fact]
    public async Task Save_RequestWithItsReasons_TheDecisionToSendItEntersTheDecisionsLog()
    {
        var database = await CreateDatabaseAsync();
        var (link, _) = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(link, "Lena Khan"));
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DeadlineForm>();
        cut.WaitForAssertion(() => Assert.Contains("Due on", cut.Find("[data-testid=due-date]").TextContent));

        cut.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Sent to").Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "NHS South Birmingham").Click());
        Field(cut, "Subject").QuerySelector("input")!.Change("Waiting times for wheelchair assessments");
        Field(cut, "Why the LINk decided to send it (optional, public)").QuerySelector("textarea")!.Change("Families told us of waits of a year.");
        Field(cut, "Date received").QuerySelector("input")!.Change("01/10/2026");
        cut.Find("form").Submit();

        await using var db = database.CreateContext();
        cut.WaitForAssertion(() => Assert.Equal(1, db.Deadlines.Count()));
        var decision = await db.RelevantDecisions.SingleAsync();
        Assert.Equal((link.Name, "Families told us of waits of a year.", "Lena Khan"), (decision.DecidedBy, decision.Reasons, decision.RecordedBy));
    }

    [Fact]
    public async Task Render_DateAndKindChosen_ShowsTheDueDateAndItsWorking()
    {
        var database = await CreateDatabaseAsync();
        var (link, _) = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(link, "Lena Khan"));
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineForm>();
        cut.WaitForAssertion(() => Field(cut, "Date received"));

        Field(cut, "Date received").QuerySelector("input")!.Change("01/10/2008");

        cut.WaitForAssertion(() => Assert.Equal("Due on Tue 28 Oct 2008", cut.Find("[data-testid=due-date]").TextContent.Trim()));
        Assert.Contains("the day of receipt counts as day 1", cut.Find("[data-testid=working]").TextContent);
    }

    [Theory]
    [InlineData("1/10/2008")]
    [InlineData("1/10/08")]
    [InlineData("01.10.2008")]
    [InlineData("2008-10-01")]
    [InlineData("1 Oct 2008")]
    public async Task Render_DateReceivedTypedAsPeopleWriteIt_ReadsItAndShowsTheDueDate(string typed)
    {
        var database = await CreateDatabaseAsync();
        var (link, _) = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(link, "Lena Khan"));
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineForm>();
        cut.WaitForAssertion(() => Field(cut, "Date received"));

        Field(cut, "Date received").QuerySelector("input")!.Change(typed);

        cut.WaitForAssertion(() => Assert.Equal("Due on Tue 28 Oct 2008", cut.Find("[data-testid=due-date]").TextContent.Trim()));
        Assert.Equal("Wednesday 1 October 2008", cut.Find("[data-testid=understood-date]").TextContent.Trim());
        Assert.DoesNotContain("Enter the date it was received", Field(cut, "Date received").TextContent);
    }

    [Fact]
    public async Task Save_DateReceivedImpossible_SaysItIsNotADateAndSavesNothing()
    {
        var database = await CreateDatabaseAsync();
        var (link, _) = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(link, "Lena Khan"));
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DeadlineForm>();
        cut.WaitForAssertion(() => Assert.Contains("Due on", cut.Find("[data-testid=due-date]").TextContent));

        cut.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Sent to").Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "NHS South Birmingham").Click());
        Field(cut, "Subject").QuerySelector("input")!.Change("Waiting times for wheelchair assessments");
        Field(cut, "Date received").QuerySelector("input")!.Change("31/02/2027");
        cut.Find("form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("31 February 2027 is not a date", Field(cut, "Date received").TextContent));
        Assert.Equal("31/02/2027", Field(cut, "Date received").QuerySelector("input")!.GetAttribute("value"));
        // One message for the field in the summary too: the one beside it, not the model's "Enter the date it was received." as well.
        var summary = cut.FindAll("[data-testid=error-summary] li").Select(li => li.TextContent.Trim()).ToList();
        var only = Assert.Single(summary);
        Assert.StartsWith("31 February 2027 is not a date", only, StringComparison.Ordinal);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Deadlines.CountAsync());
    }

    [Fact]
    public async Task Render_ScrutinyReferralChosen_OffersOnlyTheCommitteeAndRefusesTheCommissionerChosenBeforeKeepingIt()
    {
        var database = await CreateDatabaseAsync();
        var (link, _) = await SeedAsync(database);
        await database.SeedOrganisationAsync("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(link, "Lena Khan"));
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DeadlineForm>();
        cut.WaitForAssertion(() => Assert.Contains("Due on", cut.Find("[data-testid=due-date]").TextContent));
        List<string> Offered()
        {
            cut.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Sent to").Find("div.mud-input-control").MouseDown();
            List<string> items = [];
            popovers.WaitForAssertion(() => Assert.NotEmpty(items = [.. popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim())]));
            return items;
        }

        // A request for information goes to a commissioner or a provider: the committee is not offered.
        Assert.Equal(["NHS South Birmingham"], Offered());
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "NHS South Birmingham").Click();
        cut.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Kind").Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim().StartsWith("Acknowledgement of a scrutiny referral", StringComparison.Ordinal)).Click());

        cut.WaitForAssertion(() => Assert.Contains(
            "Acknowledgement of a scrutiny referral goes to a scrutiny committee; NHS South Birmingham is a commissioner. Choose a scrutiny committee, or another kind.",
            Field(cut, "Sent to").TextContent));
        Assert.Equal(["Health Overview and Scrutiny Committee", "NHS South Birmingham"], Offered().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Render_CommissionerEditor_IsToldOnlyTheLinkLogs()
    {
        var database = await CreateDatabaseAsync();
        var (_, commissioner) = await SeedAsync(database);
        Context.UseEngagementHub(database);
        var logs = new CapturingLoggerProvider();
        Context.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);
        Context.SignIn(EditorOf(commissioner, "Janet Rowe"));

        var cut = Context.Render<DeadlineForm>();

        cut.WaitForAssertion(() => Assert.Contains("Only editors of the LINk log requests", cut.Markup));
        Assert.Empty(cut.FindAll("form"));
        // A refusal shown by a page is a refusal like any other: logged with who tried what.
        Assert.Contains(logs.Warnings, l => l.Message.StartsWith("Access denied", StringComparison.Ordinal) && l.Message.Contains("log a deadline", StringComparison.Ordinal));
    }
}
