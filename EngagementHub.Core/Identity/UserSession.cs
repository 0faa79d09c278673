using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Identity;

/// <summary>
/// One signed-in session, kept on the server: the sign-in cookie carries only this row's key, and the ticket itself
/// (who, which organisation and role) stays here. Removing the row ends the session at once, so a signed-out cookie
/// replayed later, or the cookie of someone an administrator has just disabled or moved, is refused on its next request.
/// </summary>
[NotAudited]
public class UserSession
{
    private UserSession()
    {
        Id = "";
        UserId = "";
        Ticket = [];
    }

    /// <summary>A session begun at sign-in.</summary>
    /// <param name="id">The random key the cookie carries.</param>
    /// <param name="userId">The account signed in.</param>
    /// <param name="ticket">The serialised authentication ticket (ASP.NET Core's <c>TicketSerializer</c> format).</param>
    /// <param name="createdAt">The moment of sign-in (UTC).</param>
    /// <param name="expiresAt">When the ticket expires (UTC); null for a ticket without expiry.</param>
    public UserSession(string id, string userId, byte[] ticket, DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        Id = id;
        UserId = userId;
        Ticket = ticket;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The random key the cookie carries (protected by data protection like any sign-in cookie).</summary>
    public string Id { get; private set; }

    public string UserId { get; private set; }
    public byte[] Ticket { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the ticket expires (sliding: moved on at each renewal); null for a ticket without expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    /// <summary>The cookie was renewed (sliding expiration): the same session with a new ticket.</summary>
    public void Renew(byte[] ticket, DateTimeOffset? expiresAt)
    {
        Ticket = ticket;
        ExpiresAt = expiresAt;
    }
}

/// <summary>Ending sessions on the server: the people's next request asks them to sign in again (ADR 4).</summary>
internal static class UserSessions
{
    /// <summary>
    /// Ends the person's sessions (<see cref="UserSession"/>) but <paramref name="keep"/>: their next request anywhere
    /// else asks them to sign in again.
    /// </summary>
    public static Task EndSessionsAsync(EngagementHubDbContext db, string userId, string? keep, CancellationToken ct) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id != keep).ExecuteDeleteAsync(ct);

    /// <summary>Ends every session of the organisation's people (it was deactivated): their next request anywhere asks them to sign in.</summary>
    public static Task EndOrganisationSessionsAsync(EngagementHubDbContext db, int organisationId, CancellationToken ct) =>
        db.UserSessions.Where(s => db.Users.Any(u => u.Id == s.UserId && u.OrganisationId == organisationId)).ExecuteDeleteAsync(ct);
}
