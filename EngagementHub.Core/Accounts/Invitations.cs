using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Accounts;

/// <summary>
/// An administrator invites a person by e-mail instead of choosing a password for them: the account is created without
/// a password, and an e-mailed link (Identity's token provider <see cref="AccountTokens.InvitationProvider"/>; it works once, for
/// <see cref="AccountOptions.InvitationLifetime"/>) lets the person choose their own, under <see cref="PasswordPolicy"/>.
/// Until then the account cannot sign in, and the users page shows it as invited.
/// </summary>
/// <remarks>Each operation runs in its own DI scope, as <see cref="UserAdministration"/> does, for the same reason.</remarks>
public sealed class Invitations(
    IServiceScopeFactory scopes, OrganisationAccess access, AccountMail mail, TimeProvider clock, ILogger<Invitations> logger)
{
    /// <summary>What the invitation page says of a link that no longer works (a token cannot tell why: ADR 18), and what to do.</summary>
    public const string ExpiredMessage =
        "This invitation link no longer works: it has run out, a newer invitation has been sent since, or your access was removed "
        + "after it was sent (a link sent before then never works again). Ask an administrator of your partnership to send it again.";

    public const string AcceptedMessage =
        "This invitation has already been used: the password has been chosen. Sign in with it, or use \"Forgot your password?\" on the sign-in page.";

    public const string NotFoundMessage =
        "This invitation is not valid: it may have been cancelled, or the link was not copied whole. Ask an administrator of your partnership.";

    /// <summary>
    /// An admin invites a person: the account is created (without a password) and the invitation e-mailed. A second
    /// submission of the same form (<paramref name="key"/>) creates and sends nothing and returns the first one's id.
    /// </summary>
    /// <returns>The new account and whether its e-mail went (the account stays when it did not: resend it later); or field
    /// messages (on "Email" when an account has the address, also when it was invited a moment before).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (the refusal is logged).</exception>
    public async Task<Outcome<Invited>> InviteAsync(Actor actor, InvitationInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "invite a user");
        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome<Invited>.Invalid(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = UserAdministration.Resolve(scope, actor);
        if (await db.EarlierAsync(actor, key, nameof(Invitations), ct) is { } earlier)
        {
            return Outcome<Invited>.Ok(new Invited(earlier, null));
        }

        // The address is confirmed when the person uses the link: that proves it is theirs.
        var (user, refused) = await UserAdministration.NewAccountAsync(users, db, input, emailConfirmed: false, clock.GetUtcNow(), ct);
        if (user is null)
        {
            return Outcome<Invited>.Invalid(refused!);
        }

        var email = user.Email!;
        Outcome created;
        try
        {
            created = await AccountAudit.InOneTransactionAsync(db, async () =>
            {
                var result = await users.CreateAsync(user);
                if (!result.Succeeded)
                {
                    return Outcome.Invalid(UserAdministration.ToFieldErrors(result, nameof(NewPasswordInput.Password)));
                }

                AccountAudit.Add(db, actor, user.Id, $"Invited by e-mail ({Lifetime()})", clock.GetUtcNow());
                await InvitationLinks.NoteAsync(db, user, clock.GetUtcNow(), ct);
                await db.SaveChangesAsync(ct);
                await db.RecordAsync(actor, key, nameof(Invitations), user.Id, clock, ct);
                return Outcome.Success;
            }, o => o.Succeeded, ct);
        }
        catch (DbUpdateException)
        {
            // Rolled back with its transaction: the same form's submission, or another admin, invited the address a moment
            // before. Nothing is sent.
            db.ChangeTracker.Clear();
            if (await db.EarlierAsync(actor, key, nameof(Invitations), ct) is { } first)
            {
                return Outcome<Invited>.Ok(new Invited(first, null));
            }

            if (await db.TakenMeanwhileAsync(null, () => UserAdministration.EmailTakenAsync(users, email)) is { } meanwhile)
            {
                return Outcome<Invited>.Invalid(meanwhile);
            }

            throw;
        }
        if (!created.Succeeded)
        {
            return Outcome<Invited>.From(created);
        }

        // Sent once the account is kept: an e-mail is not rolled back.
        return Outcome<Invited>.Ok(new Invited(user.Id, await SendAsync(users, user, actor, ct)));
    }

    /// <summary>
    /// Sends a new invitation to a person who has not accepted one yet; the earlier link stops working (the account's
    /// security stamp is renewed), so only the newest e-mail is any use.
    /// </summary>
    /// <returns>Success once the e-mail went; failed with a message when the person has accepted already, the account is
    /// gone, disabled or of a deactivated organisation (its link would not work), was changed meanwhile
    /// (<see cref="UserAdministration.ChangedMeanwhileMessage"/>: nothing sent), or the e-mail could not be sent.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public async Task<Outcome> ResendAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "resend an invitation");
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = UserAdministration.Resolve(scope, actor);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome.Failed("This user no longer exists: the invitation may have been cancelled.");
        }

        if (user.PasswordHash is not null)
        {
            return Outcome.Failed($"{user.DisplayName} has already accepted the invitation and chosen a password.");
        }

        if (await AccountStanding.WhyNotAsync(db, user, ct) is not null)
        {
            return Outcome.Failed($"The invitation would not work: {user.DisplayName}'s {(user.IsDisabled ? "account is disabled" : "organisation has been deactivated")}.");
        }

        var renewed = await AccountAudit.InOneTransactionAsync(db, async () =>
        {
            // Identity's save checks the account's concurrency stamp: should the organisation be deactivated since the
            // look-up above (which renews that too), nothing is saved or sent, rather than a new link to a person who may
            // not use the app, which would work once the organisation was reactivated.
            var result = await users.UpdateSecurityStampAsync(user);
            if (!result.Succeeded)
            {
                return UserAdministration.FromIdentity(result);
            }

            AccountAudit.Add(db, actor, user.Id, $"Invitation sent again; earlier links no longer work ({Lifetime()})", clock.GetUtcNow());
            await InvitationLinks.NoteAsync(db, user, clock.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
            return Outcome.Success;
        }, o => o.Succeeded, ct);
        if (!renewed.Succeeded)
        {
            return renewed;
        }

        return await SendAsync(users, user, actor, ct) is { } problem ? Outcome.Failed(problem) : Outcome.Success;
    }

    /// <summary>Cancels an invitation not yet accepted: the account is removed, so its link finds nothing, and the address may be invited again.</summary>
    /// <returns>Success; failed with a message when the person has accepted already (disable the account instead) or it is gone.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public async Task<Outcome> CancelAsync(Actor actor, string userId, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "cancel an invitation");
        await using var scope = scopes.CreateAsyncScope();
        var (users, db) = UserAdministration.Resolve(scope, actor);
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome.Failed("This invitation has already been cancelled.");
        }

        if (user.PasswordHash is not null)
        {
            return Outcome.Failed($"{user.DisplayName} has already accepted the invitation; disable the account instead.");
        }

        // The deletion itself is audited by the save interceptor; this says why.
        AccountAudit.Add(db, actor, user.Id, "Invitation cancelled; account removed", clock.GetUtcNow());
        var result = await users.DeleteAsync(user);
        return result.Succeeded ? Outcome.Success : Outcome.Failed(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>
    /// Whether an invitation link (as it arrived: the user id and the encoded token) can be used now; the link of a disabled
    /// account, or of one whose organisation has been deactivated since, is not valid (<see cref="AccountStanding"/>).
    /// </summary>
    /// <returns><see cref="AccountLinkState.Valid"/>; or why not: expired, used or replaced, already accepted, or no
    /// such account (also for a disabled account or a deactivated organisation). Refuses nobody: the link is the proof,
    /// and an unusable one is an answer, not an exception.</returns>
    public async Task<AccountLinkState> CheckAsync(string? userId, string? encodedToken, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await CheckAsync(users, scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>(), userId, encodedToken, ct)).State;
    }

    /// <summary>
    /// The person chooses their password through the link: the account becomes usable, its e-mail address confirmed,
    /// the link spent (the stamp changes with the password), and the owner told by e-mail.
    /// </summary>
    /// <returns>Success; field messages (the password policy's, under Password); or failed with
    /// <see cref="ExpiredMessage"/>, <see cref="AcceptedMessage"/> or <see cref="NotFoundMessage"/>. Refuses nobody:
    /// the link is the proof, and an unusable one is an answer, not an exception.</returns>
    public async Task<Outcome> AcceptAsync(string? userId, string? encodedToken, NewPasswordInput input, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var (state, user) = await CheckAsync(users, scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>(), userId, encodedToken, ct);
        if (state != AccountLinkState.Valid || user is null)
        {
            return Outcome.Failed(MessageFor(state));
        }

        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome.Invalid(errors);
        }

        var owner = AccountAudit.Owner(user);
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>().ActingAs(owner);
        var accepted = await AccountAudit.InOneTransactionAsync(db, async () =>
        {
            user.EmailConfirmed = true;
            var result = await users.AddPasswordAsync(user, input.Password);
            if (!result.Succeeded)
            {
                // Someone used the same link a moment earlier: their password stands.
                return result.Errors.Any(e => e.Code is "UserAlreadyHasPassword" or "ConcurrencyFailure")
                    ? Outcome.Failed(AcceptedMessage)
                    : Outcome.Invalid(UserAdministration.ToFieldErrors(result, nameof(input.Password)));
            }

            AccountAudit.Add(db, owner, user.Id, "Invitation accepted; password chosen by its owner", clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Outcome.Success;
        }, o => o.Succeeded, ct);
        if (!accepted.Succeeded)
        {
            return accepted;
        }

        logger.LogInformation("Invitation accepted by {UserId}", user.Id);
        await mail.NotifyOwnerAsync(user, AccountChange.InvitationAccepted, ct: ct);
        return Outcome.Success;
    }

    /// <summary>What the invitation page says about a link that cannot be used.</summary>
    /// <returns><see cref="AcceptedMessage"/>, <see cref="NotFoundMessage"/>, or <see cref="ExpiredMessage"/> for any
    /// other state. A calculation: it refuses nothing.</returns>
    public static string MessageFor(AccountLinkState state) => state switch
    {
        AccountLinkState.AlreadyAccepted => AcceptedMessage,
        AccountLinkState.NotFound => NotFoundMessage,
        _ => ExpiredMessage,
    };

    private static async Task<(AccountLinkState State, ApplicationUser? User)> CheckAsync(
        UserManager<ApplicationUser> users, EngagementHubDbContext db, string? userId, string? encodedToken, CancellationToken ct)
    {
        var token = AccountMail.DecodeToken(encodedToken);
        var user = string.IsNullOrEmpty(userId) || token is null ? null : await users.FindByIdAsync(userId);
        if (user is null || await AccountStanding.WhyNotAsync(db, user, ct) is not null)
        {
            return (AccountLinkState.NotFound, null);
        }

        if (user.PasswordHash is not null)
        {
            return (AccountLinkState.AlreadyAccepted, null);
        }

        return await users.VerifyUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose, token!)
            ? (AccountLinkState.Valid, user)
            : (AccountLinkState.ExpiredOrUsed, null);
    }

    /// <returns>Null when the e-mail went; else a sentence for the administrator.</returns>
    private async Task<string?> SendAsync(UserManager<ApplicationUser> users, ApplicationUser user, Actor actor, CancellationToken ct)
    {
        var token = await users.GenerateUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose);
        try
        {
            await mail.SendInvitationAsync(user, actor.DisplayName, token, ct);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The invitation e-mail to {UserId} could not be sent", user.Id);
            return $"The invitation e-mail to {user.Email} could not be sent ({ex.GetType().Name}: {ex.Message}). "
                   + "The account is listed as invited: use \"Resend invitation\" once e-mail works.";
        }
    }

    private string Lifetime() => $"link valid for {AccountMail.Describe(mail.InvitationLifetime)}";
}
