namespace EngagementHub.Core.Auditing;

/// <summary>Properties that must never be copied into the audit log (secrets) or that say nothing to a reader.</summary>
internal static class AuditExclusions
{
    public static readonly HashSet<string> SecretProperties =
    [
        "PasswordHash", "SecretHash", "SecurityStamp", "ConcurrencyStamp", "Version", "NormalizedEmail", "NormalizedUserName",
    ];
}
