using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.WorkProgramme;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.WorkProgramme;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.WorkProgramme;

/// <summary>The balance view over three health issues raised in 2026/27 (the test clock's year): one big thing, one quick win.</summary>
public sealed class BalancePageTests : BunitTestContextBase
{
    private TestDatabase _database = default!;
    private Organisation _link = default!;

    public override async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _link = await _database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var today = UkTime.Today(_database.Clock);
        await using var db = _database.CreateContext();
        RaisedIssue Raise(string title)
        {
            var issue = new RaisedIssue(_link.Id, new RaisedIssueInput
            {
                Title = title, Description = "About it.", ReferrerName = "Maya Patel", ReferrerContact = "maya@example.org", Sector = CareSector.Health,
                RaisedOn = today.AddDays(-30), Term = IssueTerm.ShortTerm, Origin = IssueOrigin.Reactive, Reach = IssueReach.Majority,
            }, _link.Id, "user-1", "Lena Khan", _database.Clock.GetUtcNow());
            db.RaisedIssues.Add(issue);
            return issue;
        }

        var big = Raise("Hearing loops in every clinic");
        Assert.True(big.RecordBusinessCase(today, "Lena Khan", new BusinessCaseInput
        {
            AffectsManyPeople = true, LongLasting = true, SignificantResources = true, SuccessLooksLike = "Loops fitted.",
        }, new Dictionary<IssueStep, string?> { [IssueStep.Discussed] = "Clear", [IssueStep.Consulted] = "Known" }).Succeeded);
        var quick = Raise("Pharmacy lunchtime closing");
        Assert.True(quick.RecordDecision(today, "Lena Khan", new PanelDecisionInput { Outcome = PanelOutcome.WorkWithAnotherOrganisation, PanelMembers = "Chair", Reasons = "Quick." },
            today.AddDays(28), new Dictionary<IssueStep, string?> { [IssueStep.Discussed] = "Clear", [IssueStep.Consulted] = "Known", [IssueStep.BusinessCase] = "Quick win" }).Succeeded);
        Raise("Parking charges");
        await db.SaveChangesAsync();
    }

    private BunitContext SignedIn(string url)
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(People.Viewer(_link.Id, _link.Name));
        Context.RenderPopovers();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Context;
    }

    [Fact]
    public async Task Render_ThisYear_TableGivesEachSidesCountAndTheRatio()
    {
        SignedIn("/work-programme/balance");

        var cut = Context.Render<BalancePage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=balance-figures]")));
        string Cell(BalanceDimension dimension, string side) => cut.Find($"tr[data-dimension={dimension}] td[data-side={side}]").TextContent.Trim();
        Assert.Equal("Health: 3", Cell(BalanceDimension.CareSector, "0"));
        Assert.Equal("Social care: 0", Cell(BalanceDimension.CareSector, "1"));
        Assert.Equal("Health and social care: 0", Cell(BalanceDimension.CareSector, "2"));
        Assert.Equal("Quick win: 1", Cell(BalanceDimension.Size, "0"));
        Assert.Equal("Big thing: 1", Cell(BalanceDimension.Size, "1"));
        Assert.Equal("1", Cell(BalanceDimension.Size, "none"));
        Assert.Equal("3", Cell(BalanceDimension.PartnerSector, "none"));
        Assert.Contains("1 big thing and 1 quick win.", cut.Find("[data-testid=ratio]").TextContent);
        Assert.Contains("asks for 2", cut.Find("[data-testid=ratio]").TextContent);
        Assert.Equal(3, cut.FindAll("[data-testid=balance-issues] tbody tr").Count);
        Assert.Contains("Big thing (3 of 6)", cut.Find("[data-testid=balance-issues]").TextContent);
        Assert.DoesNotContain("Maya", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ThisYear_WarnsInPlainWords()
    {
        SignedIn("/work-programme/balance");

        var cut = Context.Render<BalancePage>();

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=warnings] li")));
        var warnings = cut.FindAll("[data-testid=warnings] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Contains("No social care work in 2026/27: all 3 issues placed are about health only.", warnings);
        Assert.Contains("No proactive work in 2026/27: all 3 issues placed are reactive.", warnings);
        Assert.Contains(warnings, w => w.StartsWith("Too few quick wins in 2026/27: 1 for 1 big thing.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_EarlierYearAndAStepInTheAddress_ShowsThatYearsIssuesAtThatStep()
    {
        SignedIn("/work-programme/balance?year=2025");
        var earlier = Context.Render<BalancePage>();
        earlier.WaitForAssertion(() => Assert.Equal("No issue raised in 2025/26 matches these filters.", earlier.Find("[data-testid=no-issues]").TextContent.Trim()));

        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/work-programme/balance?step=Decided");
        var decided = Context.Render<BalancePage>();

        decided.WaitForAssertion(() => Assert.Equal(["Pharmacy lunchtime closing"], decided.FindAll("[data-testid=balance-issues] tbody th").Select(th => th.TextContent.Trim())));
        Assert.Contains("(1 in use)", decided.Find(".filters__toggle").TextContent);
    }
}
