using Bunit;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Layout;
using EngagementHub.Web.Identity;

namespace EngagementHub.Tests.Components.Layout;

public sealed class NavMenuTests
{
    [Fact]
    public async Task Render_Admin_ShowsAdministrationLinks()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = new BunitContext();
        ctx.UseEngagementHub(database);
        ctx.SignIn(People.Admin(1), Policies.Admin);

        var cut = ctx.Render<NavMenu>();

        Assert.Equal("Main", cut.Find("nav").GetAttribute("aria-label"));
        Assert.Equal(
            [("Annual timetable", "/timetable"), ("Engagement exercises", "/exercises"), ("Joint-working options", "/joint-working"), ("Response deadlines", "/deadlines"),
             ("Due date calculator", "/deadlines/calculator"),
             ("Partnership directory", "/directory"), ("Organisations", "/admin/organisations"), ("Users", "/admin/users"),
             ("Bank holidays", "/admin/holidays"), ("Deadline kinds", "/admin/deadline-kinds"),
             ("Failed reminders", "/admin/deliveries"), ("Background jobs", "/hangfire")],
            Links(cut));
        Assert.Contains("Administration", cut.Find("nav").TextContent);
    }

    [Theory]
    [InlineData(UserRole.Editor)]
    [InlineData(UserRole.Viewer)]
    public async Task Render_NotAdmin_ShowsOnlyThePartnershipPages(UserRole role)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = new BunitContext();
        ctx.UseEngagementHub(database);
        // No policies: the "Admin" policy is not satisfied, as for anyone without the Admin role.
        ctx.SignIn(role == UserRole.Editor ? People.Editor(1) : People.Viewer(1));

        var cut = ctx.Render<NavMenu>();

        Assert.Equal(
            [("Annual timetable", "/timetable"), ("Engagement exercises", "/exercises"), ("Joint-working options", "/joint-working"), ("Response deadlines", "/deadlines"),
             ("Due date calculator", "/deadlines/calculator"),
             ("Partnership directory", "/directory")],
            Links(cut));
        Assert.DoesNotContain("Administration", cut.Find("nav").TextContent);
    }

    private static List<(string Text, string? Href)> Links(IRenderedComponent<NavMenu> cut) =>
        cut.FindAll("nav a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
}
