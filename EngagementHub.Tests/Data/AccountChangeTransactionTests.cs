using System.Data.Common;
using EngagementHub.Core;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>
/// Every change to an account is kept whole or not at all: Identity saves each step on its own, so a database lost
/// between the password and its audit entry (or between a disabled flag and the sessions it ends) used to keep the
/// first part. Each case fails one of the later writes and finds the account, its sessions, the audit log and the
/// submissions exactly as before — and the same act, tried again, works.
/// </summary>
public abstract class AccountChangeTransactionTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : AccountChangeTransactionTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : AccountChangeTransactionTests(DatabaseProvider.PostgreSql);

    private const string FirstPassword = "first harbour lantern nineteen";
    private const string NewPassword = "violet harbour lantern thirteen";

    private readonly DatabaseFault _fault = new();
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private int _organisationId;
    private string _userId = null!;

    private Actor Admin => new("admin-1", "Alex Admin", _organisationId, "Be Birmingham", UserRole.Admin);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.Build(_database, alter: services =>
            services.ConfigureDbContext<EngagementHubDbContext>((_, options) => options.AddInterceptors(_fault), ServiceLifetime.Singleton));

        await using (var db = _database.CreateContext())
        {
            var organisation = new Organisation("Be Birmingham", OrganisationKind.Partnership);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            _organisationId = organisation.Id;
        }

        var created = await Administration.CreateAsync(Admin, new NewUserInput
        {
            Email = "vic@example.org", DisplayName = "Vic Patel", OrganisationId = _organisationId, Role = UserRole.Editor, Password = FirstPassword,
        });
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        _userId = created.Value!;
        await using (var db = _database.CreateContext())
        {
            db.UserSessions.Add(new UserSession("session-1", _userId, [1, 2, 3], _database.Clock.GetUtcNow(), null));
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private UserAdministration Administration => _services.GetRequiredService<UserAdministration>();

    private Actor Vic => new(_userId, "Vic Patel", _organisationId, "Be Birmingham", UserRole.Editor);

    public static TheoryData<string> Changes() =>
    [
        "reset by link", "change own password", "accept invitation", "invite", "resend invitation", "set by administrator",
        "move to another role", "disable", "unlock", "create with a submission key",
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task Change_DatabaseFailsPartWay_KeepsNothingAndCanBeDoneAgain(string change)
    {
        var (act, laterWrite) = await ArrangeAsync(change);
        var before = await SnapshotAsync();

        using (_fault.RefuseWrites(laterWrite))
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(act);
            // The provider's error, as it arrives (PostgreSQL's execution strategy wraps one it counts as transient).
            Assert.Contains(Chain(failure), e => e is DbException);
        }

        Assert.Equal(before, await SnapshotAsync());
        await act();
        Assert.NotEqual(before, await SnapshotAsync());
    }

    /// <returns>The act (which throws when the database fails), and the write to fail: one after the act's first save.</returns>
    private async Task<(Func<Task> Act, Func<DbCommand, bool> LaterWrite)> ArrangeAsync(string change)
    {
        var passwords = _services.GetRequiredService<PasswordService>();
        var invitations = _services.GetRequiredService<Invitations>();
        var newPassword = new NewPasswordInput { Password = NewPassword, ConfirmPassword = NewPassword };
        switch (change)
        {
            case "reset by link":
            {
                var token = AccountMail.EncodeToken(await WithUserAsync((users, user) => users.GeneratePasswordResetTokenAsync(user)));
                return (Expect(() => passwords.ResetAsync(_userId, token, newPassword)), AuditEntrySaying("Password reset with an e-mailed link"));
            }

            case "change own password":
                return (Expect(() => passwords.ChangeAsync(
                        Vic, new ChangePasswordInput { CurrentPassword = FirstPassword, NewPassword = NewPassword, ConfirmPassword = NewPassword }, null)),
                    AuditEntrySaying("Password changed by its owner"));

            case "accept invitation":
            {
                var invited = await invitations.InviteAsync(Admin, Invitation("sam@example.org"));
                var token = AccountMail.EncodeToken(await WithUserAsync(
                    (users, user) => users.GenerateUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose),
                    invited.Value!.UserId));
                return (Expect(() => invitations.AcceptAsync(invited.Value.UserId, token, newPassword)), AuditEntrySaying("Invitation accepted"));
            }

            case "invite":
                return (Expect(() => invitations.InviteAsync(Admin, Invitation("sam@example.org"))), AuditEntrySaying("Invited by e-mail"));

            case "resend invitation":
            {
                var invited = await invitations.InviteAsync(Admin, Invitation("sam@example.org"));
                return (Expect(() => invitations.ResendAsync(Admin, invited.Value!.UserId)), AuditEntrySaying("Invitation sent again"));
            }

            case "set by administrator":
                return (Expect(() => Administration.SetPasswordAsync(Admin, _userId, NewPassword)), AuditEntrySaying("Password set by an administrator"));

            case "move to another role":
                return (Expect(() => Administration.UpdateAsListedAsync(Admin, _userId, "Vic Patel", _organisationId, UserRole.Viewer)),
                    EndingSessions);

            case "disable":
                return (Expect(() => Administration.SetDisabledAsync(Admin, _userId, disabled: true)), EndingSessions);

            case "unlock":
            {
                await using (var db = _database.CreateContext())
                {
                    var user = await db.Users.SingleAsync(u => u.Id == _userId);
                    user.LockoutEnd = _database.Clock.GetUtcNow().AddMinutes(15);
                    user.AccessFailedCount = 3;
                    await db.SaveChangesAsync();
                }

                // Lifting the lock-out and clearing the count are two of Identity's saves: the second one fails.
                var updates = 0;
                return (Expect(() => Administration.UnlockAsync(Admin, _userId)),
                    c => c.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase)
                         && c.CommandText.Contains("AspNetUsers", StringComparison.Ordinal) && ++updates == 2);
            }

            case "create with a submission key":
            {
                var key = new SubmissionKey(Guid.NewGuid());
                return (Expect(() => Administration.CreateAsync(Admin, new NewUserInput
                {
                    Email = "sam@example.org", DisplayName = "Sam Lee", OrganisationId = _organisationId, Role = UserRole.Viewer, Password = FirstPassword,
                }, key)),
                    c => c.CommandText.Contains("Submissions", StringComparison.Ordinal));
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }

    private static IEnumerable<Exception> Chain(Exception? failure)
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            yield return failure;
        }
    }

    private InvitationInput Invitation(string email) =>
        new() { Email = email, DisplayName = "Sam Lee", OrganisationId = _organisationId, Role = UserRole.Viewer };

    /// <summary>An act whose outcome must be a success when the database lets it through.</summary>
    private static Func<Task> Expect<T>(Func<Task<T>> act) where T : Outcome => async () =>
    {
        var outcome = await act();
        Assert.True(outcome.Succeeded, outcome.Problem ?? string.Join(" ", outcome.Errors.Select(e => e.Message)));
    };

    private static Func<DbCommand, bool> AuditEntrySaying(string what) => c =>
        c.CommandText.Contains("AuditLog", StringComparison.Ordinal)
        && c.Parameters.Cast<DbParameter>().Any(p => p.Value is string value && value.Contains(what, StringComparison.Ordinal));

    private static bool EndingSessions(DbCommand command) =>
        command.CommandText.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)
        && command.CommandText.Contains("UserSessions", StringComparison.Ordinal);

    private async Task<string> WithUserAsync(Func<UserManager<ApplicationUser>, ApplicationUser, Task<string>> use, string? userId = null)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await use(users, (await users.FindByIdAsync(userId ?? _userId))!);
    }

    /// <summary>Everything an account change may touch: every account's row, the sessions, the audit log and the submissions.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var db = _database.CreateContext();
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.Email)
            .Select(u => $"{u.Email} {u.PasswordHash} {u.SecurityStamp} {u.Role} {u.OrganisationId} {u.IsDisabled} {u.EmailConfirmed} {u.LockoutEnd} {u.AccessFailedCount}")
            .ToListAsync();
        var sessions = await db.UserSessions.CountAsync();
        var audit = await db.AuditEntries.CountAsync();
        var submissions = await db.Set<Submission>().CountAsync();
        return $"{string.Join(" | ", accounts)} · sessions {sessions} · audit {audit} · submissions {submissions}";
    }
}
