using System.Buffers.Text;
using System.Text;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EngagementHub.Core.Accounts;

/// <summary>A change to an account that its owner is told about by e-mail.</summary>
public enum AccountChange
{
    PasswordChanged,
    PasswordReset,
    PasswordSetByAdministrator,
    InvitationAccepted,
}

/// <summary>
/// The e-mails about accounts: an invitation, a "forgot password" link, and the notice to an account's owner that its
/// password changed. Links use <see cref="EngagementHubOptions.PublicBaseUrl"/> (else <see cref="EmailLinks.DefaultBaseUrl"/>),
/// like every e-mail the app sends, never the address of the request that caused them.
/// </summary>
public sealed class AccountMail(
    IEmailSender sender, IDbContextFactory<EngagementHubDbContext> dbFactory, IOptions<EngagementHubOptions> options, TimeProvider clock,
    ILogger<AccountMail> logger, IPageLinks links)
{
    public TimeSpan InvitationLifetime => options.Value.Accounts.InvitationLifetime;

    public TimeSpan ResetLifetime => options.Value.Accounts.PasswordResetLifetime;

    /// <summary>
    /// A token as it travels in a link: Base64url of its UTF-8 text, so no mail program or browser alters a '+' or '='.
    /// </summary>
    /// <returns>The token's UTF-8 bytes in Base64url (RFC 4648, section 5), with no padding. A calculation: it refuses
    /// nothing.</returns>
    public static string EncodeToken(string token) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));

    /// <returns>The token a link carried, or null when it is not Base64url at all (a mangled or made-up link). Refuses
    /// nothing: a bad link gives null, never an exception.</returns>
    public static string? DecodeToken(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded) || !Base64Url.IsValid(encoded))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>A duration as people say it: "7 days", "1 hour", "30 minutes".</summary>
    /// <returns>Whole days or hours when it is exact, else minutes, rounded and at least "1 minute". A calculation: it
    /// refuses nothing.</returns>
    public static string Describe(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays % 1 == 0 ? Counted.Of((int)span.TotalDays, "day")
        : span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? Counted.Of((int)span.TotalHours, "hour")
        : Counted.Of(Math.Max(1, (int)Math.Round(span.TotalMinutes)), "minute");

    /// <summary>Sends an invitation with its link.</summary>
    /// <exception cref="Exception">Whatever the sender threw (the SMTP server refused or could not be reached).</exception>
    public async Task SendInvitationAsync(ApplicationUser user, string invitedBy, string token, CancellationToken ct = default)
    {
        var link = Link(PageLink.AccountInvitation(user.Id, EncodeToken(token)));
        var until = clock.GetUtcNow() + InvitationLifetime;
        var body = $"""
            Hello {UntrustedText.Isolate(user.DisplayName)},

            {UntrustedText.Isolate(invitedBy)} has invited you to EngagementHub, where commissioners and the LINk plan public engagement together.
            Choose your password to start:

            {link}

            The link works once, for {Describe(InvitationLifetime)} (until {UkTime.Format(until)}, UK time). If it has run out, ask
            {UntrustedText.Isolate(invitedBy)} or another administrator of your partnership to send it again.

            If you did not expect this invitation, you can ignore this e-mail: no account is usable until its owner chooses a password.
            """;
        await SendAsync(user.Email!, "You are invited to EngagementHub", body, ct);
    }

    /// <summary>Sends a "forgot password" link.</summary>
    /// <exception cref="Exception">Whatever the sender threw.</exception>
    public async Task SendResetLinkAsync(ApplicationUser user, string token, CancellationToken ct = default)
    {
        var link = Link(PageLink.PasswordReset(user.Id, EncodeToken(token)));
        var body = $"""
            Hello {UntrustedText.Isolate(user.DisplayName)},

            Someone (we hope you) asked to reset the password of your EngagementHub account. Choose a new password here:

            {link}

            The link works once, for {Describe(ResetLifetime)}. Using it signs your account out everywhere else.

            If you did not ask for this, you can ignore this e-mail: your password stays as it is.
            """;
        await SendAsync(user.Email!, "Reset your EngagementHub password", body, ct);
    }

    /// <summary>
    /// Tells the account's owner that its password changed, and what to do if it was not them. Never throws: the change
    /// has happened, and a mail server that is down must not undo it or hide it from the person making it; a failure is
    /// logged as an error. Refuses nobody: the change it reports was checked by its own step. An account that may not use
    /// the app (disabled, or its organisation deactivated: <see cref="AccountStanding"/>, ADR 4) is told nothing, as it is
    /// told of nothing else: an administrator may set such an account's password, and the advice to reset it would only
    /// meet a form that sends a disabled account nothing (ADR 18). That is logged instead.
    /// </summary>
    public async Task NotifyOwnerAsync(ApplicationUser user, AccountChange change, string? byAdministrator = null, CancellationToken ct = default)
    {
        var how = change switch
        {
            AccountChange.PasswordChanged => "from your account page",
            AccountChange.PasswordReset => "with a reset link sent to this address",
            AccountChange.PasswordSetByAdministrator => $"by an administrator, {UntrustedText.Isolate(byAdministrator ?? "")}",
            _ => "when you accepted your invitation",
        };
        var body = $"""
            Hello {UntrustedText.Isolate(user.DisplayName)},

            The password of your EngagementHub account ({user.Email}) was set on {UkTime.Format(clock.GetUtcNow())} (UK time), {how}.
            Every other session signed in to your account has been signed out.

            If this was you, there is nothing more to do.

            If this was not you, reset your password now at {Link(PageLink.ForgotPassword)}
            and tell an administrator of your partnership, who can also disable the account.
            """;
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                if (await AccountStanding.WhyNotAsync(db, user, ct) is { } why)
                {
                    logger.LogInformation("{UserId} not told by e-mail that their password changed ({Change}): {Reason}", user.Id, change, why);
                    return;
                }
            }

            await SendAsync(user.Email!, "Your EngagementHub password was changed", body, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Could not tell {UserId} by e-mail that their password changed ({Change})", user.Id, change);
        }
    }

    private Uri Link(PageLink page) => EmailLinks.Absolute(options.Value.PublicBaseUrl, links.PathTo(page));

    private async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        string domain;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            domain = await DeploymentIdentity.DomainAsync(db, options.Value.PublicBaseUrl, clock.GetUtcNow(), ct);
        }

        await sender.SendAsync(new EmailMessage(to, subject, body, $"account-{Guid.NewGuid():N}@{domain}"), ct);
    }
}

/// <summary>Account events the save interceptor cannot see (a password hash and security stamp are never audited).</summary>
internal static class AccountAudit
{
    /// <summary>Adds (does not save) an entry saying what happened to the account, recorded against <paramref name="actor"/>.</summary>
    public static void Add(EngagementHubDbContext db, Actor actor, string userId, string what, DateTimeOffset at) =>
        db.AuditEntries.Add(AuditEntry.ForAccount(actor, userId, what, at));

    /// <summary>
    /// Runs one change to an account in one transaction: Identity's own saves (every <c>UserManager</c> call saves), the
    /// sessions it ends and the entry saying what happened are all kept, or none of them. A failure part-way (the
    /// database lost between two saves) never leaves a new password without its audit entry, a new account nobody
    /// recorded inviting, or a disabled or moved person with their sessions still open (ADR 3: a change and its audit
    /// land together).
    /// </summary>
    /// <param name="db">The scope's context, the one the <c>UserManager</c> saves through.</param>
    /// <param name="change">The change: Identity's calls, the sessions ended, the audit entry added and saved.</param>
    /// <param name="kept">Whether the change's result is one to keep; otherwise everything it saved is rolled back.</param>
    /// <param name="ct">Cancels the change; nothing of it is kept.</param>
    /// <returns>What <paramref name="change"/> returned.</returns>
    /// <exception cref="Exception">Whatever the change or the commit threw; nothing of the change is kept.</exception>
    public static async Task<T> InOneTransactionAsync<T>(
        EngagementHubDbContext db, Func<Task<T>> change, Func<T, bool> kept, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await change();
        if (kept(result))
        {
            await transaction.CommitAsync(ct);
        }

        return result;
    }

    /// <summary>The person acting on their own account (through a link or their account page).</summary>
    public static Actor Owner(ApplicationUser user) => new(user.Id, user.DisplayName, user.OrganisationId, null, user.Role);
}
