using Bunit;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Exercises;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.Exercises;

/// <summary>The exercise list reads every filter and the page from its address (<see cref="HomeScenario"/>'s partnership).</summary>
public sealed class ExerciseListTests : BunitTestContextBase
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

    private static List<string> Titles(IRenderedComponent<ExerciseList> cut) =>
        [.. cut.FindAll("td[data-label=Exercise] a").Select(a => a.TextContent.Trim())];

    private static string? Href(IRenderedComponent<ExerciseList> cut, string text) =>
        cut.FindAll("a").FirstOrDefault(a => a.TextContent.Contains(text, StringComparison.Ordinal))?.GetAttribute("href");

    [Fact]
    public async Task Render_NoFilters_OpensOnTheExercisesTheOrganisationTakesPartIn()
    {
        SignedIn(HomeScenario.Editor(_s.East), "/exercises");

        var cut = Context.Render<ExerciseList>();

        cut.WaitForAssertion(() => Assert.Equal(["East's own exercise"], Titles(cut)));
        Assert.Contains("Showing the exercises NHS Birmingham East and North takes part in.", cut.Find("[data-testid=list-scope]").TextContent);
        Assert.Equal("http://localhost/exercises?show=all", Href(cut, "Show the whole partnership"));
        Assert.Equal($"/exercises/export.csv?org={_s.East.Id}", Href(cut, "Export CSV"));
    }

    [Fact]
    public async Task Render_WholePartnershipAndAgreementInTheAddress_ShowsThoseAndKeepsThemInTheExports()
    {
        SignedIn(HomeScenario.Editor(_s.East), "/exercises?show=all&agreement=ChangeRequested");

        var cut = Context.Render<ExerciseList>();

        cut.WaitForAssertion(() => Assert.Equal(["Podiatry review"], Titles(cut)));
        Assert.Contains("Showing the whole partnership.", cut.Find("[data-testid=list-scope]").TextContent);
        Assert.Equal("http://localhost/exercises?agreement=ChangeRequested", Href(cut, "Only what concerns NHS Birmingham East and North"));
        Assert.Equal("/exercises/export.csv?agreement=ChangeRequested", Href(cut, "Export CSV"));
    }

    [Fact]
    public async Task Render_PageInTheAddress_OpensOnThatPage_AndFollowsTheAddressBack()
    {
        await using (var db = _database.CreateContext())
        {
            for (var i = 1; i <= 12; i++)
            {
                db.Exercises.Add(new EngagementExercise(new ExerciseInput
                {
                    Title = $"Listening event {i:00}",
                    Purpose = "Hear from people.",
                    LeadCommissionerId = _s.South.Id,
                    DecisionInformed = "The board's decision",
                    StartDate = new DateOnly(2026, 1, i),
                    EndDate = new DateOnly(2026, 2, 1),
                }, _s.Link.Id, _s.South.Id, HomeScenario.Now));
            }

            await db.SaveChangesAsync();
        }

        // South takes part in 14 exercises: page 2 of 10 a page holds the last 4 (newest first, the listening events oldest).
        SignedIn(HomeScenario.Editor(_s.South), "/exercises?page=2&size=10");
        var cut = Context.Render<ExerciseList>();

        cut.WaitForAssertion(() => Assert.Equal(["Listening event 04", "Listening event 03", "Listening event 02", "Listening event 01"], Titles(cut)));

        // Back to the first page, as the browser's Back button would: the list follows its address.
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/exercises?size=10");
        cut.WaitForAssertion(() => Assert.Equal(10, Titles(cut).Count));
        Assert.Contains("Podiatry review", Titles(cut));
    }

    [Fact]
    public async Task Render_OnTheCircuitAfterItsPrerender_ShowsThePrerenderedRowsWithoutLoadingThemAgain()
    {
        var ctx = Context;
        ctx.UseEngagementHub(_database);
        ctx.SignIn(HomeScenario.Editor(_s.East));
        var roundTrip = new PrerenderRoundTrip(ctx);
        ctx.RenderPopovers();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/exercises");

        var prerendered = roundTrip.Prerender<ExerciseList>();
        prerendered.WaitForAssertion(() => Assert.Equal(["East's own exercise"], Titles(prerendered)));
        Assert.NotNull(prerendered.Instance.FirstViewKey);
        roundTrip.PersistPrerenderedState();
        // Renamed after the prerender: a circuit that loaded the rows again would show the new title.
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await db.Exercises.Where(e => e.Title == "East's own exercise").ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, "Renamed since")));
        }

        var circuit = roundTrip.RenderOnTheCircuit<ExerciseList>();

        Assert.Equal(prerendered.Instance.FirstViewKey, circuit.Instance.FirstViewKey);
        Assert.Equal(["East's own exercise"], Titles(circuit));
        Assert.Contains("1–1 of 1", circuit.Find("[data-testid=pager-range]").TextContent);
    }
}
