using AngleSharp.Dom;
using Bunit;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using UsersPage = EngagementHub.Web.Components.Pages.Admin.Users;

namespace EngagementHub.Tests.Components.Admin;

/// <summary>The users page's account of invitations: whose must be sent again, and the resend action next to it (ADR 18).</summary>
public sealed class UsersTests : BunitTestContextBase
{
    private TestDatabase _database = null!;
    private Actor _admin = null!;
    private string _invitedId = null!;
    private IRenderedComponent<MudDialogProvider>? _dialogs;

    public override async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Context.UseEngagementHub(_database).UseAccounts();
        var link = await _database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        _admin = People.Admin(link.Id);
        Context.SignIn(_admin, Policies.Admin);
        var invited = await Context.Services.GetRequiredService<Invitations>().InviteAsync(_admin, new InvitationInput
        {
            Email = "priya.sharma@link.example.org", DisplayName = "Priya Sharma", OrganisationId = link.Id, Role = UserRole.Editor,
        });
        Assert.True(invited.Succeeded, invited.Problem);
        _invitedId = invited.Value!.UserId;
    }

    // Disabling spent the invitation's link, and enabling does not bring it back: the administrator who enables the
    // person is told to send it again, with the action one click away, and the list says so until it is sent.
    [Fact]
    public async Task Enable_InvitedPersonWhoseLinkWasSpent_SaysToSendItAgainAndTheActionSendsIt()
    {
        Assert.True((await Context.Services.GetRequiredService<UserAdministration>().SetDisabledAsync(_admin, _invitedId, disabled: true)).Succeeded);
        var (cut, snackbars) = RenderPage();
        cut.WaitForAssertion(() => Assert.Equal("Disabled", Cell(Row(cut, "Priya Sharma"), "Status")));

        await cut.Find("button[aria-label='Enable Priya Sharma']").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains(
            "Priya Sharma has not accepted their invitation, and the link e-mailed to them no longer works",
            cut.Find("#invitation-to-send-again").TextContent));
        Assert.Contains("Send the invitation again so they can choose their password.", cut.Find("#invitation-to-send-again").TextContent);
        Assert.Equal("Invitation no longer works: send it again", Cell(Row(cut, "Priya Sharma"), "Status"));
        var sent = (RecordingEmailSender)Context.Services.GetRequiredService<IEmailSender>();
        var before = sent.Sent.Count;

        await cut.Find("#resend-invitation-again").ClickAsync(new());

        snackbars.WaitForAssertion(() => Assert.Contains(
            "Invitation sent again to priya.sharma@link.example.org; the earlier link no longer works.", Messages(snackbars)));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("#invitation-to-send-again")));
        Assert.Equal("Invited, not yet accepted", Cell(Row(cut, "Priya Sharma"), "Status"));
        Assert.Equal("priya.sharma@link.example.org", Assert.Single(sent.Sent.Skip(before)).To);
    }

    [Fact]
    public void Disable_InvitedPerson_TheConfirmationSaysTheirInvitationStopsWorkingForGood()
    {
        var (cut, _) = RenderPage();
        var dialogs = _dialogs!;
        cut.WaitForAssertion(() => Assert.Equal("Invited, not yet accepted", Cell(Row(cut, "Priya Sharma"), "Status")));

        cut.Find("button[aria-label='Disable Priya Sharma']").Click();

        dialogs.WaitForAssertion(() => Assert.Contains(
            "The invitation e-mailed to them stops working for good: once they are enabled, send it again.", dialogs.Find(".mud-dialog").TextContent));
    }

    // The account's own state (active, invited) is not the whole story: nobody of a deactivated organisation signs in, so
    // the list says that rather than "Active", and asks for no invitation to be sent again until it is back (ADR 4).
    [Fact]
    public async Task Render_PeopleOfADeactivatedOrganisation_ShownAsUnableToSignIn()
    {
        var south = await _database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var invited = await Context.Services.GetRequiredService<Invitations>().InviteAsync(_admin, new InvitationInput
        {
            Email = "colin.marsh@south.example.org", DisplayName = "Colin Marsh", OrganisationId = south.Id, Role = UserRole.Editor,
        });
        Assert.True(invited.Succeeded, invited.Problem);
        var current = await _database.ReloadAsync(south.Id);
        Assert.True((await Context.Services.GetRequiredService<OrganisationDirectory>().SetActiveAsync(_admin, south.Id, active: false, current!.Version)).Succeeded);

        var (cut, _) = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("Organisation deactivated: cannot sign in", Cell(Row(cut, "Colin Marsh"), "Status")));
        Assert.Equal("Invited, not yet accepted", Cell(Row(cut, "Priya Sharma"), "Status"));
    }

    private (IRenderedComponent<UsersPage> Page, IRenderedComponent<MudSnackbarProvider> Snackbars) RenderPage()
    {
        Context.RenderPopovers();
        _dialogs = Context.Render<MudDialogProvider>();
        var snackbars = Context.Render<MudSnackbarProvider>();
        return (Context.Render<UsersPage>(), snackbars);
    }

    private static IEnumerable<string> Messages(IRenderedComponent<MudSnackbarProvider> snackbars) =>
        snackbars.FindAll(".mud-snackbar-content-message").Select(m => m.TextContent.Trim());

    private static IElement Row(IRenderedComponent<UsersPage> cut, string name) =>
        cut.FindAll("tbody tr").Single(r => r.QuerySelector("td[data-label=Name]")?.TextContent.Trim() == name);

    private static string Cell(IElement row, string column) => row.QuerySelector($"td[data-label='{column}']")!.TextContent.Trim();
}
