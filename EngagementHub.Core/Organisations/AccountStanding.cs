using System.Linq.Expressions;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Organisations;

/// <summary>
/// Who may use the app at all (ADR 4): an account that is not disabled, of an organisation still in the partnership (not
/// deactivated). A disabled account and every member of a deactivated organisation, administrators included, are
/// stopped alike: they cannot sign in, their sessions end and an open page acts for nobody, their links in e-mails do not
/// work, and they are told of nothing. Reactivating the organisation (or enabling the account) gives it all back.
/// </summary>
public static class AccountStanding
{
    /// <summary>The accounts that may use the app, for a query over <c>db.Users</c>: <c>db.Users.Where(AccountStanding.MayUseTheApp(db))</c>.</summary>
    /// <param name="db">The context the query runs on, whose organisations say which are still in the partnership.</param>
    /// <returns>A condition EF Core translates: not disabled, and its organisation is active.</returns>
    public static Expression<Func<ApplicationUser, bool>> MayUseTheApp(EngagementHubDbContext db) =>
        u => !u.IsDisabled && db.Organisations.Any(o => o.Id == u.OrganisationId && o.IsActive);

    /// <summary>Whether the account may use the app now, read from the database (not from a session's claims).</summary>
    /// <param name="db">Any context; nothing is tracked.</param>
    /// <param name="userId">The account.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>False for an account that is disabled, whose organisation is deactivated, or that does not exist.</returns>
    /// <exception cref="Exception">The database's own failure.</exception>
    public static Task<bool> MayUseTheAppAsync(EngagementHubDbContext db, string userId, CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).AnyAsync(MayUseTheApp(db), ct);

    /// <summary>Why an account may not use the app, in words for the log.</summary>
    /// <param name="db">Any context; nothing is tracked.</param>
    /// <param name="user">The account, as loaded.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>"account disabled", "organisation deactivated", or null when it may use the app.</returns>
    /// <exception cref="Exception">The database's own failure.</exception>
    public static async Task<string?> WhyNotAsync(EngagementHubDbContext db, ApplicationUser user, CancellationToken ct = default) =>
        user.IsDisabled ? "account disabled"
        : await db.Organisations.AsNoTracking().AnyAsync(o => o.Id == user.OrganisationId && o.IsActive, ct) ? null
        : "organisation deactivated";
}
