using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;

namespace EngagementHub.Core.Auditing;

public enum AuditAction
{
    Added,
    Modified,
    Deleted,
}

/// <summary>One recorded change: who changed which entity, when, and each property's old and new value.</summary>
[NotAudited]
public class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public AuditAction Action { get; set; }
    public List<AuditChange> Changes { get; set; } = [];

    /// <summary>
    /// An entry saying what happened to an account that the save interceptor cannot see (it never records a password
    /// hash or a security stamp): one change, "Account", with the words.
    /// </summary>
    /// <param name="actor">Who did it; the entry is theirs.</param>
    /// <param name="userId">The account.</param>
    /// <param name="what">What happened, in words for the history.</param>
    /// <param name="at">When (UTC).</param>
    /// <returns>The entry, not yet added to any context.</returns>
    public static AuditEntry ForAccount(Actor actor, string userId, string what, DateTimeOffset at) => new()
    {
        At = at,
        UserId = actor.UserId,
        UserName = actor.DisplayName,
        EntityType = nameof(ApplicationUser),
        EntityId = userId,
        Action = AuditAction.Modified,
        Changes = [new AuditChange("Account", null, what)],
    };
}

/// <summary>A property's value before and after a change, as display text.</summary>
public sealed record AuditChange(string Property, string? Before, string? After);
