using System.Net;
using System.Text.RegularExpressions;
using EngagementHub.Core;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Account;
using EngagementHub.Web.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EngagementHub.Tests.Web;

/// <summary>
/// Invitations, "forgot password" and changing one's password, through the real pages and a real SMTP server on
/// 127.0.0.1 (the links are taken from the e-mails as received). Run on SQLite only, as every HTTP test whose subject
/// is not the database (ADR 20).
/// </summary>
/// <remarks>
/// The tests share one app per class (<see cref="MailApp"/>) and each works on people of its own: an invitee's address
/// of its own, and for an account it changes, an account of its own (<see cref="AppAccounts.NewAccountLikeAsync"/>).
/// Each test starts once the app's jobs from earlier tests are done and reads only the e-mails received after that.
/// A test that needs other settings, or moves the clock, starts an app of its own.
/// </remarks>
public abstract partial class AccountLinkTests(AccountLinkTests.MailApp fixture) : IAsyncLifetime
{
    public sealed class Sqlite(SqliteMailApp app) : AccountLinkTests(app), IClassFixture<SqliteMailApp>;

    public sealed class SqliteMailApp() : MailApp(DatabaseProvider.Sqlite);

    /// <summary>A real SMTP server for the class, and the demo app the class's tests share, sending its e-mail there.</summary>
    public abstract class MailApp(DatabaseProvider provider) : IAsyncLifetime
    {
        public DatabaseProvider Provider => provider;

        public SmtpSink Sink { get; private set; } = null!;

        public EngagementHubAppFactory Shared { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Sink = await SmtpSink.StartAsync(Path.Combine(Path.GetTempPath(), "engagementhub-mail-" + Guid.NewGuid().ToString("N")));
            Shared = NewApp([]);
        }

        /// <summary>A new demo app on a database of its own, sending its e-mail to the class's SMTP server.</summary>
        public EngagementHubAppFactory NewApp((string Key, string Value)[] settings)
        {
            var app = new EngagementHubAppFactory(provider);
            app.Settings["EngagementHub:Smtp:Host"] = "127.0.0.1";
            app.Settings["EngagementHub:Smtp:Port"] = Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            app.Settings["EngagementHub:Smtp:UseTls"] = "None";
            foreach (var (key, value) in settings)
            {
                app.Settings[key] = value;
            }

            return app;
        }

        public async Task DisposeAsync()
        {
            await Shared.DisposeAsync();
            await Sink.DisposeAsync();
            Directory.Delete(Sink.Folder, recursive: true);
        }
    }

    private const string NewPassword = "violet harbour lantern thirteen";

    /// <summary>The address this test invites: one no other test uses.</summary>
    private readonly string _invitee = $"priya.sharma.{Guid.NewGuid().ToString("N")[..12]}@pct.example.org";

    /// <summary>The apps this test started for itself (other settings, or a clock it moves).</summary>
    private readonly List<EngagementHubAppFactory> _ownApps = [];

    private SmtpSink _sink = null!;

    /// <summary>How many e-mails the SMTP server had received when this test began: the test reads only those after.</summary>
    private int _mailBefore;

    public async Task InitializeAsync()
    {
        _sink = fixture.Sink;
        var monitoring = fixture.Shared.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Wait.UntilAsync(() => monitoring.Queues().Sum(q => q.Length) == 0 && monitoring.ProcessingCount() == 0,
            "the shared app's jobs from earlier tests to finish");
        _mailBefore = _sink.Received().Count;
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _ownApps)
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// The demo app, sending its e-mail to the test's SMTP server: the class's shared app, or with
    /// <paramref name="settings"/> a new one of the test's own.
    /// </summary>
    private EngagementHubAppFactory App(params (string Key, string Value)[] settings)
    {
        if (settings.Length == 0)
        {
            return fixture.Shared;
        }

        var app = fixture.NewApp(settings);
        _ownApps.Add(app);
        return app;
    }

    /// <summary>A new app of the test's own, for a test that moves its clock.</summary>
    private EngagementHubAppFactory OwnApp()
    {
        var app = fixture.NewApp([]);
        _ownApps.Add(app);
        return app;
    }

    private async Task<Invited> InviteAsync(EngagementHubAppFactory app, int? into = null)
    {
        var admin = await app.ActorAsync(DemoAccounts.Admin);
        var organisationId = into ?? (await app.ActorAsync(DemoAccounts.Commissioner)).OrganisationId!.Value;
        var outcome = await app.Services.GetRequiredService<Invitations>().InviteAsync(admin, new InvitationInput
        {
            Email = _invitee, DisplayName = "Priya Sharma", OrganisationId = organisationId, Role = UserRole.Editor,
        });
        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Null(outcome.Value!.EmailProblem);
        return outcome.Value;
    }

    /// <summary>
    /// Waits for an e-mail the apps' background jobs send; when it never comes, the failure also says what became of
    /// the jobs of every app this test used (failed or waiting to retry, with the reason), so a stall can be told from a
    /// mail that was never asked for.
    /// </summary>
    private async Task WaitForMailAsync(Func<bool> arrived, string what)
    {
        try
        {
            await Wait.UntilAsync(arrived, what);
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message} Jobs: {JobsNow()}", e);
        }
    }

    private string JobsNow() => string.Join(" | ", new[] { fixture.Shared }.Concat(_ownApps).Select(app =>
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var failed = monitoring.FailedJobs(0, 10).Select(j => $"failed {j.Value.Job?.Method.Name}: {j.Value.ExceptionMessage}");
        var retrying = monitoring.ScheduledJobs(0, 10).Select(j =>
            $"scheduled {j.Value.Job?.Method.Name} for {j.Value.EnqueueAt:HH:mm:ss}: {monitoring.JobDetails(j.Key)?.History.FirstOrDefault()?.Reason}");
        return $"{monitoring.Queues().Sum(q => q.Length)} enqueued, {monitoring.ProcessingCount()} processing, " +
            $"{monitoring.SucceededListCount()} succeeded; " + string.Join("; ", failed.Concat(retrying));
    }));

    /// <summary>The path and query of the one link to <paramref name="path"/> in the newest e-mail to <paramref name="to"/>.</summary>
    private async Task<string> LinkInMailAsync(string to, string path, int nth = 1)
    {
        await WaitForMailAsync(() => MailTo(to).Count(m => Body(m).Contains(path, StringComparison.Ordinal)) >= nth, $"e-mail {nth} to {to} with a link to {path}");
        var message = MailTo(to).Where(m => Body(m).Contains(path, StringComparison.Ordinal)).ElementAt(nth - 1);
        var link = new Uri(Assert.Single(LinkPattern().Matches(Body(message)), m => m.Value.Contains(path, StringComparison.Ordinal)).Value);
        return link.PathAndQuery;
    }

    private static string Body(MimeMessage message) => message.TextBody ?? "";

    private List<MimeMessage> MailTo(string to) =>
        [.. AccountMail().Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>
    /// The account e-mails received (invitations, reset links, notices of account changes: Message-IDs "account-…"). On a
    /// working day the app's start-up reminder sweep also e-mails the demo's overdue reminders, which are not these tests'.
    /// </summary>
    private List<MimeMessage> AccountMail() =>
        [.. _sink.Received().Skip(_mailBefore).Where(m => m.MessageId?.StartsWith("account-", StringComparison.Ordinal) == true)];

    /// <summary>Submits the new-password form of a link; one whose page no longer shows the form is submitted as if opened earlier.</summary>
    private static Task<HttpResponseMessage> ChoosePasswordAsync(HttpClient client, string link, string formName, string password = NewPassword) =>
        client.PostFormAsync(link, formName, new Dictionary<string, string> { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password },
            tokenFrom: "/account/login");

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static async Task<List<string>> AccountEventsAsync(EngagementHubAppFactory app, string userId)
    {
        await using var db = app.Database.CreateContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ApplicationUser) && a.EntityId == userId).OrderBy(a => a.Id).ToListAsync();
        return [.. entries.SelectMany(e => e.Changes).Where(c => c.Property == "Account").Select(c => c.After!)];
    }

    [Fact]
    public async Task Invitation_LinkUsedOnce_PasswordSetAndThePersonCanSignIn()
    {
        var app = App(("EngagementHub:PublicBaseUrl", "https://engage.example.org.uk"));
        var invited = await InviteAsync(app);
        var mail = Assert.Single(MailTo(_invitee));
        Assert.Equal("You are invited to EngagementHub", mail.Subject);
        Assert.Contains("https://engage.example.org.uk/account/invitation?", Body(mail));
        Assert.Contains("for 7 days", Body(mail));
        var link = await LinkInMailAsync(_invitee, "/account/invitation");
        var anonymous = app.CreateAnonymous();
        Assert.Contains("Set my password", await anonymous.GetStringAsync(link));
        var listed = (await app.Services.GetRequiredService<UserAdministration>().ListAsync(await app.ActorAsync(DemoAccounts.Admin))).Single(u => u.Id == invited.UserId);
        Assert.True(listed.IsInvited);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAnonymous().PostSignInAsync(_invitee, NewPassword)).StatusCode); // no password yet: refused

        var accepted = await ChoosePasswordAsync(anonymous, link, "invitation");

        Assert.Contains("Your password is set", await TextAsync(accepted));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(_invitee, NewPassword)).StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            Assert.True(await db.Users.Where(u => u.Id == invited.UserId).Select(u => u.EmailConfirmed).SingleAsync());
        }

        var events = await AccountEventsAsync(app, invited.UserId);
        Assert.Collection(events,
            e => Assert.StartsWith("Invited by e-mail (link valid for 7 days)", e),
            e => Assert.StartsWith("Invitation accepted", e));
        await WaitForMailAsync(() => MailTo(_invitee).Any(m => m.Subject == "Your EngagementHub password was changed"), "the owner's notice");
        Assert.False((await app.Services.GetRequiredService<UserAdministration>().ListAsync(await app.ActorAsync(DemoAccounts.Admin))).Single(u => u.Id == invited.UserId).IsInvited);
    }

    [Fact]
    public async Task Invitation_LinkUsedTwice_SecondTimeRefusedAsAlreadyUsed()
    {
        var app = App();
        await InviteAsync(app);
        var link = await LinkInMailAsync(_invitee, "/account/invitation");
        Assert.StartsWith(EmailLinks.DefaultBaseUrl + "account/invitation?", LinkPattern().Match(Body(MailTo(_invitee)[0])).Value);
        await ChoosePasswordAsync(app.CreateAnonymous(), link, "invitation");

        var again = await app.CreateAnonymous().GetAsync(link);
        var posted = await ChoosePasswordAsync(app.CreateAnonymous(), link, "invitation", "a different passphrase altogether");

        Assert.Contains(Invitations.AcceptedMessage, await TextAsync(again));
        Assert.DoesNotContain("Set my password", await TextAsync(again));
        Assert.Contains(Invitations.AcceptedMessage, await TextAsync(posted));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(_invitee, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task Invitation_AfterItsLifetime_RefusedAsRunOut()
    {
        // Identity's token provider reads the system clock, not the app's TimeProvider: a lifetime of a millisecond
        // has run out by the time the e-mail has gone through the SMTP server.
        var app = App(("EngagementHub:Accounts:InvitationLifetime", "00:00:00.001"));
        await InviteAsync(app);
        var link = await LinkInMailAsync(_invitee, "/account/invitation");

        var opened = await app.CreateAnonymous().GetAsync(link);
        var posted = await ChoosePasswordAsync(app.CreateAnonymous(), link, "invitation");

        Assert.Contains(Invitations.ExpiredMessage, await TextAsync(opened));
        Assert.Contains(Invitations.ExpiredMessage, await TextAsync(posted));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateAnonymous().PostSignInAsync(_invitee, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task ResendAsync_Invited_NewLinkWorksAndTheEarlierOneIsRefused()
    {
        var app = App();
        var invited = await InviteAsync(app);
        var first = await LinkInMailAsync(_invitee, "/account/invitation");

        var resent = await app.Services.GetRequiredService<Invitations>().ResendAsync(await app.ActorAsync(DemoAccounts.Admin), invited.UserId);

        Assert.True(resent.Succeeded, resent.Problem);
        var second = await LinkInMailAsync(_invitee, "/account/invitation", nth: 2);
        Assert.Contains(Invitations.ExpiredMessage, await TextAsync(await app.CreateAnonymous().GetAsync(first)));
        Assert.Contains("Your password is set", await TextAsync(await ChoosePasswordAsync(app.CreateAnonymous(), second, "invitation")));
        Assert.Contains(await AccountEventsAsync(app, invited.UserId), e => e.StartsWith("Invitation sent again", StringComparison.Ordinal));
    }

    // ADR 4: deactivating an organisation stops its people as disabling stops one, and a link e-mailed before it (an
    // invitation, a password reset) stays spent once the organisation is reactivated. Each person's history says so, and
    // the administrator is told whose invitation to send again (ADR 18); the new one works.
    [Fact]
    public async Task DeactivatedOrganisation_LinksEmailedBeforeStaySpentOnceItIsReactivated()
    {
        var app = App();
        var leaving = await LeavingOrganisationAsync(app);

        foreach (var active in new[] { false, true })
        {
            await leaving.SetActiveAsync(active);
        }

        Assert.Contains(Invitations.ExpiredMessage, await TextAsync(await ChoosePasswordAsync(app.CreateAnonymous(), leaving.Invitation, "invitation")));
        Assert.Contains(PasswordService.LinkExpiredMessage, await TextAsync(await ChoosePasswordAsync(app.CreateAnonymous(), leaving.Reset, "reset")));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(leaving.Member, EngagementHubAppFactory.DemoPassword)).StatusCode);
        Assert.Contains(OrganisationDirectory.LinksSpentEvent, await AccountEventsAsync(app, leaving.MemberId));
        Assert.Contains(OrganisationDirectory.InvitationSpentEvent, await AccountEventsAsync(app, leaving.InvitedId));
        var admin = await app.ActorAsync(DemoAccounts.Admin);
        var toSendAgain = Assert.Single(await app.Services.GetRequiredService<UserAdministration>().InvitationsToSendAgainAsync(admin, leaving.OrganisationId));
        Assert.Equal((leaving.InvitedId, InvitationLink.Spent), (toSendAgain.Id, toSendAgain.Invitation));
        Assert.True((await app.Services.GetRequiredService<Invitations>().ResendAsync(admin, leaving.InvitedId)).Succeeded);
        var again = await LinkInMailAsync(_invitee, "/account/invitation", nth: 2);
        Assert.Contains("Your password is set", await TextAsync(await ChoosePasswordAsync(app.CreateAnonymous(), again, "invitation")));
    }

    // ADR 4: Identity saves an account whole. A save that read the person before the deactivation and saved after it
    // (here a sign-in's count of a wrong password) wrote the old security stamp back, and with it the links e-mailed
    // before worked again once the organisation was reactivated. The deactivation renews the concurrency stamp too, so
    // such a save is refused.
    [Fact]
    public async Task DeactivatedOrganisation_AnAccountSaveThatReadThePersonBefore_CannotBringTheLinksBack()
    {
        var app = App();
        var leaving = await LeavingOrganisationAsync(app);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var readBefore = new[] { (await users.FindByIdAsync(leaving.MemberId))!, (await users.FindByIdAsync(leaving.InvitedId))! };

        await leaving.SetActiveAsync(false);
        var saved = new List<bool>();
        foreach (var person in readBefore)
        {
            saved.Add((await users.AccessFailedAsync(person)).Succeeded);
        }

        await leaving.SetActiveAsync(true);

        Assert.Contains(Invitations.ExpiredMessage, await TextAsync(await ChoosePasswordAsync(app.CreateAnonymous(), leaving.Invitation, "invitation")));
        Assert.Contains(PasswordService.LinkExpiredMessage, await TextAsync(await ChoosePasswordAsync(app.CreateAnonymous(), leaving.Reset, "reset")));
        Assert.Equal([false, false], saved);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(leaving.Member, EngagementHubAppFactory.DemoPassword)).StatusCode);
    }

    /// <summary>An organisation of the test's own with a member (who asked for a reset link) and an invited person, and the two links e-mailed.</summary>
    private async Task<Leaving> LeavingOrganisationAsync(EngagementHubAppFactory app)
    {
        var admin = await app.ActorAsync(DemoAccounts.Admin);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var directory = app.Services.GetRequiredService<OrganisationDirectory>();
        var organisation = await directory.CreateAsync(admin, new OrganisationInput { Name = $"Leaving Forum {suffix}", Kind = OrganisationKind.VoluntarySector });
        Assert.True(organisation.Succeeded, organisation.Problem);
        var member = $"member.{suffix}@example.org";
        var created = await app.Services.GetRequiredService<UserAdministration>().CreateAsync(admin, new NewUserInput
        {
            Email = member, DisplayName = "Mo Leaving", OrganisationId = organisation.Value, Role = UserRole.Editor, Password = EngagementHubAppFactory.DemoPassword,
        });
        Assert.True(created.Succeeded, created.Problem);
        var invited = await InviteAsync(app, into: organisation.Value);
        var invitation = await LinkInMailAsync(_invitee, "/account/invitation");
        await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = member });
        var reset = await LinkInMailAsync(member, "/account/reset-password");
        return new Leaving(organisation.Value, member, created.Value!, invited.UserId, invitation, reset, async active =>
        {
            var changed = await directory.SetActiveAsync(admin, organisation.Value, active, (await directory.GetAsync(organisation.Value))!.Version);
            Assert.True(changed.Succeeded, changed.Problem);
        });
    }

    private sealed record Leaving(
        int OrganisationId, string Member, string MemberId, string InvitedId, string Invitation, string Reset, Func<bool, Task> SetActiveAsync);

    [Fact]
    public async Task CancelAsync_Invited_LinkRefusedAndTheAddressCanBeInvitedAgain()
    {
        var app = App();
        var invited = await InviteAsync(app);
        var link = await LinkInMailAsync(_invitee, "/account/invitation");
        var invitations = app.Services.GetRequiredService<Invitations>();

        var cancelled = await invitations.CancelAsync(await app.ActorAsync(DemoAccounts.Admin), invited.UserId);

        Assert.True(cancelled.Succeeded, cancelled.Problem);
        Assert.Contains(Invitations.NotFoundMessage, await TextAsync(await app.CreateAnonymous().GetAsync(link)));
        await InviteAsync(app);
    }

    [Fact]
    public async Task CancelAsync_Accepted_RefusedWithAMessage()
    {
        var app = App();
        var invited = await InviteAsync(app);
        await ChoosePasswordAsync(app.CreateAnonymous(), await LinkInMailAsync(_invitee, "/account/invitation"), "invitation");

        var cancelled = await app.Services.GetRequiredService<Invitations>().CancelAsync(await app.ActorAsync(DemoAccounts.Admin), invited.UserId);

        Assert.False(cancelled.Succeeded);
        Assert.Contains("already accepted", cancelled.Problem);
    }

    [Fact]
    public async Task InviteAsync_NotAdministrator_Refused()
    {
        var app = App();
        var editor = await app.ActorAsync(DemoAccounts.Commissioner);

        await Assert.ThrowsAsync<AccessDeniedException>(() => app.Services.GetRequiredService<Invitations>().InviteAsync(editor, new InvitationInput
        {
            Email = _invitee, DisplayName = "Priya Sharma", OrganisationId = editor.OrganisationId!.Value,
        }));
        Assert.Empty(AccountMail());
    }

    [Fact]
    public async Task Invitation_WeakPassword_RefusedAtTheFieldAndTheLinkStillWorks()
    {
        var app = App();
        await InviteAsync(app);
        var link = await LinkInMailAsync(_invitee, "/account/invitation");

        var weak = await ChoosePasswordAsync(app.CreateAnonymous(), link, "invitation", "short");

        Assert.Matches(new Regex("id=\"password-error\">\\s*<div class=\"validation-message\">[^<]*15"), await TextAsync(weak));
        Assert.Contains("Your password is set", await TextAsync(await ChoosePasswordAsync(app.CreateAnonymous(), link, "invitation")));
    }

    [Fact]
    public async Task ForgotPassword_KnownAddress_LinkWorksOnceAndEndsEveryOtherSession()
    {
        var app = App();
        var council = await app.NewAccountLikeAsync(DemoAccounts.Council);
        var elsewhere = await app.SignInAsync(council);
        var userId = await app.UserIdAsync(council);

        var asked = await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = council });

        Assert.Contains(ForgotPassword.SentMessage(TimeSpan.FromHours(1)), await TextAsync(asked));
        var link = await LinkInMailAsync(council, "/account/reset-password");
        Assert.Contains("Choose a new password", await app.CreateAnonymous().GetStringAsync(link));
        var reset = await ChoosePasswordAsync(app.CreateAnonymous(), link, "reset");
        Assert.Contains("Your password has been changed", await TextAsync(reset));

        var again = await ChoosePasswordAsync(app.CreateAnonymous(), link, "reset", "another passphrase for later");
        Assert.Contains(PasswordService.LinkExpiredMessage, await TextAsync(again));
        Assert.Contains(PasswordService.LinkExpiredMessage, await TextAsync(await app.CreateAnonymous().GetAsync(link)));

        var next = await elsewhere.GetAsync("/directory");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/login", next.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(council, NewPassword)).StatusCode);
        await WaitForMailAsync(() => MailTo(council).Any(m => m.Subject == "Your EngagementHub password was changed"), "the owner's notice");
        Assert.Contains("with a reset link", MailTo(council).Single(m => m.Subject == "Your EngagementHub password was changed").TextBody ?? "");
        var events = await AccountEventsAsync(app, userId);
        Assert.Collection(events,
            e => Assert.StartsWith("Password reset link e-mailed", e),
            e => Assert.StartsWith("Password reset with an e-mailed link", e));
    }

    [Fact]
    public async Task ResetPassword_AfterFiveWrongPasswords_SignsInAtOnceWithTheNewOne()
    {
        var app = App();
        var scrutiny = await app.NewAccountLikeAsync(DemoAccounts.Scrutiny);
        var client = app.CreateAnonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.PostSignInAsync(scrutiny, "a wrong guess at it");
        }

        var asked = await client.PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = scrutiny });
        Assert.Contains(ForgotPassword.SentMessage(TimeSpan.FromHours(1)), await TextAsync(asked));
        await ChoosePasswordAsync(client, await LinkInMailAsync(scrutiny, "/account/reset-password"), "reset");

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostSignInAsync(scrutiny, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_UnknownAddress_SamePageAndNothingSent()
    {
        var app = App();
        var link = await app.NewAccountLikeAsync(DemoAccounts.Link);
        const string unknown = "nobody.here@pct.example.org";

        var forUnknown = await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = unknown });
        var forKnown = await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = link });

        Assert.Equal(MainContent(await TextAsync(forKnown)), MainContent(await TextAsync(forUnknown)));
        await LinkInMailAsync(link, "/account/reset-password");
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        await Wait.UntilAsync(() => monitoring.SucceededJobs(0, 1000).Any(j =>
            j.Value.Job?.Type == typeof(PasswordResetEmailJob) && (string?)j.Value.Job.Args[0] == unknown), "the unknown address's job to finish");
        Assert.Empty(MailTo(unknown));
        Assert.Single(AccountMail());
    }

    [Fact]
    public async Task ForgotPassword_InvitationNotYetAccepted_SamePageNothingSentAndTheInvitationStillWorks()
    {
        var app = App();
        var invited = await InviteAsync(app);
        var invitation = await LinkInMailAsync(_invitee, "/account/invitation");
        var unknown = $"nobody.{Guid.NewGuid().ToString("N")[..12]}@pct.example.org";

        var forInvitee = await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = _invitee });
        var forUnknown = await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = unknown });

        Assert.Equal(MainContent(await TextAsync(forUnknown)), MainContent(await TextAsync(forInvitee)));
        await ResetJobsDoneAsync(app, _invitee, 1);
        Assert.DoesNotContain(MailTo(_invitee), m => Body(m).Contains("/account/reset-password", StringComparison.Ordinal));
        Assert.Contains("Your password is set", await TextAsync(await ChoosePasswordAsync(app.CreateAnonymous(), invitation, "invitation")));
        Assert.Collection(await AccountEventsAsync(app, invited.UserId),
            e => Assert.StartsWith("Invited by e-mail", e),
            e => Assert.StartsWith("Invitation accepted", e));
    }

    [Fact]
    public async Task ForgotPassword_ManyForOnePerson_AtMostThreeLinksAnHour()
    {
        // Asked for from anywhere (here, one address under a generous limit): the limit is the person's, not the address's.
        var app = App(("EngagementHub:SignIn:AttemptsPerAddress", "1000"));
        var council = await app.NewAccountLikeAsync(DemoAccounts.Council);
        var userId = await app.UserIdAsync(council);
        const int asked = 8;

        for (var request = 0; request < asked; request++)
        {
            var answer = await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = council });
            Assert.Contains(ForgotPassword.SentMessage(TimeSpan.FromHours(1)), await TextAsync(answer));
        }

        await ResetJobsDoneAsync(app, council, asked);
        Assert.Equal(3, MailTo(council).Count(m => m.Subject == "Reset your EngagementHub password"));
        Assert.Equal(3, (await AccountEventsAsync(app, userId)).Count(e => e.StartsWith("Password reset link e-mailed", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(council, EngagementHubAppFactory.DemoPassword)).StatusCode);
    }

    /// <summary>Waits until <paramref name="count"/> "forgot password" jobs for <paramref name="email"/> have finished.</summary>
    private static Task ResetJobsDoneAsync(EngagementHubAppFactory app, string email, int count)
    {
        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        return Wait.UntilAsync(() => monitoring.SucceededJobs(0, 1000).Count(j =>
            j.Value.Job?.Type == typeof(PasswordResetEmailJob) && (string?)j.Value.Job.Args[0] == email) >= count, $"{count} reset jobs for {email} to finish");
    }

    [Fact]
    public async Task ForgotPassword_UnknownAddress_AnswersInAboutTheTimeOfAKnownOne()
    {
        // Compared within one run, never against a fixed time: both only queue a job, and the look-up happens in it.
        // Each answer takes a few milliseconds, so a busy machine's pauses would swamp a median: the fastest of several
        // interleaved tries is each path's own cost (a look-up or a password hash on one path would multiply it).
        var app = App();
        var link = await app.NewAccountLikeAsync(DemoAccounts.Link);
        await TimeForgotAsync(app, "warm.up@example.org");
        var unknown = new List<double>();
        var known = new List<double>();
        for (var round = 0; round < 9; round++)
        {
            unknown.Add(await TimeForgotAsync(app, $"nobody{round}@example.org"));
            known.Add(await TimeForgotAsync(app, link));
        }

        Assert.InRange(unknown.Min() / known.Min(), 0.25, 4.0);
    }

    private static async Task<double> TimeForgotAsync(EngagementHubAppFactory app, string email)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = email });
        return clock.Elapsed.TotalMilliseconds;
    }

    [Fact]
    public async Task SetPasswordAsync_ByAdministrator_AuditedAndTheOwnerTold()
    {
        var app = App();
        var viewer = await app.NewAccountLikeAsync(DemoAccounts.Viewer);
        var userId = await app.UserIdAsync(viewer);
        var admin = await app.ActorAsync(DemoAccounts.Admin);

        var outcome = await app.Services.GetRequiredService<UserAdministration>().SetPasswordAsync(admin, userId, NewPassword);

        Assert.True(outcome.Succeeded);
        var notice = Assert.Single(MailTo(viewer));
        Assert.Contains($"by an administrator, {admin.DisplayName}", Body(notice));
        Assert.Contains(await AccountEventsAsync(app, userId), e => e.StartsWith("Password set by an administrator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetPassword_AfterItsLifetime_RefusedAsRunOut()
    {
        var app = App(("EngagementHub:Accounts:PasswordResetLifetime", "00:00:00.001"));
        await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = DemoAccounts.Council });
        var link = await LinkInMailAsync(DemoAccounts.Council, "/account/reset-password");

        var opened = await app.CreateAnonymous().GetAsync(link);
        var posted = await ChoosePasswordAsync(app.CreateAnonymous(), link, "reset");

        Assert.Contains(PasswordService.LinkExpiredMessage, await TextAsync(opened));
        Assert.Contains(PasswordService.LinkExpiredMessage, await TextAsync(posted));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(DemoAccounts.Council, EngagementHubAppFactory.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task ForgotPassword_ManyFromOneAddress_LimitedLikeSignIn()
    {
        var app = App(("EngagementHub:SignIn:AttemptsPerAddress", "3"));
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var response = await app.CreateAnonymous().PostFormAsync("/account/forgot-password", "forgot", new Dictionary<string, string> { ["Input.Email"] = $"someone{attempt}@example.org" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_RefusedAtTheField()
    {
        var app = App();
        var link = await app.NewAccountLikeAsync(DemoAccounts.Link);
        var client = await app.SignInAsync(link);

        var response = await client.PostFormAsync("/account", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not my password at all",
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches(new Regex("id=\"current-password-error\">\\s*<div class=\"validation-message\">This is not your current password\\.</div>"), await TextAsync(response));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(link, EngagementHubAppFactory.DemoPassword)).StatusCode);
        Assert.Empty(AccountMail());
    }

    [Fact]
    public async Task ChangePassword_RightCurrentPassword_KeepsThisSessionAndEndsTheOthers()
    {
        var app = OwnApp();
        var here = await app.SignInAsync(DemoAccounts.Link);
        var elsewhere = await app.SignInAsync(DemoAccounts.Link);
        var userId = await app.UserIdAsync(DemoAccounts.Link);

        var response = await here.PostFormAsync("/account", "change-password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = EngagementHubAppFactory.DemoPassword,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Contains("Your password has been changed", await TextAsync(response));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/directory")).StatusCode);
        // The next revalidation compares the security stamp: this session carries the new one.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/directory")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/directory")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(DemoAccounts.Link, NewPassword)).StatusCode);
        var notice = Assert.Single(MailTo(DemoAccounts.Link));
        Assert.Equal("Your EngagementHub password was changed", notice.Subject);
        Assert.Contains("If this was not you", notice.TextBody ?? "");
        Assert.Contains("from your account page", notice.TextBody ?? "");
        Assert.Contains(await AccountEventsAsync(app, userId), e => e.StartsWith("Password changed by its owner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AccountPage_SignedIn_ReachableFromTheAppBar()
    {
        var app = App();
        var client = await app.SignInAsync(DemoAccounts.Link);

        Assert.Contains("href=\"/account\"", await client.GetStringAsync("/directory"));
        var page = await client.GetAsync("/account");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Change your password", await TextAsync(page));
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().GetAsync("/account")).StatusCode);
    }

    private static string MainContent(string page) => Regex.Match(page, "<main[^>]*>(.*)</main>", RegexOptions.Singleline).Groups[1].Value;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();
}
