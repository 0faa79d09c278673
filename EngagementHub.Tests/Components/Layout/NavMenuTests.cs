using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Layout;
using EngagementHub.Web.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Components.Layout;

public sealed class NavMenuTests : BunitTestContextBase
{
    [Fact]
    public async Task Render_Admin_ShowsAdministrationLinks()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Admin(1), Policies.Admin);

        var cut = Context.Render<NavMenu>();

        Assert.Equal("Main", cut.Find("nav").GetAttribute("aria-label"));
        Assert.Equal(
            [("My work", "/"), ("Annual timetable", "/timetable"), ("Engagement exercises", "/exercises"), ("Joint-working options", "/joint-working"), ("Response deadlines", "/deadlines"),
             ("Due date calculator", "/deadlines/calculator"), ("Work programme", "/work-programme"), ("Programme balance", "/work-programme/balance"), ("You said, we did", "/you-said-we-did"), ("Joint reviews", "/reviews"), ("Reports to print", "/reports"), ("Calendar feeds", "/calendar"),
             ("Partnership directory", "/directory"), ("Public site", "/public"), ("Organisations", "/admin/organisations"), ("Users", "/admin/users"),
             ("Bank holidays", "/admin/holidays"), ("Deadline kinds", "/admin/deadline-kinds"), ("Success criteria", "/admin/criteria"), ("Commissioning cycles", "/admin/cycles"),
             ("Failed e-mails", "/admin/deliveries"), ("Background jobs", "/hangfire")],
            Links(cut));
        Assert.Contains("Administration", cut.Find("nav").TextContent);
    }

    [Theory]
    [InlineData(UserRole.Editor)]
    [InlineData(UserRole.Viewer)]
    public async Task Render_NotAdmin_ShowsOnlyThePartnershipPages(UserRole role)
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        // No policies: the "Admin" policy is not satisfied, as for anyone without the Admin role.
        Context.SignIn(role == UserRole.Editor ? People.Editor(1) : People.Viewer(1));

        var cut = Context.Render<NavMenu>();

        Assert.Equal(
            [("My work", "/"), ("Annual timetable", "/timetable"), ("Engagement exercises", "/exercises"), ("Joint-working options", "/joint-working"), ("Response deadlines", "/deadlines"),
             ("Due date calculator", "/deadlines/calculator"), ("Work programme", "/work-programme"), ("Programme balance", "/work-programme/balance"), ("You said, we did", "/you-said-we-did"), ("Joint reviews", "/reviews"), ("Reports to print", "/reports"), ("Calendar feeds", "/calendar"),
             ("Partnership directory", "/directory"), ("Public site", "/public")],
            Links(cut));
        Assert.DoesNotContain("Administration", cut.Find("nav").TextContent);
    }

    [Theory]
    [InlineData("/deadlines", "/deadlines")]
    [InlineData("/deadlines/12", "/deadlines")]
    [InlineData("/deadlines/new", "/deadlines")]
    [InlineData("/deadlines/calculator", "/deadlines/calculator")]
    [InlineData("/deadlines/calculator?received=2026-10-01&workingDays=20", "/deadlines/calculator")]
    [InlineData("/exercises/7", "/exercises")]
    [InlineData("/exercises/7/edit", "/exercises")]
    [InlineData("/directory/3", "/directory")]
    [InlineData("/", "/")]
    [InlineData("/?x=1", "/")]
    public async Task Render_OnAPage_HighlightsOnlyItsSection(string page, string highlighted)
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(1));
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo(page);

        var cut = Context.Render<NavMenu>();

        Assert.Equal([highlighted], Highlighted(cut));
    }

    [Fact]
    public async Task Navigate_FromTheCalculatorToADeadline_HighlightMovesWithoutARerenderOfTheLayout()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(1));
        var navigation = Context.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/deadlines/calculator");
        var cut = Context.Render<NavMenu>();
        Assert.Equal(["/deadlines/calculator"], Highlighted(cut));

        await cut.InvokeAsync(() => navigation.NavigateTo("/deadlines/12"));

        cut.WaitForAssertion(() => Assert.Equal(["/deadlines"], Highlighted(cut)));
    }

    /// <summary>The links shown as the current section (NavLink's active class), by href.</summary>
    private static List<string?> Highlighted(IRenderedComponent<NavMenu> cut) =>
        cut.FindAll("nav a.active").Select(a => a.GetAttribute("href")).ToList();

    private static List<(string Text, string? Href)> Links(IRenderedComponent<NavMenu> cut) =>
        cut.FindAll("nav a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
}
