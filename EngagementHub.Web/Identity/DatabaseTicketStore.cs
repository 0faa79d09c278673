using System.Security.Claims;
using System.Security.Cryptography;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Web.Identity;

/// <summary>
/// Keeps sign-in tickets in the database (<see cref="UserSession"/>) so the cookie is only a key: signing out deletes
/// the row, and a copy of the cookie replayed afterwards finds nothing and is refused. Every node shares the table, so
/// a session started on one node is known (and ended) on all.
/// </summary>
public sealed class DatabaseTicketStore(
    IDbContextFactory<EngagementHubDbContext> dbFactory, TimeProvider clock, ILogger<DatabaseTicketStore> logger) : ITicketStore
{
    /// <summary>
    /// The session's key, kept in the stored ticket itself so that a Blazor circuit, which holds the principal rather
    /// than the cookie, can ask whether its session is still open.
    /// </summary>
    public const string SessionIdClaim = "engagementhub:session";

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
                     ?? throw new InvalidOperationException("A sign-in ticket without a user id cannot be stored.");
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        WithSessionId(ticket, key);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();

        // A person's sessions that ran out are of no further use: cleared as they sign in again, so the table holds
        // about one row per person at a time.
        await db.UserSessions.Where(s => s.UserId == userId && s.ExpiresAt != null && s.ExpiresAt <= now).ExecuteDeleteAsync();
        db.UserSessions.Add(new UserSession(key, userId, TicketSerializer.Default.Serialize(ticket), now, ticket.Properties.ExpiresUtc));
        await db.SaveChangesAsync();
        return key;
    }

    /// <summary>
    /// Moves a session's expiry on (sliding expiration). The renewal is written as the response starts, after the page
    /// has been served: a database that fails then (lost, full, read-only) is logged and the session keeps its earlier
    /// expiry, rather than the failure aborting a response the person was already being sent.
    /// </summary>
    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync();
            if (await db.UserSessions.FirstOrDefaultAsync(s => s.Id == key) is { } session)
            {
                session.Renew(TicketSerializer.Default.Serialize(WithSessionId(ticket, key)), ticket.Properties.ExpiresUtc);
                await db.SaveChangesAsync();
            }
        }
        catch (Exception failure) when (AppComponentBase.IsDatabaseFailure(failure))
        {
            logger.LogWarning(failure, "A session's expiry could not be moved on: the database failed; it keeps its earlier expiry");
        }
    }

    /// <returns>The ticket, or null when the session was ended (signed out, or ended by an administrator) or has expired,
    /// or its account may no longer use the app (<see cref="AccountStanding"/>: disabled, or its organisation deactivated).</returns>
    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    /// <inheritdoc cref="RetrieveAsync(string)"/>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var session = await InUse(db).FirstOrDefaultAsync(s => s.Id == key, cancellationToken);
        return session is null || session.IsExpiredAt(clock.GetUtcNow()) ? null : TicketSerializer.Default.Deserialize(session.Ticket);
    }

    /// <summary>
    /// The sessions of accounts that may still use the app. Ending a disabled person's or a deactivated organisation's
    /// sessions deletes them; reading the account with each one also refuses a session written while that happened.
    /// </summary>
    private static IQueryable<UserSession> InUse(EngagementHubDbContext db) =>
        db.UserSessions.AsNoTracking().Join(db.Users.Where(AccountStanding.MayUseTheApp(db)), s => s.UserId, u => u.Id, (s, _) => s);

    /// <summary>
    /// Reads the session for a request. When the database cannot be read, a request for something that needs signing in
    /// fails with the database's exception, so the error page says the database is not available (503) rather than
    /// sending a signed-in person to sign in again; anything open to everyone (the error page itself, the public pages,
    /// the sign-in page, scripts and styles) goes on as a request from nobody signed in.
    /// </summary>
    /// <returns>The ticket; null when the session was ended or has expired, or could not be read for a request that
    /// does not need signing in.</returns>
    /// <exception cref="Exception">The database's own failure, for a request that needs signing in.</exception>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        try
        {
            return await RetrieveAsync(key, cancellationToken);
        }
        catch (Exception failure) when (AppComponentBase.IsDatabaseFailure(failure) && IsOpenToEveryone(httpContext))
        {
            logger.LogWarning(failure, "The session for {Path} could not be read: the database failed; served as signed out", httpContext.Request.Path);
            return null;
        }
    }

    // The error page is reached again inside the failed request (its exception recorded): it must render, not fail again.
    private static bool IsOpenToEveryone(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>() is not null
        || context.GetEndpoint() is not { } endpoint
        || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
        || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;

    public async Task RemoveAsync(string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.UserSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>A renewal may carry a principal built afresh (the security stamp check rebuilds it): the key goes back in.</summary>
    private static AuthenticationTicket WithSessionId(AuthenticationTicket ticket, string key)
    {
        if (ticket.Principal.FindFirstValue(SessionIdClaim) is null && ticket.Principal.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionIdClaim, key));
        }

        return ticket;
    }

    /// <summary>
    /// Whether the session a principal came from is still open and its account may still use the app (not disabled, its
    /// organisation not deactivated); true for a principal not from a stored session.
    /// </summary>
    public async Task<bool> IsOpenAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.FindFirstValue(SessionIdClaim) is not { } key)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await InUse(db).AnyAsync(s => s.Id == key && (s.ExpiresAt == null || s.ExpiresAt > now), ct);
    }
}
