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

/// <summary>Account administration through real Identity on a real SQLite file.</summary>
public abstract class UserAdministrationTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : UserAdministrationTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : UserAdministrationTests(DatabaseProvider.PostgreSql);

    private const string GoodPassword = "Str0ng-Passw0rd!";

    private readonly CapturingLoggerProvider _logs = new();
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private UserAdministration _administration = null!;
    private int _organisationId;

    private Actor Admin => new("admin-1", "Alex Admin", _organisationId, "Be Birmingham", UserRole.Admin);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _services = CoreServices.Build(_database, _logs);
        _administration = _services.GetRequiredService<UserAdministration>();

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

    private NewUserInput NewUser(string email = "vic@example.org", string password = GoodPassword) => new()
    {
        Email = email,
        DisplayName = " Vic Patel ",
        OrganisationId = _organisationId,
        Role = UserRole.Editor,
        Password = password,
    };

    [Fact]
    public async Task CreateAsync_Admin_CreatesUserWithRoleAndOrganisation()
    {
        var outcome = await _administration.CreateAsync(Admin, NewUser(" vic@example.org "));

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors));
        var user = await FindAsync(outcome.Value!);
        Assert.Equal("vic@example.org", user.Email);
        Assert.Equal("Vic Patel", user.DisplayName);
        Assert.Equal(UserRole.Editor, user.Role);
        Assert.Equal(_organisationId, user.OrganisationId);
        Assert.Equal(_database.Clock.GetUtcNow(), user.CreatedAt);
        Assert.False(user.IsDisabled);
    }

    [Fact]
    public async Task CreateAsync_WeakPassword_GivesPasswordFieldErrors()
    {
        var outcome = await _administration.CreateAsync(Admin, NewUser(password: "short"));

        Assert.False(outcome.Succeeded);
        Assert.NotEmpty(outcome.ErrorsFor("Password"));
        Assert.All(outcome.Errors, e => Assert.Equal("Password", e.Field));
        Assert.Contains(outcome.ErrorsFor("Password"), m => m.Contains("15", StringComparison.Ordinal));
        await using var db = _database.CreateContext();
        Assert.False(await db.Users.AnyAsync());
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("fifteen letters")]
    [InlineData("ALL CAPITALS NO DIGITS")]
    public async Task CreateAsync_LongPassphraseWithoutDigitsOrSymbols_IsAccepted(string passphrase)
    {
        var outcome = await _administration.CreateAsync(Admin, NewUser(password: passphrase));

        Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors.Select(e => e.Message)));
    }

    [Theory]
    [InlineData("123456789012345")]
    [InlineData("IloveYouForever")]
    public async Task CreateAsync_CommonPassword_IsRefusedAtThePasswordField(string common)
    {
        var outcome = await _administration.CreateAsync(Admin, NewUser(password: common));

        Assert.Contains(outcome.ErrorsFor("Password"), m => m.Contains("passwords people use often", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("victoria.patel@example.org", "victoria-rules-the-waves")]
    [InlineData("vic@example.org", "my EngagementHub password")]
    public async Task CreateAsync_PasswordBuiltOnTheirEmailOrTheService_IsRefused(string email, string password)
    {
        var outcome = await _administration.CreateAsync(Admin, NewUser(email, password));

        Assert.Contains(outcome.ErrorsFor("Password"), m => m.Contains("your name, your e-mail address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SetPasswordAsync_TooLong_IsRefused()
    {
        var created = await _administration.CreateAsync(Admin, NewUser());

        var outcome = await _administration.SetPasswordAsync(Admin, created.Value!, new string('x', PasswordPolicy.MaximumLength + 1));

        Assert.Contains(outcome.ErrorsFor("Password"), m => m.Contains("at most 256", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_DuplicateEmail_GivesEmailFieldError()
    {
        await _administration.CreateAsync(Admin, NewUser("vic@example.org"));

        var outcome = await _administration.CreateAsync(Admin, NewUser("VIC@example.org"));

        Assert.Equal(["There is already a user with this e-mail address."], outcome.ErrorsFor(nameof(NewUserInput.Email)));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateOrInvite_TwoAdminsAddOneAddressAtOnce_AddsOneAccountAndGivesTheOtherTheEmailFieldError(bool invite)
    {
        // Both admins have found no account with the address before either saves.
        var gate = new RaceGate(2, c => c.CommandText.Contains("\"NormalizedEmail\" =", StringComparison.Ordinal));
        await using var services = CoreServices.Build(_database, alter: s =>
            s.ConfigureDbContext<EngagementHubDbContext>((_, options) => options.AddInterceptors(gate), ServiceLifetime.Singleton));
        Actor[] admins = [Admin, Admin with { UserId = "admin-2", DisplayName = "Ann Admin" }];

        var outcomes = await Task.WhenAll(admins.Select(admin => Task.Run<Outcome>(async () => invite
            ? await services.GetRequiredService<Invitations>().InviteAsync(admin,
                new InvitationInput { Email = "vic@example.org", DisplayName = "Vic Patel", OrganisationId = _organisationId, Role = UserRole.Editor }, SubmissionKey.New())
            : await services.GetRequiredService<UserAdministration>().CreateAsync(admin, NewUser(), SubmissionKey.New()))));

        Assert.Single(outcomes, o => o.Succeeded);
        Assert.Equal(["There is already a user with this e-mail address."], Assert.Single(outcomes, o => !o.Succeeded).ErrorsFor(nameof(NewUserInput.Email)));
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateOrInvite_IntoADeactivatedOrganisation_NamesItNextToTheOrganisationAndAddsNobody(bool invite)
    {
        var closed = new Organisation("Birmingham East and North PCT", OrganisationKind.Commissioner);
        closed.Deactivate();
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(closed);
            await db.SaveChangesAsync();
        }

        var user = NewUser();
        user.OrganisationId = closed.Id;
        Outcome outcome = invite
            ? await _services.GetRequiredService<Invitations>().InviteAsync(Admin,
                new InvitationInput { Email = "vic@example.org", DisplayName = "Vic Patel", OrganisationId = closed.Id, Role = UserRole.Editor })
            : await _administration.CreateAsync(Admin, user);

        // The check every organisation choice makes (OrganisationChoice): its members could not sign in.
        Assert.Equal(["Birmingham East and North PCT is no longer active. Choose another organisation."], outcome.ErrorsFor(nameof(NewUserInput.OrganisationId)));
        await using var check = _database.CreateContext();
        Assert.Equal(0, await check.Users.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_BadEmail_GivesEmailFieldError()
    {
        var outcome = await _administration.CreateAsync(Admin, NewUser("not-an-address"));

        Assert.Equal(["Enter an e-mail address like name@example.org."], outcome.ErrorsFor(nameof(NewUserInput.Email)));
    }

    [Theory]
    [InlineData(UserRole.Editor)]
    [InlineData(UserRole.Viewer)]
    public async Task CreateAsync_NonAdmin_IsRefusedAndLogged(UserRole role)
    {
        var notAdmin = Admin with { UserId = "someone-1", Role = role };

        await Assert.ThrowsAsync<AccessDeniedException>(() => _administration.CreateAsync(notAdmin, NewUser()));

        Assert.Contains(_logs.Warnings, w => w.Message.Contains("someone-1", StringComparison.Ordinal));
        await using var db = _database.CreateContext();
        Assert.False(await db.Users.AnyAsync());
    }

    [Fact]
    public async Task SetDisabledAsync_OtherUser_DisablesAndRenewsSecurityStamp()
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;
        var stampBefore = (await FindAsync(userId)).SecurityStamp;

        var outcome = await _administration.SetDisabledAsync(Admin, userId, disabled: true);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var user = await FindAsync(userId);
        Assert.True(user.IsDisabled);
        Assert.NotNull(stampBefore);
        Assert.NotEqual(stampBefore, user.SecurityStamp);
    }

    [Fact]
    public async Task OrganisationChoicesAsync_EditingAMemberOfADeactivatedOrganisation_OffersItByNameAndNoOtherDeactivatedOne()
    {
        int closedId;
        await using (var db = _database.CreateContext())
        {
            var closed = new Organisation("Birmingham East and North PCT", OrganisationKind.Commissioner);
            var otherClosed = new Organisation("Eastern Birmingham PCT", OrganisationKind.Commissioner);
            closed.Deactivate();
            otherClosed.Deactivate();
            db.Organisations.AddRange(closed, otherClosed);
            await db.SaveChangesAsync();
            closedId = closed.Id;
        }

        var editing = await _administration.OrganisationChoicesAsync(Admin, closedId);
        var inviting = await _administration.OrganisationChoicesAsync(Admin, organisationId: null);

        // Before, the form listed active organisations only, so a member of a deactivated one showed no organisation.
        Assert.Equal(["Birmingham East and North PCT (no longer active)", "Be Birmingham"], editing.Select(o => o.Label));
        Assert.Equal(["Be Birmingham"], inviting.Select(o => o.Label));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            _administration.OrganisationChoicesAsync(Admin with { Role = UserRole.Editor }, closedId));
    }

    [Fact]
    public async Task UpdateAsync_IntoADeactivatedOrganisation_IsRefusedButAMemberOfOneCanBeRenamed()
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;
        var closed = new Organisation("Birmingham East and North PCT", OrganisationKind.Commissioner);
        closed.Deactivate();
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(closed);
            await db.SaveChangesAsync();
        }

        var moved = await _administration.UpdateAsListedAsync(Admin, userId, "Vic Patel", closed.Id, UserRole.Editor);

        // Its members cannot sign in: moving someone there would lock them out without saying so.
        Assert.Equal(["Birmingham East and North PCT is no longer active. Choose another organisation."], moved.ErrorsFor(nameof(UserInput.OrganisationId)));
        Assert.Equal(_organisationId, (await FindAsync(userId)).OrganisationId);

        await using (var db = _database.CreateContext())
        {
            var own = await db.Organisations.SingleAsync(o => o.Id == _organisationId);
            own.Deactivate();
            await db.SaveChangesAsync();
        }

        var renamed = await _administration.UpdateAsListedAsync(Admin, userId, "Victoria Patel", _organisationId, UserRole.Editor);

        Assert.True(renamed.Succeeded, string.Join(" ", renamed.Errors));
        Assert.Equal("Victoria Patel", (await FindAsync(userId)).DisplayName);
    }

    [Fact]
    public async Task UpdateAsync_AnotherAdministratorChangedTheAccountSince_RefusedSayingWhatItIsNowAndKeepsTheirs()
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;
        var seen = UserInput.From((await _administration.ListAsync(Admin)).Single(u => u.Id == userId));
        Assert.True((await _administration.UpdateAsListedAsync(Admin, userId, "Victoria Patel", _organisationId, UserRole.Admin)).Succeeded);

        seen.Role = UserRole.Viewer;
        var stale = await _administration.UpdateAsync(Admin, userId, seen);

        Assert.StartsWith("Another administrator changed this account since you opened it: it is now Victoria Patel, administrator for", stale.Problem);
        Assert.Equal(("Victoria Patel", UserRole.Admin), ((await FindAsync(userId)).DisplayName, (await FindAsync(userId)).Role));
    }

    [Fact]
    public async Task UpdateAsync_ThePersonSignedInAndMistypedTheirPasswordSince_IsNoConflict()
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;
        var seen = UserInput.From((await _administration.ListAsync(Admin)).Single(u => u.Id == userId));
        await using (var scope = _services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            Assert.True((await users.AccessFailedAsync((await users.FindByIdAsync(userId))!)).Succeeded);
        }

        seen.DisplayName = "Victoria Patel";
        var outcome = await _administration.UpdateAsync(Admin, userId, seen);

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal("Victoria Patel", (await FindAsync(userId)).DisplayName);
    }

    [Fact]
    public async Task SetDisabledAsync_Self_IsRefused()
    {
        var adminId = (await _administration.CreateAsync(Admin, NewUser("admin@example.org"))).Value!;
        var self = Admin with { UserId = adminId };

        var outcome = await _administration.SetDisabledAsync(self, adminId, disabled: true);

        Assert.Equal("You cannot disable your own account.", outcome.Problem);
        Assert.False((await FindAsync(adminId)).IsDisabled);
    }

    [Fact]
    public async Task UnlockAsync_LockedOutUser_ClearsLockoutEnd()
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;
        await using (var scope = _services.CreateAsyncScope())
        {
            // Locked out as five failed sign-ins would leave them: an end in the future and a failure count.
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByIdAsync(userId))!;
            await users.SetLockoutEndDateAsync(user, _database.Clock.GetUtcNow().AddMinutes(15));
            await users.AccessFailedAsync(user);
        }

        Assert.NotNull((await FindAsync(userId)).LockoutEnd);

        var outcome = await _administration.UnlockAsync(Admin, userId);

        Assert.True(outcome.Succeeded, outcome.Problem);
        var unlocked = await FindAsync(userId);
        Assert.Null(unlocked.LockoutEnd);
        Assert.Equal(0, unlocked.AccessFailedCount);
    }

    [Fact]
    public async Task ListAsync_LockedOutUser_ShowsLockedUntilByTheFakeClock()
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;
        var until = _database.Clock.GetUtcNow().AddMinutes(15);
        await using (var scope = _services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(userId))!, until);
        }

        var locked = Assert.Single(await _administration.ListAsync(Admin));
        _database.Clock.Advance(TimeSpan.FromMinutes(16));
        var expired = Assert.Single(await _administration.ListAsync(Admin));

        Assert.True(locked.IsLockedOut);
        Assert.Equal(until, locked.LockedUntil);
        Assert.False(expired.IsLockedOut);
    }

    [Fact]
    public async Task UpdateAsync_ARoleNoFormOffers_RefusedOnTheRoleAndTheAccountUnchanged()
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;

        var outcome = await _administration.UpdateAsListedAsync(Admin, userId, "Vic Patel", _organisationId, (UserRole)99);

        Assert.Equal([InputValidation.UndefinedChoiceMessage], outcome.ErrorsFor(nameof(UserInput.Role)));
        Assert.Equal(UserRole.Editor, (await FindAsync(userId)).Role);
    }

    // An invitation's link carries the account's security stamp (ADR 18), and an invited person who has not chosen a
    // password has no session to end: correcting their role or organisation keeps the stamp, so the e-mailed link still
    // works and they act with the corrected rights once they accept it.
    [Theory]
    [InlineData("role")]
    [InlineData("organisation")]
    public async Task UpdateAsync_InvitedPersonsRoleOrOrganisationCorrected_TheirInvitationLinkStillWorks(string corrected)
    {
        var otherId = await OrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var invitations = _services.GetRequiredService<Invitations>();
        var invited = await invitations.InviteAsync(Admin, new InvitationInput
        {
            Email = "priya.sharma@pct.example.org", DisplayName = "Priya Sharma", OrganisationId = _organisationId, Role = UserRole.Viewer,
        });
        Assert.True(invited.Succeeded, invited.Problem);
        var userId = invited.Value!.UserId;
        var token = await InvitationTokenAsync(userId);
        var input = UserInput.From((await _administration.ListAsync(Admin)).Single(u => u.Id == userId));
        if (corrected == "role")
        {
            input.Role = UserRole.Editor;
        }
        else
        {
            input.OrganisationId = otherId;
        }

        var saved = await _administration.UpdateAsync(Admin, userId, input);

        Assert.True(saved.Succeeded, saved.Problem);
        Assert.Equal(AccountLinkState.Valid, await invitations.CheckAsync(userId, token));
        var accepted = await invitations.AcceptAsync(userId, token, new NewPasswordInput { Password = "violet harbour lantern thirteen", ConfirmPassword = "violet harbour lantern thirteen" });
        Assert.True(accepted.Succeeded, accepted.Problem);
        var user = await FindAsync(userId);
        Assert.Equal((input.Role, input.OrganisationId), (user.Role, user.OrganisationId));
    }

    // Someone who can sign in may have sessions open with the old rights: a change of role or organisation renews the
    // stamp and ends them (ADR 4), whatever an invitation is spared.
    [Fact]
    public async Task UpdateAsync_RoleOfAnAccountWithAPassword_RenewsItsSecurityStamp()
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;
        var stampBefore = (await FindAsync(userId)).SecurityStamp;

        var saved = await _administration.UpdateAsListedAsync(Admin, userId, "Vic Patel", _organisationId, UserRole.Viewer);

        Assert.True(saved.Succeeded, saved.Problem);
        Assert.NotEqual(stampBefore, (await FindAsync(userId)).SecurityStamp);
    }

    // A person who may not use the app is told of nothing (AccountStanding, ADR 4). An administrator may set the password
    // of a disabled account, or of one whose organisation was deactivated; its owner is not e-mailed "if this was not you,
    // reset your password" (ADR 18), advice the forgotten-password form would not honour. The change is audited all the same.
    [Theory]
    [InlineData("may use the app", 1)]
    [InlineData("disabled", 0)]
    [InlineData("organisation deactivated", 0)]
    public async Task SetPasswordAsync_ByTheAccountsStanding_OnlyAnOwnerWhoMayUseTheAppIsEmailed(string standing, int emails)
    {
        var userId = (await _administration.CreateAsync(Admin, NewUser())).Value!;
        if (standing == "disabled")
        {
            Assert.True((await _administration.SetDisabledAsync(Admin, userId, disabled: true)).Succeeded);
        }
        else if (standing == "organisation deactivated")
        {
            await using var db = _database.CreateContext();
            (await db.Organisations.SingleAsync(o => o.Id == _organisationId)).Deactivate();
            await db.SaveChangesAsync();
        }

        var pickup = Path.Combine(_database.Directory, "App_Data", "mail-pickup");
        var before = Directory.Exists(pickup) ? Directory.GetFiles(pickup).Length : 0;

        var set = await _administration.SetPasswordAsync(Admin, userId, "amber kettle orchard ninety");

        Assert.True(set.Succeeded, set.Problem);
        Assert.Equal(emails, (Directory.Exists(pickup) ? Directory.GetFiles(pickup).Length : 0) - before);
        await using var check = _database.CreateContext();
        var audit = await check.AuditEntries.AsNoTracking().Where(a => a.EntityId == userId).ToListAsync();
        Assert.Contains(audit, a => a.Changes.Any(c => c.After == "Password set by an administrator; every session ended"));
    }

    // ADR 4 and 18: an account save of Identity's writes every column back. One that read the person before their
    // organisation was deactivated and saves after it used to write the old security stamp back, so a link e-mailed
    // before worked again once the organisation was reactivated (an edit), or a new one was made for a person who could
    // not use the app (a resend). The deactivation renews the concurrency stamp too: such a save is refused, in words.
    [Theory]
    [InlineData("edit")]
    [InlineData("resend")]
    public async Task AccountChange_ReadBeforeTheOrganisationWasDeactivatedSavedAfter_RefusedAndNoLinkWorksOnceReactivated(string change)
    {
        var otherId = await OrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var invitations = _services.GetRequiredService<Invitations>();
        var invited = await invitations.InviteAsync(Admin, new InvitationInput
        {
            Email = "priya.sharma@pct.example.org", DisplayName = "Priya Sharma", OrganisationId = otherId, Role = UserRole.Viewer,
        });
        Assert.True(invited.Succeeded, invited.Problem);
        var userId = invited.Value!.UserId;
        var token = await InvitationTokenAsync(userId);
        var input = UserInput.From((await _administration.ListAsync(Admin)).Single(u => u.Id == userId));
        input.DisplayName = "Priya Sharma-Jones";

        // Held after its read of the account (an edit) or of the account's standing (a resend), as a slow request would be.
        var pause = new QueryPause(c => change == "edit"
            ? c.CommandText.Contains("AspNetUsers", StringComparison.Ordinal) && c.Parameters.Cast<System.Data.Common.DbParameter>().Any(p => Equals(p.Value, userId))
            : c.CommandText.Contains("EXISTS", StringComparison.OrdinalIgnoreCase) && c.CommandText.Contains("\"IsActive\"", StringComparison.Ordinal));
        await using var paused = CoreServices.Build(_database, alter: s =>
            s.ConfigureDbContext<EngagementHubDbContext>((_, options) => options.AddInterceptors(pause), ServiceLifetime.Singleton));
        var pickup = Path.Combine(_database.Directory, "App_Data", "mail-pickup");
        var mailBefore = Directory.Exists(pickup) ? Directory.GetFiles(pickup).Length : 0;
        var saving = change == "edit"
            ? paused.GetRequiredService<UserAdministration>().UpdateAsync(Admin, userId, input)
            : paused.GetRequiredService<Invitations>().ResendAsync(Admin, userId);
        await pause.Arrived;
        var directory = _services.GetRequiredService<OrganisationDirectory>();
        Assert.True((await directory.SetActiveAsync(Admin, otherId, active: false, (await directory.GetAsync(otherId))!.Version)).Succeeded);
        pause.Release();
        var outcome = await saving;

        Assert.Equal(UserAdministration.ChangedMeanwhileMessage, outcome.Problem);
        Assert.Equal(mailBefore, Directory.Exists(pickup) ? Directory.GetFiles(pickup).Length : 0);
        Assert.True((await directory.SetActiveAsync(Admin, otherId, active: true, (await directory.GetAsync(otherId))!.Version)).Succeeded);
        Assert.Equal(AccountLinkState.ExpiredOrUsed, await invitations.CheckAsync(userId, token));
        var listed = (await _administration.ListAsync(Admin)).Single(u => u.Id == userId);
        Assert.Equal(("Priya Sharma", InvitationLink.Spent, true), (listed.DisplayName, listed.Invitation, listed.InvitationToSendAgain));
    }

    // ADR 18: the administrator is told, in the users list and where they give access back, whose invitation must be
    // sent again: the link was spent when the account was disabled or its organisation deactivated, or it ran out.
    [Fact]
    public async Task ListAsync_InvitedPeople_SaysWhoseInvitationMustBeSentAgainAndWhy()
    {
        var otherId = await OrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var closedId = await OrganisationAsync("Eastern Birmingham PCT", OrganisationKind.Commissioner);
        var invitations = _services.GetRequiredService<Invitations>();
        var directory = _services.GetRequiredService<OrganisationDirectory>();
        async Task<string> InviteAsync(string name, int organisationId)
        {
            var invited = await invitations.InviteAsync(Admin, new InvitationInput
            {
                Email = $"{name.ToLowerInvariant()}@example.org", DisplayName = name, OrganisationId = organisationId, Role = UserRole.Viewer,
            });
            Assert.True(invited.Succeeded, invited.Problem);
            return invited.Value!.UserId;
        }

        async Task SetActiveAsync(int id, bool active) =>
            Assert.True((await directory.SetActiveAsync(Admin, id, active, (await directory.GetAsync(id))!.Version)).Succeeded);

        var waiting = await InviteAsync("Ada", _organisationId);
        var corrected = await InviteAsync("Ben", _organisationId);
        var reenabled = await InviteAsync("Cal", _organisationId);
        var reactivated = await InviteAsync("Dee", otherId);
        var stillClosed = await InviteAsync("Eve", closedId);
        var accepted = (await _administration.CreateAsync(Admin, NewUser("fay@example.org"))).Value!;
        Assert.True((await _administration.UpdateAsListedAsync(Admin, corrected, "Ben", _organisationId, UserRole.Editor)).Succeeded);
        Assert.True((await _administration.SetDisabledAsync(Admin, reenabled, disabled: true)).Succeeded);
        Assert.True((await _administration.SetDisabledAsync(Admin, reenabled, disabled: false)).Succeeded);
        await SetActiveAsync(otherId, active: false);
        Assert.Empty(await _administration.InvitationsToSendAgainAsync(Admin, otherId));
        await SetActiveAsync(otherId, active: true);
        await SetActiveAsync(closedId, active: false);

        var listed = (await _administration.ListAsync(Admin)).ToDictionary(u => u.Id);

        Assert.Equal(
            [(waiting, InvitationLink.Works, false), (corrected, InvitationLink.Works, false), (reenabled, InvitationLink.Spent, true),
             (reactivated, InvitationLink.Spent, true), (stillClosed, InvitationLink.Spent, false), (accepted, InvitationLink.None, false)],
            new[] { waiting, corrected, reenabled, reactivated, stillClosed, accepted }.Select(id => (id, listed[id].Invitation, listed[id].InvitationToSendAgain)));
        Assert.Equal("Invitation no longer works: send it again", listed[reenabled].InvitationStatus);
        Assert.Equal([reactivated], (await _administration.InvitationsToSendAgainAsync(Admin, otherId)).Select(u => u.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => _administration.InvitationsToSendAgainAsync(Admin with { Role = UserRole.Editor }, otherId));

        Assert.True((await invitations.ResendAsync(Admin, reactivated)).Succeeded);
        Assert.Empty(await _administration.InvitationsToSendAgainAsync(Admin, otherId));
        _database.Clock.Advance(TimeSpan.FromDays(7));
        var later = (await _administration.ListAsync(Admin)).ToDictionary(u => u.Id);
        Assert.Equal((InvitationLink.RanOut, "Invitation ran out: send it again"), (later[waiting].Invitation, later[waiting].InvitationStatus));
        Assert.Equal(InvitationLink.RanOut, later[reactivated].Invitation);
    }

    private async Task<int> OrganisationAsync(string name, OrganisationKind kind)
    {
        await using var db = _database.CreateContext();
        var organisation = new Organisation(name, kind);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    /// <summary>A token as the invitation e-mail carries it: the same provider, purpose and security stamp, so valid exactly when that link is.</summary>
    private async Task<string> InvitationTokenAsync(string userId)
    {
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var token = await users.GenerateUserTokenAsync((await users.FindByIdAsync(userId))!, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose);
        return AccountMail.EncodeToken(token);
    }

    private async Task<ApplicationUser> FindAsync(string userId)
    {
        await using var db = _database.CreateContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
    }
}
