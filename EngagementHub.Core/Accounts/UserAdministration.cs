using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Core.Accounts;

/// <summary>
/// What an admin does to accounts: create, change organisation or role, disable, unlock, set a new password.
/// </summary>
/// <remarks>
/// Each operation runs in its own DI scope: Identity's <see cref="UserManager{TUser}"/> holds a DbContext, and a
/// Blazor circuit lives far longer than one operation should keep a context.
/// A change of role or organisation, or disabling, renews the user's security stamp, which ends their sessions at the
/// next revalidation (at most a minute) and spends every link e-mailed to them; enabling does not revive those links. Correcting the role or organisation of an invitation not yet accepted leaves
/// the stamp as it is: the person has no session to end, and the stamp is what keeps their e-mailed link working (ADR 18).
/// </remarks>
public sealed class UserAdministration(IServiceScopeFactory scopes, OrganisationAccess access, TimeProvider clock, AccountMail mail)
{
    /// <summary>
    /// The organisations the user form offers: every active one, and, when editing, the account's own even if it was
    /// deactivated since (<see cref="UpdateAsync"/> keeps it, but moves nobody to another deactivated one), so the form
    /// shows it by name.
    /// </summary>
    /// <param name="actor">An administrator.</param>
    /// <param name="organisationId">The account's organisation when editing one; null when inviting.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The options, as <see cref="OrganisationChoice.OptionsAsync"/> orders them.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<IReadOnlyList<OrganisationOption>> OrganisationChoicesAsync(Actor actor, int? organisationId, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "choose a user's organisation");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        return await OrganisationChoice.OptionsAsync(db, kept: organisationId is { } id ? [id] : null, ct: ct);
    }

    /// <summary>The organisation field's message when the choice is not an organisation at all.</summary>
    public const string ChooseOrganisation = "Choose the organisation this person acts for.";

    /// <summary>Every account, for the users page.</summary>
    /// <returns>The accounts with their organisation (and whether it is active), role and whether they are disabled,
    /// locked out or invited, with whether an invitation must be sent again (<see cref="UserSummary.InvitationToSendAgain"/>);
    /// not paged.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<IReadOnlyList<UserSummary>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "list users");
        return await SummariesAsync(organisationId: null, ct);
    }

    /// <summary>
    /// The people of an organisation whose invitation must be sent again (<see cref="UserSummary.InvitationToSendAgain"/>):
    /// what the administrator who reactivates it is shown, with the resend action next to each (ADR 18). Deactivating spent
    /// their links, and reactivating does not bring them back.
    /// </summary>
    /// <param name="actor">An administrator.</param>
    /// <param name="organisationId">The organisation.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>Those people, by name; empty when there are none (or the organisation is still deactivated: sending is
    /// refused until it is active).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<IReadOnlyList<UserSummary>> InvitationsToSendAgainAsync(Actor actor, int organisationId, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "list the invitations to send again");
        return [.. (await SummariesAsync(organisationId, ct)).Where(u => u.InvitationToSendAgain)];
    }

    private async Task<IReadOnlyList<UserSummary>> SummariesAsync(int? organisationId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        var now = clock.GetUtcNow();
        var users = db.Users.AsNoTracking();
        if (organisationId is { } only)
        {
            users = users.Where(u => u.OrganisationId == only);
        }

        var rows = await users
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new
            {
                u.Id, u.Email, u.DisplayName, u.OrganisationId, OrganisationName = o.Name, OrganisationActive = o.IsActive, u.Role, u.IsDisabled,
                u.LockoutEnd, Invited = u.PasswordHash == null, u.SecurityStamp,
                Invitation = db.UserTokens.Where(t => t.UserId == u.Id && t.LoginProvider == InvitationLinks.Provider && t.Name == InvitationLinks.Name)
                    .Select(t => t.Value).FirstOrDefault(),
            })
            .OrderBy(u => u.OrganisationName).ThenBy(u => u.DisplayName)
            .ToListAsync(ct);
        return rows
            .Select(u => new UserSummary(u.Id, u.Email ?? "", u.DisplayName, u.OrganisationId, u.OrganisationName, u.Role,
                u.IsDisabled, u.LockoutEnd > now, u.LockoutEnd > now ? u.LockoutEnd : null, u.Invited,
                InvitationLinks.Read(u.Invited, u.Invitation, u.SecurityStamp, now, mail.InvitationLifetime), u.OrganisationActive))
            .ToList();
    }

    /// <summary>
    /// An admin creates an account with a first password they choose (the Users page invites people by e-mail instead,
    /// <see cref="Invitations"/>, so nobody passes a password on). A second submission of the same form
    /// (<paramref name="key"/>) creates nothing and returns the first one's id; the e-mail address is unique in any case.
    /// </summary>
    /// <returns>The new user's id, or field messages (on "Email" when an account has the address, also when it was added
    /// a moment before).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public async Task<Outcome<string>> CreateAsync(Actor actor, NewUserInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "create a user");
        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome<string>.Invalid(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Resolve(scope, actor);
        if (await db.EarlierAsync(actor, key, nameof(ApplicationUser), ct) is { } earlier)
        {
            return Outcome<string>.Ok(earlier);
        }

        // An address an administrator types in is taken as theirs to vouch for: the person signs in with a password given
        // in person.
        var (user, refused) = await NewAccountAsync(users, db, input, emailConfirmed: true, clock.GetUtcNow(), ct);
        if (user is null)
        {
            return Outcome<string>.Invalid(refused!);
        }

        var email = user.Email!;
        try
        {
            return await AccountAudit.InOneTransactionAsync(db, async () =>
            {
                var result = await users.CreateAsync(user, input.Password);
                if (!result.Succeeded)
                {
                    return Outcome<string>.Invalid(ToFieldErrors(result, nameof(input.Password)));
                }

                await db.RecordAsync(actor, key, nameof(ApplicationUser), user.Id, clock, ct);
                return Outcome<string>.Ok(user.Id);
            }, o => o.Succeeded, ct);
        }
        catch (DbUpdateException)
        {
            // Rolled back with its transaction: the same form's submission, or another admin, added the address a moment before.
            db.ChangeTracker.Clear();
            if (await db.EarlierAsync(actor, key, nameof(ApplicationUser), ct) is { } first)
            {
                return Outcome<string>.Ok(first);
            }

            if (await db.TakenMeanwhileAsync(null, () => EmailTakenAsync(users, email)) is { } meanwhile)
            {
                return Outcome<string>.Invalid(meanwhile);
            }

            throw;
        }
    }

    /// <returns>The message on "Email" when an account has <paramref name="email"/> (Identity's normalised comparison);
    /// null when none has.</returns>
    internal static async Task<FieldError?> EmailTakenAsync(UserManager<ApplicationUser> users, string email) =>
        await users.FindByEmailAsync(email) is not null
            ? new FieldError(nameof(NewUserInput.Email), EmailTakenMessage)
            : null;

    private const string EmailTakenMessage = "There is already a user with this e-mail address.";

    /// <summary>
    /// What adding someone checks and makes, however they are added (created with a password, or invited): the
    /// organisation is a choice every organisation field checks (<see cref="OrganisationChoice"/>), the address is nobody
    /// else's, and the account is made, not yet saved.
    /// </summary>
    /// <returns>The unsaved account; or null and the field message saying why not.</returns>
    internal static async Task<(ApplicationUser? User, FieldError? Refused)> NewAccountAsync(
        UserManager<ApplicationUser> users, EngagementHubDbContext db, InvitationInput input, bool emailConfirmed, DateTimeOffset now, CancellationToken ct)
    {
        if (await OrganisationChoice.CheckAsync(db, nameof(input.OrganisationId), input.OrganisationId, ChooseOrganisation, ct: ct) is { } organisation)
        {
            return (null, organisation);
        }

        var email = input.Email.Trim();
        if (await EmailTakenAsync(users, email) is { } taken)
        {
            return (null, taken);
        }

        return (new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = emailConfirmed,
            DisplayName = input.DisplayName.Trim(),
            OrganisationId = input.OrganisationId,
            Role = input.Role,
            CreatedAt = now,
        }, null);
    }

    /// <summary>
    /// Changes a person's name, organisation or role; a change of organisation or role ends their sessions. What they were
    /// told as a member of the organisation they leave stays with it: from the move on, those notices are not shown, counted
    /// or e-mailed to them, nor carried by their digests (<see cref="Notification.StillTheirs"/>). An invited
    /// person who has not yet chosen a password has none, so their invitation link keeps working after the correction
    /// (ADR 18), and they act with the corrected rights once they accept it.
    /// </summary>
    /// <returns>
    /// Success; field messages on the input (name, "OrganisationId" when the organisation does not exist or is a deactivated
    /// one the person is not already in, or "Role" when an admin would remove their own administrator role); a problem when
    /// the account no longer exists, another administrator changed its name, organisation or role since
    /// <paramref name="input"/>'s version was read (saying what it is now), or Identity refuses the change.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<Outcome> UpdateAsync(Actor actor, string userId, UserInput input, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "edit a user");
        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome.Invalid(errors);
        }

        if (userId == actor.UserId && input.Role != UserRole.Admin)
        {
            return Outcome.Invalid(new FieldError(nameof(input.Role), "You cannot remove your own administrator role; ask another admin."));
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Resolve(scope, actor);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome.Failed("This user no longer exists.");
        }

        if (ApplicationUser.AdministeredVersion(user.DisplayName, user.OrganisationId, user.Role) != input.Version)
        {
            var organisation = await db.Organisations.Where(o => o.Id == user.OrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct);
            return Outcome.Failed($"Another administrator changed this account since you opened it: it is now {UntrustedText.Isolate(user.DisplayName)}, "
                                  + $"{user.Role.Label().ToLowerInvariant()} for {UntrustedText.Isolate(organisation ?? Organisation.UnknownName)}. Nothing was saved; open it again to make your change.");
        }

        // A member of a deactivated organisation cannot sign in (AccountStanding), so nobody is moved into one; someone
        // already in it can still have their name or role corrected (the organisation is kept, not chosen anew).
        if (await OrganisationChoice.CheckAsync(db, nameof(input.OrganisationId), input.OrganisationId, ChooseOrganisation, kept: user.OrganisationId, ct: ct) is { } notChosen)
        {
            return Outcome.Invalid(notChosen);
        }

        // Renewing the stamp ends sessions, and spends every link made with the old one: an invitation not yet accepted
        // (no password, so no session either) would stop working for a correction that asked nothing of the person.
        var rightsChanged = user.Role != input.Role || user.OrganisationId != input.OrganisationId;
        var endSessions = rightsChanged && user.PasswordHash is not null;
        return await AccountAudit.InOneTransactionAsync(db, async () =>
        {
            user.DisplayName = input.DisplayName.Trim();
            user.Role = input.Role;
            user.OrganisationId = input.OrganisationId;
            return FromIdentity(await SaveAsync(users, db, user, signOut: endSessions, ct));
        }, o => o.Succeeded, ct);
    }

    /// <summary>
    /// Disables an account (it can no longer sign in, its sessions end, it gets no e-mail, and every link e-mailed to it
    /// is spent: its security stamp is renewed) or enables it again. Enabling does not revive those links: an invitation
    /// not yet accepted must be sent again, which <see cref="ListAsync"/> then says (<see cref="UserSummary.InvitationToSendAgain"/>, ADR 18).
    /// </summary>
    /// <returns>Success; a problem when an admin would disable their own account, the account no longer exists, or it was
    /// saved by someone else meanwhile (<see cref="ChangedMeanwhileMessage"/>).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<Outcome> SetDisabledAsync(Actor actor, string userId, bool disabled, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, disabled ? "disable a user" : "enable a user");
        if (disabled && userId == actor.UserId)
        {
            return Outcome.Failed("You cannot disable your own account.");
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Resolve(scope, actor);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome.Failed("This user no longer exists.");
        }

        return await AccountAudit.InOneTransactionAsync(db, async () =>
        {
            user.IsDisabled = disabled;
            return FromIdentity(await SaveAsync(users, db, user, signOut: disabled, ct));
        }, o => o.Succeeded, ct);
    }

    /// <summary>Ends a lock-out after too many wrong passwords, and clears the count of failed attempts.</summary>
    /// <returns>Success; a problem when the account no longer exists or Identity refuses the change.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<Outcome> UnlockAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "unlock a user");
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Resolve(scope, actor);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome.Failed("This user no longer exists.");
        }

        return await AccountAudit.InOneTransactionAsync(db, async () =>
        {
            var result = await users.SetLockoutEndDateAsync(user, null);
            if (result.Succeeded)
            {
                result = await users.ResetAccessFailedCountAsync(user);
            }

            return FromIdentity(result);
        }, o => o.Succeeded, ct);
    }

    /// <summary>Sets a new password for a person (the password policy applies: <see cref="PasswordPolicy"/>).</summary>
    /// <returns>Success; field messages on "Password" for one the policy refuses; a problem when the account no longer exists.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<Outcome> SetPasswordAsync(Actor actor, string userId, string newPassword, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "set a user's password");
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = Resolve(scope, actor);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome.Failed("This user no longer exists.");
        }

        var token = await users.GeneratePasswordResetTokenAsync(user);
        var set = await AccountAudit.InOneTransactionAsync(db, async () =>
        {
            var result = await users.ResetPasswordAsync(user, token, newPassword);
            if (!result.Succeeded)
            {
                return Outcome.Invalid(ToFieldErrors(result, "Password"));
            }

            await EndSessionsAsync(db, user.Id, result, ct);

            // A password is a secret the save interceptor never records: the event is recorded here, and its owner told.
            AccountAudit.Add(db, actor, user.Id, "Password set by an administrator; every session ended", clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Outcome.Success;
        }, o => o.Succeeded, ct);
        if (!set.Succeeded)
        {
            return set;
        }

        await mail.NotifyOwnerAsync(user, AccountChange.PasswordSetByAdministrator, actor.DisplayName, ct);
        return Outcome.Success;
    }

    /// <summary>
    /// Saves an administrator's change to an account. When the change alters what the person may do (<paramref name="signOut"/>:
    /// their role, organisation, or disabling), it renews the security stamp and ends their sessions, so it holds at once.
    /// </summary>
    private static async Task<IdentityResult> SaveAsync(
        UserManager<ApplicationUser> users, EngagementHubDbContext db, ApplicationUser user, bool signOut, CancellationToken ct)
    {
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && signOut)
        {
            result = await users.UpdateSecurityStampAsync(user);
            await EndSessionsAsync(db, user.Id, result, ct);
        }

        return result;
    }

    /// <summary>
    /// After a change to who someone is or may do (disabled, moved, role or password changed), every session they have
    /// open ends: their next request signs them in afresh, with the new rights, rather than up to a minute later.
    /// </summary>
    private static async Task EndSessionsAsync(EngagementHubDbContext db, string userId, IdentityResult changed, CancellationToken ct)
    {
        if (changed.Succeeded)
        {
            await UserSessions.EndSessionsAsync(db, userId, keep: null, ct);
        }
    }

    internal static (UserManager<ApplicationUser> Users, EngagementHubDbContext Db) Resolve(AsyncServiceScope scope, Actor actor)
    {
        // The UserManager saves through the scope's context: record its changes against the admin.
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>().ActingAs(actor);
        return (scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), db);
    }

    internal static FieldError[] ToFieldErrors(IdentityResult result, string passwordField) =>
        result.Errors
            .Select(e => e.Code is nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)
                // Identity's own look-up found the address taken a moment after ours did not: the same words as ours
                // (the user name is the address, so "Username … is already taken" would only puzzle).
                ? new FieldError(nameof(NewUserInput.Email), EmailTakenMessage)
                : new FieldError(
                    e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField
                    : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(NewUserInput.Email)
                    : "",
                    e.Description))
            .DistinctBy(e => (e.Field, e.Message))
            .ToArray();

    /// <summary>
    /// Identity's result as an outcome. A concurrency failure is another save of the same account between this change's
    /// read and its save (another administrator, the person signing in, or the deactivation of their organisation, which
    /// renews every stamp of its people): nothing was saved, and the administrator is told so in words, not Identity's.
    /// </summary>
    internal static Outcome FromIdentity(IdentityResult result) =>
        result.Succeeded ? Outcome.Success
        : result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)) ? Outcome.Failed(ChangedMeanwhileMessage)
        : Outcome.Failed(string.Join(" ", result.Errors.Select(e => e.Description)));

    /// <summary>What an administrator is told when the account was saved by someone else while their change was being made.</summary>
    public const string ChangedMeanwhileMessage =
        "This account was changed at the same moment (by another administrator, by its owner signing in, or by its organisation "
        + "being deactivated), so nothing was saved. Open the users page again to see it as it is now, and try again.";
}
