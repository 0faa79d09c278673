using System.Security.Claims;
using System.Security.Cryptography;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Web.Identity;

/// <summary>
/// Keeps sign-in tickets in the database (<see cref="UserSession"/>) so the cookie is only a key: signing out deletes
/// the row, and a copy of the cookie replayed afterwards finds nothing and is refused. Every node shares the table, so
/// a session started on one node is known (and ended) on all.
/// </summary>
public sealed class DatabaseTicketStore(IDbContextFactory<EngagementHubDbContext> dbFactory, TimeProvider clock) : ITicketStore
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

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.UserSessions.FirstOrDefaultAsync(s => s.Id == key) is { } session)
        {
            session.Renew(TicketSerializer.Default.Serialize(WithSessionId(ticket, key)), ticket.Properties.ExpiresUtc);
            await db.SaveChangesAsync();
        }
    }

    /// <returns>The ticket, or null when the session was ended (signed out, or ended by an administrator) or has expired.</returns>
    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var session = await db.UserSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == key);
        return session is null || session.IsExpiredAt(clock.GetUtcNow()) ? null : TicketSerializer.Default.Deserialize(session.Ticket);
    }

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

    /// <summary>Whether the session a principal came from is still open; true for a principal not from a stored session.</summary>
    public async Task<bool> IsOpenAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.FindFirstValue(SessionIdClaim) is not { } key)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserSessions.AnyAsync(s => s.Id == key && (s.ExpiresAt == null || s.ExpiresAt > now), ct);
    }
}
