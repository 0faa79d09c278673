using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.Deadlines;

/// <summary>The deadlines list reads every filter from its address (<see cref="HomeScenario"/>'s partnership).</summary>
public sealed class DeadlineListTests : BunitTestContextBase
{
    private TestDatabase _database = default!;
    private HomeScenario _s = default!;

    public override async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync(HomeScenario.DatabaseAsync);
        _s = await HomeScenario.LoadAsync(_database);
    }

    private BunitContext SignedIn(Actor actor, string url)
    {
        Context.UseEngagementHub(_database);
        Context.SignIn(actor);
        Context.RenderPopovers();
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        return Context;
    }

    private static List<string> Subjects(IRenderedComponent<DeadlineList> cut, string table) =>
        [.. cut.FindAll($"[data-testid={table}] td[data-label=Subject] a").Select(a => a.TextContent.Trim())];

    private static string? Href(IRenderedComponent<DeadlineList> cut, string text) =>
        cut.FindAll("a").FirstOrDefault(a => a.TextContent.Contains(text, StringComparison.Ordinal))?.GetAttribute("href");

    [Fact]
    public async Task Render_NoFilters_OpensOnWhatTheOrganisationSentOrReceived()
    {
        SignedIn(HomeScenario.Editor(_s.South), "/deadlines");

        var cut = Context.Render<DeadlineList>();

        cut.WaitForAssertion(() => Assert.Equal(["Wheelchair waiting times"], Subjects(cut, "overdue")));
        Assert.DoesNotContain("Care home visits", Subjects(cut, "all-deadlines"));
        Assert.Contains("Showing what concerns NHS South Birmingham", cut.Find("[data-testid=list-scope]").TextContent);
        Assert.Equal("http://localhost/deadlines?show=all", Href(cut, "Show the whole partnership"));
        Assert.Equal($"/deadlines/export.csv?org={_s.South.Id}", Href(cut, "Export CSV"));
    }

    [Fact]
    public async Task Render_WholePartnershipAndOverdueInTheAddress_ShowsEveryOverdueOneAndKeepsThemInTheExports()
    {
        SignedIn(HomeScenario.Viewer(_s.Regulator), "/deadlines?show=all&state=overdue");

        var cut = Context.Render<DeadlineList>();

        cut.WaitForAssertion(() => Assert.Equal(["Wheelchair waiting times", "Care home visits"], Subjects(cut, "all-deadlines")));
        Assert.Equal(["Wheelchair waiting times", "Care home visits"], Subjects(cut, "overdue"));
        Assert.Contains("Showing the whole partnership.", cut.Find("[data-testid=list-scope]").TextContent);
        Assert.Equal("/deadlines/export.xlsx?state=Overdue", Href(cut, "Export Excel"));

        // Back to what concerns the regulator, as Back would: nothing was sent to it, and the list says so.
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/deadlines?state=Overdue");
        cut.WaitForAssertion(() => Assert.Empty(Subjects(cut, "all-deadlines")));
        Assert.Contains("No deadline matches these filters. Only what concerns Care Quality Commission is shown.", cut.Find("[data-testid=all-deadlines]").TextContent);
    }

    [Fact]
    public async Task Render_FollowedUpByMeInTheAddress_ShowsWhoFollowsEachUpAndOnlyTheReadersOwn()
    {
        var owner = HomeScenario.Editor(_s.Link);
        SignedIn(owner, "/deadlines?show=all&owner=me");

        var cut = Context.Render<DeadlineList>();

        cut.WaitForAssertion(() => Assert.Contains("Wheelchair waiting times", Subjects(cut, "all-deadlines")));
        Assert.Contains("Care home visits", Subjects(cut, "all-deadlines"));
        Assert.All(cut.FindAll("[data-testid=all-deadlines] td[data-label='Followed up by']"), td => Assert.Equal(owner.DisplayName, td.TextContent.Trim()));
        Assert.Equal($"/deadlines/export.csv?owner={owner.UserId}", Href(cut, "Export CSV"));
    }

    [Fact]
    public async Task Render_FollowedUpByMe_SomeoneWhoFollowsUpNone_ListsNone()
    {
        SignedIn(new Actor("user-priya", "Priya Shah", _s.Link.Id, _s.Link.Name, UserRole.Editor), "/deadlines?show=all&owner=me");

        var cut = Context.Render<DeadlineList>();

        cut.WaitForAssertion(() => Assert.Contains("No deadline matches these filters.", cut.Find("[data-testid=all-deadlines]").TextContent));
        Assert.Contains("Wheelchair waiting times", Subjects(cut, "overdue"));
        Assert.Equal("/deadlines/export.csv?owner=user-priya", Href(cut, "Export CSV"));
    }

    [Fact]
    public async Task Render_NothingDueAtAll_SaysNothingIsDueThisWeekNotNothingElse()
    {
        SignedIn(HomeScenario.Viewer(_s.Regulator), "/deadlines");

        var cut = Context.Render<DeadlineList>();

        cut.WaitForAssertion(() => Assert.Contains("Nothing is overdue.", cut.Find("[data-testid=overdue]").TextContent));
        Assert.Contains("Nothing is due this week.", cut.Find("[data-testid=due-this-week]").TextContent);
        Assert.DoesNotContain("Nothing else", cut.Find("[data-testid=due-this-week]").TextContent);
    }

    [Fact]
    public async Task Render_OnTheCircuitAfterItsPrerender_ShowsThePrerenderedRowsWithoutLoadingThemAgain()
    {
        var ctx = Context;
        ctx.UseEngagementHub(_database);
        ctx.SignIn(HomeScenario.Editor(_s.South));
        var roundTrip = new PrerenderRoundTrip(ctx);
        ctx.RenderPopovers();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/deadlines");

        var prerendered = roundTrip.Prerender<DeadlineList>();
        prerendered.WaitForAssertion(() => Assert.Equal(["Wheelchair waiting times"], Subjects(prerendered, "overdue")));
        Assert.NotNull(prerendered.Instance.FirstViewKey);
        roundTrip.PersistPrerenderedState();
        // Renamed after the prerender: a circuit that loaded the rows again would show the new subject.
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await db.Deadlines.Where(d => d.Subject == "Wheelchair waiting times").ExecuteUpdateAsync(s => s.SetProperty(d => d.Subject, "Renamed since")));
        }

        var circuit = roundTrip.RenderOnTheCircuit<DeadlineList>();

        Assert.Equal(prerendered.Instance.FirstViewKey, circuit.Instance.FirstViewKey);
        Assert.Equal(["Wheelchair waiting times"], Subjects(circuit, "overdue"));
        Assert.Empty(circuit.FindAll("[aria-label='Loading the deadlines']"));
    }
}
