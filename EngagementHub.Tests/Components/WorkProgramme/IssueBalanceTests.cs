using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.WorkProgramme;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.WorkProgramme;

/// <summary>An issue's page places it on the programme's balance: the LINk's editors change it, others read it.</summary>
public sealed class IssueBalanceTests : BunitTestContextBase
{
    private TestDatabase _database = default!;
    private Organisation _link = default!;
    private Organisation _south = default!;
    private int _issueId;

    public override async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _link = await _database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        _south = await _database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        await using var db = _database.CreateContext();
        var issue = new RaisedIssue(_link.Id, new RaisedIssueInput
        {
            Title = "Blue badge assessments take too long", Description = "Four months.", ReferrerName = "Jean Morris", Sector = CareSector.SocialCare,
            Locality = "Yardley", RaisedOn = UkTime.Today(_database.Clock).AddDays(-10), Origin = IssueOrigin.Reactive,
        }, _link.Id, "user-1", "Lena Khan", _database.Clock.GetUtcNow());
        db.RaisedIssues.Add(issue);
        await db.SaveChangesAsync();
        _issueId = issue.Id;
    }

    private BunitContext SignedIn(Actor actor)
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(actor);
        Context.RenderPopovers();
        return Context;
    }

    /// <summary>Another of the LINk's editors saves a placement of the issue with <paramref name="reach"/>, through the service.</summary>
    private async Task ColleaguePlacesItAsync(IssueReach reach)
    {
        await using var db = _database.CreateContext();
        var theirs = BalanceInput.From(await db.RaisedIssues.AsNoTracking().SingleAsync());
        theirs.Reach = reach;
        var colleague = People.Editor(_link.Id, _link.Name) with { UserId = "user-sam", DisplayName = "Sam Patel" };
        Assert.True((await Context.Services.GetRequiredService<WorkProgrammeService>().PlaceAsync(colleague, _issueId, theirs)).Succeeded);
    }

    private static string Placement(IRenderedComponent<IssueDetail> cut, BalanceDimension dimension) =>
        cut.FindAll("[data-testid=balance] dt").Single(dt => dt.TextContent == dimension.Label()).NextElementSibling!.TextContent.Trim();

    [Fact]
    public async Task Render_Commissioner_ReadsThePlacementsWithoutAForm()
    {
        SignedIn(People.Editor(_south.Id));

        var cut = Context.Render<IssueDetail>(p => p.Add(c => c.Id, _issueId));

        cut.WaitForAssertion(() => Assert.Equal("Reactive", Placement(cut, BalanceDimension.Origin)));
        Assert.Equal("Local: Yardley", Placement(cut, BalanceDimension.Scope));
        Assert.Equal("Social care", Placement(cut, BalanceDimension.CareSector));
        Assert.Equal("Not placed", Placement(cut, BalanceDimension.Reach));
        Assert.Equal("Not placed until the business case is written or skipped", Placement(cut, BalanceDimension.Size));
        Assert.Empty(cut.FindAll("[data-testid=balance] form"));
    }

    [Fact]
    public async Task Save_SocialCareIssueOnAcuteServices_SaysSoNextToTheFieldKeepsTheChoiceAndSavesNothing()
    {
        SignedIn(People.Editor(_link.Id, _link.Name));
        var cut = Context.Render<IssueDetail>(p => p.Add(c => c.Id, _issueId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=balance] form")));
        var fields = cut.FindComponent<BalanceFields>();

        await cut.InvokeAsync(() => fields.Instance.Model.Setting = ServiceSetting.Acute);
        cut.Find("[data-testid=balance] form").Submit();

        const string message = "Acute services are hospital health care: a social care issue is community or primary, or leave it not placed.";
        cut.WaitForAssertion(() => Assert.Contains(message, cut.Find("[data-testid=balance] .mud-input-error").TextContent));
        Assert.Contains(message, cut.Find("[data-testid=balance] [data-testid=error-summary]").TextContent);
        Assert.Equal(ServiceSetting.Acute, fields.Instance.Model.Setting);
        await using var db = _database.CreateContext();
        Assert.Null((await db.RaisedIssues.SingleAsync()).Setting);
    }

    [Fact]
    public async Task Save_LinkEditorPlacesTheIssue_SavedAndShown()
    {
        SignedIn(People.Editor(_link.Id, _link.Name));
        var cut = Context.Render<IssueDetail>(p => p.Add(c => c.Id, _issueId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=balance] form")));

        await cut.InvokeAsync(() =>
        {
            var model = cut.FindComponent<BalanceFields>().Instance.Model;
            model.Reach = IssueReach.Minority;
            model.Setting = ServiceSetting.Community;
        });
        cut.Find("[data-testid=balance] form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Minority", Placement(cut, BalanceDimension.Reach)));
        Assert.Equal("Community or primary", Placement(cut, BalanceDimension.Setting));
        await using var db = _database.CreateContext();
        Assert.Equal(IssueReach.Minority, (await db.RaisedIssues.SingleAsync()).Reach);
    }
    [Fact]
    public async Task RecordStep_SomeoneElsePlacedTheIssueMeanwhile_ChoicesTypedHereKeptAndSaidToReplaceTheirs()
    {
        SignedIn(People.Editor(_link.Id, _link.Name));
        var cut = Context.Render<IssueDetail>(p => p.Add(c => c.Id, _issueId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=balance] form")));
        await cut.InvokeAsync(() => cut.FindComponent<BalanceFields>().Instance.Model.Reach = IssueReach.Minority);

        // A colleague places it while this page is open; then this page records the next step, which reads the issue again.
        await ColleaguePlacesItAsync(IssueReach.Majority);
        cut.FindAll("form").Single(f => f.TextContent.Contains("Record this step", StringComparison.Ordinal)).Submit();

        cut.WaitForAssertion(() => Assert.Equal("Majority", Placement(cut, BalanceDimension.Reach)));
        Assert.Contains("Someone else changed the placement while this form was open", cut.Find("[data-testid=placement-changed]").TextContent);
        Assert.Equal(IssueReach.Minority, cut.FindComponent<BalanceFields>().Instance.Model.Reach);

        // Told, the person saves theirs in its place.
        cut.Find("[data-testid=balance] form").Submit();

        cut.WaitForAssertion(() => Assert.Equal("Minority", Placement(cut, BalanceDimension.Reach)));
        Assert.Empty(cut.FindAll("[data-testid=placement-changed]"));
        await using var check = _database.CreateContext();
        Assert.Equal(IssueReach.Minority, (await check.RaisedIssues.SingleAsync()).Reach);
    }

    [Fact]
    public async Task RecordStep_SomeoneElsePlacedTheIssueMeanwhileAndNothingWasTypedHere_TheFormShowsTheirs()
    {
        SignedIn(People.Editor(_link.Id, _link.Name));
        var cut = Context.Render<IssueDetail>(p => p.Add(c => c.Id, _issueId));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=balance] form")));
        await ColleaguePlacesItAsync(IssueReach.Majority);

        cut.FindAll("form").Single(f => f.TextContent.Contains("Record this step", StringComparison.Ordinal)).Submit();

        cut.WaitForAssertion(() => Assert.Equal(IssueReach.Majority, cut.FindComponent<BalanceFields>().Instance.Model.Reach));
        Assert.Empty(cut.FindAll("[data-testid=placement-changed]"));
    }
}
