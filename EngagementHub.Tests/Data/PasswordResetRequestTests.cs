using System.Collections.Concurrent;
using EngagementHub.Core;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>
/// "Forgot password" as its background job runs it (<see cref="PasswordService.RequestResetAsync"/>): who is sent a
/// link, and how many. Run against SQLite and PostgreSQL.
/// </summary>
public abstract class PasswordResetRequestTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : PasswordResetRequestTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : PasswordResetRequestTests(DatabaseProvider.PostgreSql);

    private const string Password = "first harbour lantern nineteen";
    private const string ResetSubject = "Reset your EngagementHub password";

    private readonly Mailbox _mail = new();
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private int _organisationId;

    private Actor Admin => new("admin-1", "Alex Admin", _organisationId, "Be Birmingham", UserRole.Admin);

    private PasswordService Passwords => _services.GetRequiredService<PasswordService>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.Build(_database, alter: services => services.AddSingleton<IEmailSender>(_mail));
        await using var db = _database.CreateContext();
        var organisation = new Organisation("Be Birmingham", OrganisationKind.Partnership);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        _organisationId = organisation.Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private async Task<string> AccountAsync(string email)
    {
        var created = await _services.GetRequiredService<UserAdministration>().CreateAsync(Admin, new NewUserInput
        {
            Email = email, DisplayName = "Vic Patel", OrganisationId = _organisationId, Role = UserRole.Editor, Password = Password,
        });
        Assert.True(created.Succeeded, created.Problem);
        return created.Value!;
    }

    private async Task<string> InvitedAsync(string email)
    {
        var invited = await _services.GetRequiredService<Invitations>().InviteAsync(Admin, new InvitationInput
        {
            Email = email, DisplayName = "Priya Sharma", OrganisationId = _organisationId, Role = UserRole.Editor,
        });
        Assert.True(invited.Succeeded, invited.Problem);
        return invited.Value!.UserId;
    }

    private async Task<List<string>> AccountEventsAsync(string userId)
    {
        await using var db = _database.CreateContext();
        var entries = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(ApplicationUser) && a.EntityId == userId).ToListAsync();
        return [.. entries.SelectMany(e => e.Changes).Where(c => c.Property == "Account").Select(c => c.After!)];
    }

    [Fact]
    public async Task RequestResetAsync_InvitationNotYetAccepted_SendsNothing()
    {
        var userId = await InvitedAsync("priya@example.org");

        await Passwords.RequestResetAsync("priya@example.org");

        Assert.DoesNotContain(_mail.Sent, m => m.Subject == ResetSubject);
        Assert.DoesNotContain(await AccountEventsAsync(userId), e => e.StartsWith("Password reset", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetAsync_InvitationNotYetAcceptedWithAResetToken_RefusedAndNoPasswordSet()
    {
        // A reset link minted for an invitation (as "forgot password" used to send) must not activate the account.
        var userId = await InvitedAsync("priya@example.org");
        string token;
        await using (var scope = _services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            token = AccountMail.EncodeToken(await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(userId))!));
        }

        var state = await Passwords.CheckResetAsync(userId, token);
        var reset = await Passwords.ResetAsync(userId, token, new NewPasswordInput { Password = Password, ConfirmPassword = Password });

        Assert.Equal(AccountLinkState.NotFound, state);
        Assert.False(reset.Succeeded);
        Assert.Equal(PasswordService.LinkExpiredMessage, reset.Problem);
        await using var db = _database.CreateContext();
        Assert.Null(await db.Users.Where(u => u.Id == userId).Select(u => u.PasswordHash).SingleAsync());
    }

    [Fact]
    public async Task RequestResetAsync_AccountThatCanSignIn_SendsALink()
    {
        var userId = await AccountAsync("vic@example.org");

        await Passwords.RequestResetAsync(" VIC@example.org ");

        Assert.Single(_mail.Sent, m => m.Subject == ResetSubject && m.To == "vic@example.org");
        Assert.Contains(await AccountEventsAsync(userId), e => e.StartsWith("Password reset link e-mailed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestResetAsync_ManyForOnePerson_ThreeLinksAnHourWhileOthersAreUnaffected()
    {
        await AccountAsync("vic@example.org");
        await AccountAsync("sam@example.org");

        for (var request = 0; request < 6; request++)
        {
            await Passwords.RequestResetAsync("vic@example.org");
        }

        await Passwords.RequestResetAsync("sam@example.org");
        Assert.Equal(3, ResetLinksTo("vic@example.org"));
        Assert.Equal(1, ResetLinksTo("sam@example.org"));

        _database.Clock.Advance(TimeSpan.FromMinutes(59));
        await Passwords.RequestResetAsync("vic@example.org");
        Assert.Equal(3, ResetLinksTo("vic@example.org"));

        _database.Clock.Advance(TimeSpan.FromMinutes(1));
        await Passwords.RequestResetAsync("vic@example.org");
        Assert.Equal(4, ResetLinksTo("vic@example.org"));
    }

    [Fact]
    public async Task RequestResetAsync_ManyAtOnce_ThreeLinks()
    {
        // Jobs on several nodes at once: each takes one of the person's places in the database, or none is left.
        await AccountAsync("vic@example.org");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Passwords.RequestResetAsync("vic@example.org"))));

        Assert.Equal(3, ResetLinksTo("vic@example.org"));
    }

    [Fact]
    public async Task RequestResetAsync_MailServerDown_TheFailedTriesDoNotCount()
    {
        await AccountAsync("vic@example.org");
        _mail.Failing = true;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await Assert.ThrowsAsync<IOException>(() => Passwords.RequestResetAsync("vic@example.org"));
        }

        _mail.Failing = false;
        for (var request = 0; request < 4; request++)
        {
            await Passwords.RequestResetAsync("vic@example.org");
        }

        Assert.Equal(3, ResetLinksTo("vic@example.org"));
    }

    [Fact]
    public async Task RequestResetAsync_OrganisationDeactivated_SendsNothingAndAnEarlierLinkIsRefused()
    {
        var userId = await AccountAsync("vic@example.org");
        await Passwords.RequestResetAsync("vic@example.org");
        var link = Assert.Single(_mail.Sent, m => m.Subject == ResetSubject);
        var token = System.Text.RegularExpressions.Regex.Match(link.Body, "token=([A-Za-z0-9_-]+)").Groups[1].Value;
        await using (var db = _database.CreateContext())
        {
            (await db.Organisations.SingleAsync(o => o.Id == _organisationId)).Deactivate();
            await db.SaveChangesAsync();
        }

        await Passwords.RequestResetAsync("vic@example.org");

        Assert.Equal(1, ResetLinksTo("vic@example.org"));
        Assert.Equal(AccountLinkState.NotFound, await Passwords.CheckResetAsync(userId, token));
    }

    private int ResetLinksTo(string email) => _mail.Sent.Count(m => m.Subject == ResetSubject && m.To == email);

    /// <summary>Keeps what it was asked to send, from any thread; <see cref="Failing"/> makes it throw instead.</summary>
    private sealed class Mailbox : IEmailSender
    {
        private readonly ConcurrentQueue<EmailMessage> _sent = new();

        public bool Failing { get; set; }

        public IReadOnlyList<EmailMessage> Sent => [.. _sent];

        public Task SendAsync(EmailMessage message, CancellationToken ct = default)
        {
            if (Failing)
            {
                throw new IOException("The mail server did not answer.");
            }

            _sent.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}
