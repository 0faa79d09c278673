using System.Globalization;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// How an edit conflict with a recount is told (ADR 3, ADR 12): a bank-holiday change recounts open deadlines in its own
/// save, as the administrator who changed the holidays. Someone who had the deadline's page open and then saves is
/// rightly refused, but told that the dates were recounted and why, never that the administrator (or whoever last edited
/// the deadline) changed it.
/// </summary>
public static class DeadlineRecounts
{
    /// <summary>
    /// What to tell a person whose save met a recount of the deadline (<see cref="Data.ChangedRow.Recounted"/>). A
    /// recount is the one save that writes <see cref="ResponseDeadline.DueDateNote"/> (<see cref="ResponseDeadline.Recount"/>).
    /// </summary>
    /// <param name="latest">The deadline's latest history entry.</param>
    /// <returns>"The due date was recounted on Wed 2 Dec 2026 after the bank holidays changed: it is now Thu 29 Sep 2022.
    /// Nothing was saved: reload to see it, then make your change again.", or for a recount that moved only the
    /// statutory date or the one missed before a late extension, that the deadline's dates were recounted; null when
    /// <paramref name="latest"/> is not a recount's (a person's save, described as such). A calculation: it refuses
    /// nothing.</returns>
    public static string? Describe(AuditEntry latest)
    {
        if (!latest.Changes.Any(c => c.Property == nameof(ResponseDeadline.DueDateNote) && c.After is not null))
        {
            return null;
        }

        var on = UkTime.FormatDate(UkTime.Today(latest.At));
        return latest.Changes.FirstOrDefault(c => c.Property == nameof(ResponseDeadline.DueDate)) is { After: { } after }
               && DateOnly.TryParseExact(after, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            ? $"The due date was recounted on {on} after the bank holidays changed: it is now {UkTime.FormatDate(due)}. "
              + "Nothing was saved: reload to see it, then make your change again."
            : $"This deadline's dates were recounted on {on} after the bank holidays changed (its due date stays as it was). "
              + "Nothing was saved: reload to see them, then make your change again.";
    }
}
