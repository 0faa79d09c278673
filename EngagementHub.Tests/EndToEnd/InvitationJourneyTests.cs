using System.Text.RegularExpressions;
using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>The app with its e-mail going to a real SMTP server, and its public address set to where it listens.</summary>
public sealed class MailingLiveApp : LiveApp
{
    public SmtpSink Smtp { get; private set; } = default!;

    protected override async Task<int> PrepareAsync()
    {
        Smtp = await SmtpSink.StartAsync(Path.Combine(Factory.Database.Directory, "received"));
        var port = SmtpSink.FreePort();
        Factory.Settings["EngagementHub:Smtp:Host"] = "127.0.0.1";
        Factory.Settings["EngagementHub:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Factory.Settings["EngagementHub:Smtp:UseTls"] = "None";
        Factory.Settings["EngagementHub:PublicBaseUrl"] = $"http://127.0.0.1:{port}/";
        return port;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

public sealed partial class InvitationJourneyTests(BrowserFixture browser, MailingLiveApp app) : BrowserTest(browser, app), IClassFixture<MailingLiveApp>
{
    [Fact]
    public async Task Invitation_AdminInvitesAndTheInviteeSetsAPassword_InviteeSignsIn()
    {
        const string email = "amara.osei@pct.example.org";
        const string password = "copper kettle meadow brightly";
        await SignInAsync(DemoAccounts.Admin, to: "admin/users");
        await WaitForInteractiveAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Invite user", Exact = true }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog, new() { Name = "Invite user" });
        await dialog.GetByLabel("E-mail address", new() { Exact = true }).FillAsync(email);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("Amara Osei");
        await ChooseAsync(Page, "Organisation", "Birmingham City Council");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Send invitation", Exact = true }).ClickAsync();

        await Expect(dialog).ToBeHiddenAsync();
        await Expect(Page.GetByText("Invitation sent.", new() { Exact = false })).ToBeVisibleAsync();
        var row = Page.GetByRole(AriaRole.Row).Filter(new() { HasTextString = email });
        await Expect(row).ToContainTextAsync("Invited, not yet accepted");

        await Wait.UntilAsync(() => App is MailingLiveApp { Smtp: var smtp } && smtp.Received().Any(m => m.To.ToString().Contains(email, StringComparison.Ordinal)),
            "the invitation e-mail");
        var mail = ((MailingLiveApp)App).Smtp.Received().Single(m => m.To.ToString().Contains(email, StringComparison.Ordinal));
        var link = LinkPattern().Match(mail.TextBody ?? "").Value;
        Assert.StartsWith(App.BaseAddress + "account/invitation?", link);

        var invitee = await OpenPageAsync(1280, 800);
        await invitee.GotoAsync(link);
        await Expect(Heading(invitee, "Choose your password")).ToBeVisibleAsync();
        await invitee.AssertAccessibleAsync();
        await invitee.GetByLabel("New password", new() { Exact = true }).FillAsync(password);
        await invitee.GetByLabel("New password again", new() { Exact = true }).FillAsync(password);
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Set my password", Exact = true }).ClickAsync();
        await Expect(invitee.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set");

        await invitee.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await SignInAsync(invitee, email, password);
        await Expect(invitee.GetByTestId("app-user")).ToContainTextAsync("Amara Osei");
    }

    [GeneratedRegex(@"https?://\S+account/invitation\?\S+")]
    private static partial Regex LinkPattern();
}
