using EngagementHub.Core.Common;

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
}

/// <summary>A property's value before and after a change, as display text.</summary>
public sealed record AuditChange(string Property, string? Before, string? After);
