namespace EngagementHub.Core.Auditing;

/// <summary>Properties that must never be copied into the audit log (secrets) or that say nothing to a reader.</summary>
internal static class AuditExclusions
{
    public static readonly HashSet<string> SecretProperties =
    [
        "PasswordHash", "SecretHash", "SecurityStamp", "ConcurrencyStamp", "Version", "NormalizedEmail", "NormalizedUserName",

        // The reminder sweep's own bookkeeping: when it next looks at a deadline, and the token that tells it the plan was
        // renewed, say nothing to a reader.
        "NextReminderOn", "ReminderPlanToken",

        // A referrer's personal details: the history of an issue is read beyond the LINk, the details are not (ADR 0022),
        // nor the notes of the steps spent with them, which name them (the page shows those to the LINk).
        "ReferrerName", "ReferrerContact", "DiscussionNotes", "DiscussionSkippedReason", "FeedbackNotes",
    ];
}
