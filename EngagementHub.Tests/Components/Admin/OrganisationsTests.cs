using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
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
        var (cut, _, _) = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr").Count));

        Assert.Equal("Active", Cell(Row(cut, "NHS South Birmingham"), "Status"));
        Assert.Equal("Deactivated", Cell(Row(cut, "Old Forum"), "Status"));
        Assert.Equal($"/directory/{forum.Id}", Row(cut, "Old Forum").QuerySelector("td[data-label=Organisation] a")!.GetAttribute("href"));
        Assert.Single(cut.FindAll("button[aria-label='Reactivate Old Forum']"));
        Assert.Single(cut.FindAll("button[aria-label='Deactivate NHS South Birmingham']"));
    }

    [Fact]
    public async Task Deactivate_AdminConfirms_MarksItDeactivated()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Admin(link.Id), Policies.Admin);
        var (cut, dialogs, snackbars) = RenderPage();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Deactivate NHS South Birmingham']").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("signed out at once", dialogs.Find(".mud-dialog").TextContent));
        await ClickDialogButtonAsync(dialogs, "Deactivate");

        cut.WaitForAssertion(() => Assert.Equal("Deactivated", Cell(Row(cut, "NHS South Birmingham"), "Status")));
        Assert.Single(cut.FindAll("button[aria-label='Reactivate NHS South Birmingham']"));
        snackbars.WaitForAssertion(() => Assert.Contains("NHS South Birmingham deactivated.", Messages(snackbars)));
        Assert.False((await database.ReloadAsync(pct.Id))!.IsActive);
    }

    [Fact]
    public async Task Deactivate_AnotherAdministratorChangedItSinceTheListWasRead_RefusedNamingThemAndStaysActive()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Admin(link.Id), Policies.Admin);
        var (cut, dialogs, snackbars) = RenderPage();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("button[aria-label='Deactivate NHS South Birmingham']")));

        // Another administrator reactivates nothing but changes the organisation after this list was read.
        var directory = Context.Services.GetRequiredService<OrganisationDirectory>();
        var changed = OrganisationInput.From((await directory.GetAsync(pct.Id))!);
        changed.ShortName = "NHS SB";
        Assert.True((await directory.UpdateAsync(People.Admin(link.Id) with { UserId = "user-ben", DisplayName = "Ben Admin" }, pct.Id, changed)).Succeeded);
        cut.Find("button[aria-label='Deactivate NHS South Birmingham']").Click();
        await ClickDialogButtonAsync(dialogs, "Deactivate");

        snackbars.WaitForAssertion(() => Assert.Contains(Messages(snackbars), m => m.StartsWith("Ben Admin saved this organisation on ", StringComparison.Ordinal)));
        Assert.True((await database.ReloadAsync(pct.Id))!.IsActive);
        Assert.Equal("Active", Cell(Row(cut, "NHS South Birmingham"), "Status"));
    }

    [Fact]
    public async Task Deactivate_Cancelled_StaysActive()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var pct = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Admin(link.Id), Policies.Admin);
        var (cut, dialogs, _) = RenderPage();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Deactivate NHS South Birmingham']").Click());

        await ClickDialogButtonAsync(dialogs, "Cancel");

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal("Active", Cell(Row(cut, "NHS South Birmingham"), "Status"));
        Assert.True((await database.ReloadAsync(pct.Id))!.IsActive);
    }

    [Fact]
    public async Task Deactivate_AdminsOwnOrganisation_RefusedWithTheReason()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        Context.SignIn(People.Admin(link.Id), Policies.Admin);
        var (cut, dialogs, snackbars) = RenderPage();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Deactivate Birmingham LINk']").Click());

        await ClickDialogButtonAsync(dialogs, "Deactivate");

        snackbars.WaitForAssertion(() => Assert.Contains(OrganisationDirectory.OwnOrganisationMessage, Messages(snackbars)));
        Assert.Equal("Active", Cell(Row(cut, "Birmingham LINk"), "Status"));
        Assert.True((await database.ReloadAsync(link.Id))!.IsActive);
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
        var (cut, dialogs, snackbars) = RenderPage();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Deactivate NHS South Birmingham']").Click());
        await ClickDialogButtonAsync(dialogs, "Deactivate");

        snackbars.WaitForAssertion(() => Assert.Contains("Only an administrator can do this.", Messages(snackbars)));
        Assert.Equal("Active", Cell(Row(cut, "NHS South Birmingham"), "Status"));
        Assert.True((await database.ReloadAsync(pct.Id))!.IsActive);
    }

    // ADR 18: deactivating spent the links e-mailed to its people, and reactivating does not bring them back. The
    // administrator who reactivates it is told whose invitation to send again, with the resend action next to each.
    [Fact]
    public async Task Reactivate_APersonWhoseInvitationWasSpent_NamesThemWithTheResendActionThatSendsIt()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database).UseAccounts();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var forum = await database.SeedOrganisationAsync("Old Forum", OrganisationKind.VoluntarySector);
        var admin = People.Admin(link.Id);
        Context.SignIn(admin, Policies.Admin);
        var invited = await Context.Services.GetRequiredService<Invitations>().InviteAsync(admin, new InvitationInput
        {
            Email = "priya.sharma@forum.example.org", DisplayName = "Priya Sharma", OrganisationId = forum.Id, Role = UserRole.Editor,
        });
        Assert.True(invited.Succeeded, invited.Problem);
        var directory = Context.Services.GetRequiredService<OrganisationDirectory>();
        Assert.True((await directory.SetActiveAsync(admin, forum.Id, active: false, (await directory.GetAsync(forum.Id))!.Version)).Succeeded);
        var (cut, _, snackbars) = RenderPage();

        cut.WaitForAssertion(() => cut.Find("button[aria-label='Reactivate Old Forum']").Click());

        cut.WaitForAssertion(() => Assert.Contains(
            "Old Forum is active again, but one person has not accepted the invitation e-mailed before it was deactivated, and that link no longer works.",
            OneLine(cut.Find("#invitations-to-send-again").TextContent)));
        Assert.Contains("Priya Sharma (priya.sharma@forum.example.org)", cut.Find("#invitations-to-send-again li").TextContent);
        Assert.Equal("/admin/users", cut.Find("#invitations-to-send-again a").GetAttribute("href"));
        var sent = Context.Services.GetRequiredService<EngagementHub.Core.Notifications.IEmailSender>() as RecordingEmailSender;
        var before = sent!.Sent.Count;

        await cut.Find("button[aria-label='Resend the invitation to Priya Sharma']").ClickAsync(new());

        snackbars.WaitForAssertion(() => Assert.Contains("Invitation sent again to priya.sharma@forum.example.org.", Messages(snackbars)));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#invitations-to-send-again")));
        Assert.Equal("priya.sharma@forum.example.org", Assert.Single(sent.Sent.Skip(before)).To);
    }

    [Fact]
    public async Task Deactivate_Confirmation_SaysTheLinksEmailedBeforeStopWorkingAndInvitationsMustBeSentAgain()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        Context.SignIn(People.Admin(link.Id), Policies.Admin);
        var (cut, dialogs, _) = RenderPage();

        cut.WaitForAssertion(() => cut.Find("button[aria-label='Deactivate NHS South Birmingham']").Click());

        dialogs.WaitForAssertion(() => Assert.Contains(
            "Links already e-mailed to them (invitations, password resets) stop working for good: once it is reactivated, invitations not yet accepted must be sent again.",
            dialogs.Find(".mud-dialog").TextContent));
    }

    private static async Task ClickDialogButtonAsync(IRenderedComponent<MudDialogProvider> dialogs, string button)
    {
        IElement? target = null;
        dialogs.WaitForAssertion(() => target = dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == button));
        await target!.ClickAsync(new());
    }

    private (IRenderedComponent<OrganisationsPage> Page, IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderPage()
    {
        Context.RenderPopovers();
        var dialogs = Context.Render<MudDialogProvider>();
        var snackbars = Context.Render<MudSnackbarProvider>();
        return (Context.Render<OrganisationsPage>(), dialogs, snackbars);
    }

    private static IEnumerable<string> Messages(IRenderedComponent<MudSnackbarProvider> snackbars) =>
        snackbars.FindAll(".mud-snackbar-content-message").Select(m => m.TextContent.Trim());

    private static IElement Row(IRenderedComponent<OrganisationsPage> cut, string name) =>
        cut.FindAll("tbody tr").Single(r => r.QuerySelector("td[data-label=Organisation]")?.TextContent.Trim() == name);

    private static string Cell(IElement row, string column) => row.QuerySelector($"td[data-label='{column}']")!.TextContent.Trim();
}
