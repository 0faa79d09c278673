using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Accounts;

/// <summary>
/// People looking after their own password: "forgot password" by an e-mailed link (Identity's reset token provider,
/// <see cref="AccountTokens.PasswordResetProvider"/>: it works once, for <see cref="AccountOptions.PasswordResetLifetime"/>), and
/// changing it from their account page with the current one. Either ends every other session of the account, is
/// recorded in the audit log, and is told to the account's owner by e-mail.
/// </summary>
public sealed class PasswordService(
    IServiceScopeFactory scopes, AccountMail mail, AccountEmailLimit limit, TimeProvider clock, ILogger<PasswordService> logger, OrganisationAccess access)
{
    /// <summary>What the reset page says of a link that no longer works (a token cannot tell why: ADR 18), and what to do.</summary>
    public const string LinkExpiredMessage =
        "This link no longer works: each reset link works once, for a limited time, and only until your account changes (a new "
        + "password, or a change to your access). Ask for a new one with \"Ask for a new link\" below.";

    /// <summary>Who asked, in the audit log, when nobody is signed in.</summary>
    private static readonly Actor ForgotForm = new(null, "Forgotten-password form (not signed in)", null, null, UserRole.Viewer);

    /// <summary>
    /// Sends a reset link to <paramref name="email"/> when an account that can sign in has that address; otherwise sends
    /// nothing and says so only in the log. The form that calls this shows the same page either way, and does not wait
    /// for it (it runs as a background job), so neither the page nor its timing tells anyone which addresses have accounts.
    /// An invitation not yet accepted (an account without a password, which cannot sign in) gets nothing either: its
    /// person chooses a password through the invitation, which only an administrator sends again (ADR 18), so the form
    /// neither skips the invitation nor outlives its lifetime. One person is sent at most <see cref="AccountEmailLimit.PerHour"/>
    /// links an hour, however many times and from wherever they are asked for (<see cref="AccountEmailLimit"/>); more are
    /// logged and not sent. Any unused link of the person's works until the password changes.
    /// </summary>
    /// <exception cref="Exception">Whatever the e-mail sender threw, so the job is retried.</exception>
    public async Task RequestResetAsync(string email, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        var reason = user is null ? "no such account" : await WhyNoLinkAsync(db, user, ct);
        if (user is null || reason is not null)
        {
            logger.LogInformation("Password reset asked for {Email}: {Reason}; nothing sent", email, reason);
            return;
        }

        if (!await limit.SendAsync(user.Id, AccountEmailKind.ResetLink,
                async () => await mail.SendResetLinkAsync(user, await users.GeneratePasswordResetTokenAsync(user), ct), ct))
        {
            logger.LogWarning("Password reset asked for {UserId}: {Count} links already e-mailed in the last hour; nothing sent",
                user.Id, AccountEmailLimit.PerHour);
            return;
        }

        logger.LogInformation("Password reset link e-mailed to {UserId}", user.Id);
        AccountAudit.Add(db, ForgotForm, user.Id, $"Password reset link e-mailed (valid for {AccountMail.Describe(mail.ResetLifetime)})", clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether a reset link (as it arrived) can be used now: <see cref="AccountLinkState.Valid"/>, or why not.</summary>
    /// <returns><see cref="AccountLinkState.Valid"/>; or why not: expired, used or replaced, or no such account (also
    /// for a disabled account or a deactivated organisation). Refuses nobody: the link is the proof, and an unusable
    /// one is an answer, not an exception.</returns>
    public async Task<AccountLinkState> CheckResetAsync(string? userId, string? encodedToken, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (await CheckAsync(users, scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>(), userId, encodedToken, ct)).State;
    }

    /// <summary>
    /// Sets a new password through a reset link. The link is spent (the stamp changes with the password), every session
    /// of the account ends, a lockout is lifted (the person has proved they hold the address), and the owner is told.
    /// </summary>
    /// <returns>The account's e-mail address (to clear the sign-in throttle for it); field messages (under Password);
    /// or failed with <see cref="LinkExpiredMessage"/>. Refuses nobody: the link is the proof, and an unusable one is
    /// an answer, not an exception.</returns>
    public async Task<Outcome<string>> ResetAsync(string? userId, string? encodedToken, NewPasswordInput input, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var (state, user, token) = await CheckAsync(users, scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>(), userId, encodedToken, ct);
        if (state != AccountLinkState.Valid || user is null)
        {
            return Outcome<string>.Failed(LinkExpiredMessage);
        }

        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome<string>.Invalid(errors);
        }

        var owner = AccountAudit.Owner(user);
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>().ActingAs(owner);
        var outcome = await AccountAudit.InOneTransactionAsync(db, async () =>
        {
            user.EmailConfirmed = true;
            var result = await users.ResetPasswordAsync(user, token!, input.Password);
            if (!result.Succeeded)
            {
                return result.Errors.Any(e => e.Code is "InvalidToken" or "ConcurrencyFailure")
                    ? Outcome<string>.Failed(LinkExpiredMessage)
                    : Outcome<string>.Invalid(UserAdministration.ToFieldErrors(result, nameof(input.Password)));
            }

            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await UserSessions.EndSessionsAsync(db, user.Id, keep: null, ct);
            AccountAudit.Add(db, owner, user.Id, "Password reset with an e-mailed link; every session ended", clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Outcome<string>.Ok(user.Email!);
        }, o => o.Succeeded, ct);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        logger.LogInformation("Password reset by link for {UserId}", user.Id);
        await mail.NotifyOwnerAsync(user, AccountChange.PasswordReset, ct: ct);
        return outcome;
    }

    /// <summary>
    /// The signed-in person changes their own password, giving the current one. Every other session of theirs ends;
    /// <paramref name="currentSessionId"/> (the one they are using) stays, for the caller to renew with the new stamp.
    /// </summary>
    /// <returns>Success; or field messages: CurrentPassword when it is not right, NewPassword for the password policy.</returns>
    /// <exception cref="AccessDeniedException">Nobody is signed in (the system actor), or the account may no longer use the app
    /// (disabled, or its organisation deactivated, since the page was opened); logged, as every refusal is (ADR 4).</exception>
    public async Task<Outcome> ChangeAsync(Actor actor, ChangePasswordInput input, string? currentSessionId, CancellationToken ct = default)
    {
        if (actor.IsSystem)
        {
            access.Deny(actor, "change their password", "an account");
            throw new AccessDeniedException("Sign in to change your password.");
        }

        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome.Invalid(errors);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(actor.UserId!);
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>().ActingAs(actor);
        if (user is null || await AccountStanding.WhyNotAsync(db, user, ct) is not null)
        {
            access.Deny(actor, "change their password", "an account that may no longer be used");
            throw new AccessDeniedException("Your session has ended. Sign in again to continue.");
        }

        var outcome = await AccountAudit.InOneTransactionAsync(db, async () =>
        {
            var result = await users.ChangePasswordAsync(user, input.CurrentPassword, input.NewPassword);
            if (!result.Succeeded)
            {
                if (result.Errors.Any(e => e.Code == "PasswordMismatch"))
                {
                    logger.LogWarning("Password change refused for {UserId}: the current password was wrong", user.Id);
                    return Outcome.Invalid(new FieldError(nameof(input.CurrentPassword), "This is not your current password."));
                }

                return Outcome.Invalid(UserAdministration.ToFieldErrors(result, nameof(input.NewPassword)));
            }

            await UserSessions.EndSessionsAsync(db, user.Id, currentSessionId, ct);
            AccountAudit.Add(db, actor, user.Id, "Password changed by its owner; every other session ended", clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Outcome.Success;
        }, o => o.Succeeded, ct);
        if (outcome.Succeeded)
        {
            await mail.NotifyOwnerAsync(user, AccountChange.PasswordChanged, ct: ct);
        }

        return outcome;
    }

    private static async Task<(AccountLinkState State, ApplicationUser? User, string? Token)> CheckAsync(
        UserManager<ApplicationUser> users, EngagementHubDbContext db, string? userId, string? encodedToken, CancellationToken ct)
    {
        var token = AccountMail.DecodeToken(encodedToken);
        var user = string.IsNullOrEmpty(userId) || token is null ? null : await users.FindByIdAsync(userId);
        if (user is null || await WhyNoLinkAsync(db, user, ct) is not null)
        {
            return (AccountLinkState.NotFound, null, null);
        }

        var purpose = UserManager<ApplicationUser>.ResetPasswordTokenPurpose;
        return await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, purpose, token!)
            ? (AccountLinkState.Valid, user, token)
            : (AccountLinkState.ExpiredOrUsed, null, null);
    }

    /// <summary>
    /// Why this account may not be sent a reset link nor use one, for the log; null when it may. Only an account that can
    /// sign in resets its password: not an invitation not yet accepted (no password yet), whose person uses the
    /// invitation instead, nor one that may not use the app (<see cref="AccountStanding"/>: disabled, or its
    /// organisation deactivated).
    /// </summary>
    private static async Task<string?> WhyNoLinkAsync(EngagementHubDbContext db, ApplicationUser user, CancellationToken ct) =>
        user.PasswordHash is null ? "invitation not yet accepted (only an administrator sends it again)"
        : await AccountStanding.WhyNotAsync(db, user, ct);
}
