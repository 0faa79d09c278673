using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Directory;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Directory;

public sealed class ContactEditDialogTests : BunitTestContextBase
{
    [Fact]
    public async Task Save_ViewerWhoReachesTheDialogAnyway_IsRefusedByTheServerAndNothingIsSaved()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Viewer(pct.Id));
        var (dialogs, snackbars, page) = RenderPage(pct.Id);
        page.WaitForAssertion(() => Assert.Equal("NHS South Birmingham", page.Find("h1").TextContent.Trim()));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Add contact");

        // The button is hidden from a viewer; open the dialog regardless, as a tampered circuit could, so the only
        // thing left to stop the save is the check in the server-side service.
        await OpenAddContactAsync(dialogs, pct.Id);
        Field(dialogs, "Name").QuerySelector("input")!.Change("Mallory");
        dialogs.Find("form").Submit();

        snackbars.WaitForAssertion(() => Assert.Equal(
            ["Only an administrator or an editor of this organisation can change its entry."], Messages(snackbars)));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Empty((await database.ReloadAsync(pct.Id))!.Contacts);
    }

    [Fact]
    public async Task Save_EditorAddsLinkRequestsContact_PageListsThemWithTheChip()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Editor(pct.Id));
        var (dialogs, snackbars, page) = RenderPage(pct.Id);

        page.WaitForAssertion(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Add contact").Click());
        dialogs.WaitForAssertion(() => Field(dialogs, "Name").QuerySelector("input")!.Change("Priya Shah"));
        dialogs.Find("input[type=checkbox]").Change(true);
        dialogs.Find("form").Submit();

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        snackbars.WaitForAssertion(() => Assert.Equal(["Contact saved."], Messages(snackbars)));
        page.WaitForAssertion(() =>
        {
            var name = page.Find("table tbody td[data-label=Name]");
            Assert.StartsWith("Priya Shah", name.TextContent.Trim());
            Assert.Equal("Receives LINk requests", name.QuerySelector(".mud-chip")!.TextContent.Trim());
        });
        Assert.True(Assert.Single((await database.ReloadAsync(pct.Id))!.Contacts).ReceivesLinkRequests);
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars,
        IRenderedComponent<OrganisationDetail> Page) RenderPage(int organisationId)
    {
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        var snackbars = Context.Render<MudSnackbarProvider>();
        var page = Context.Render<OrganisationDetail>(p => p.Add(x => x.Id, organisationId));
        return (dialogs, snackbars, page);
    }

    private async Task OpenAddContactAsync(IRenderedComponent<MudDialogProvider> dialogs, int organisationId)
    {
        var service = Context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ContactEditDialog> { { d => d.OrganisationId, organisationId } };
        await dialogs.InvokeAsync(() => service.ShowAsync<ContactEditDialog>("Add contact", parameters, DialogDefaults.Form));
        dialogs.WaitForAssertion(() => Assert.Single(dialogs.FindAll(".mud-dialog")));
    }

    private static IEnumerable<string> Messages(IRenderedComponent<MudSnackbarProvider> snackbars) =>
        snackbars.FindAll(".mud-snackbar-content-message").Select(m => m.TextContent.Trim());

    private static IElement Field(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.FindAll(".mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);
}
