using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Identity;
using MudBlazor;
using OrganisationsPage = EngagementHub.Web.Components.Pages.Admin.Organisations;

namespace EngagementHub.Tests.Components.Admin;

public sealed class OrganisationsTests : BunitTestContextBase
{
    [Fact]
    public async Task Render_Admin_ListsActiveAndDeactivatedOrganisationsWithStatus()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var forum = await database.SeedOrganisationAsync("Old Forum", OrganisationKind.VoluntarySector, o => o.Deactivate());
        Context.SignIn(People.Admin(pct.Id), Policies.Admin);
        var (cut, _) = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));

        Assert.Equal("Active", Cell(Row(cut, "NHS South Birmingham"), "Status"));
        Assert.Equal("Deactivated", Cell(Row(cut, "Old Forum"), "Status"));
        Assert.Equal($"/directory/{forum.Id}", Row(cut, "Old Forum").QuerySelector("td[data-label=Organisation] a")!.GetAttribute("href"));
        Assert.Single(cut.FindAll("button[aria-label='Reactivate Old Forum']"));
        Assert.Single(cut.FindAll("button[aria-label='Deactivate NHS South Birmingham']"));
    }

    [Fact]
    public async Task Deactivate_Admin_MarksItDeactivated()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Admin(pct.Id), Policies.Admin);
        var (cut, snackbars) = RenderPage();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Deactivate NHS South Birmingham']").Click());

        cut.WaitForAssertion(() => Assert.Equal("Deactivated", Cell(Row(cut, "NHS South Birmingham"), "Status")));
        Assert.Single(cut.FindAll("button[aria-label='Reactivate NHS South Birmingham']"));
        snackbars.WaitForAssertion(() => Assert.Contains("NHS South Birmingham deactivated.", Messages(snackbars)));
        Assert.False((await database.ReloadAsync(pct.Id))!.IsActive);
    }

    [Fact]
    public async Task Deactivate_EditorWhoReachesThePage_IsRefusedByTheServer()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        // bUnit does not apply the page's [Authorize(Policy = "Admin")], which the router enforces in the app: this
        // is the editor who somehow got the page, and only the service's own check stands in the way.
        Context.SignIn(People.Editor(pct.Id));
        var (cut, snackbars) = RenderPage();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Deactivate NHS South Birmingham']").Click());

        snackbars.WaitForAssertion(() => Assert.Contains("Only an administrator can do this.", Messages(snackbars)));
        Assert.Equal("Active", Cell(Row(cut, "NHS South Birmingham"), "Status"));
        Assert.True((await database.ReloadAsync(pct.Id))!.IsActive);
    }

    private (IRenderedComponent<OrganisationsPage> Page, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderPage()
    {
        Context.RenderPopovers();
        Context.Render<MudDialogProvider>();
        var snackbars = Context.Render<MudSnackbarProvider>();
        return (Context.Render<OrganisationsPage>(), snackbars);
    }

    private static IEnumerable<string> Messages(IRenderedComponent<MudSnackbarProvider> snackbars) =>
        snackbars.FindAll(".mud-snackbar-content-message").Select(m => m.TextContent.Trim());

    private static IElement Row(IRenderedComponent<OrganisationsPage> cut, string name) =>
        cut.FindAll("tbody tr").Single(r => r.QuerySelector("td[data-label=Organisation]")?.TextContent.Trim() == name);

    private static string Cell(IElement row, string column) => row.QuerySelector($"td[data-label='{column}']")!.TextContent.Trim();
}
