using System.Globalization;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// The work programme's side of a bank holiday change (<see cref="IRecountedDates"/>): the feedback still owed to
/// people who raised issues is due a set number of working days after the panel's decision, so it moves as response
/// deadlines do, in the admin's preview and in the change's own transaction, with a note on the issue and a notice to
/// the LINk's people (ADR 0022). Feedback already given keeps the date it was given against.
/// </summary>
public sealed class FeedbackDueDates(TimeProvider clock) : IRecountedDates
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<MovedDeadline>> RecountAsync(
        EngagementHubDbContext db, Actor actor, WorkingDayCalendar before, WorkingDayCalendar after, Func<DateOnly, DateOnly, DateOnly, string> because,
        bool apply, CancellationToken ct)
    {
        var owed = db.RaisedIssues.Where(i => i.Step == IssueStep.Decided && i.FeedbackDue != null && i.DecidedOn != null).OrderBy(i => i.Id);
        var issues = apply ? await owed.ToListAsync(ct) : await owed.AsNoTracking().ToListAsync(ct);
        var moved = new List<(RaisedIssue Issue, MovedDeadline Row)>();
        foreach (var issue in issues)
        {
            // A preview counts on an untracked copy: nothing it changes is saved.
            if (issue.RecountFeedback(before, after, (from, to) => because(issue.DecidedOn!.Value, from, to)) is { } was)
            {
                moved.Add((issue, new MovedDeadline(issue.Id, issue.Title, "", was, issue.FeedbackDue!.Value, MovedDateKind.Feedback)));
            }
        }

        if (apply)
        {
            await WorkProgrammeNotices.FeedbackDueDatesMovedAsync(db, actor, [.. moved.Select(m => m.Issue)], clock.GetUtcNow(), ct);
        }

        return [.. moved.Select(m => m.Row)];
    }

    /// <summary>
    /// What to tell a person whose save of an issue met a recount of its feedback date (<see cref="ChangedRow.Recounted"/>,
    /// ADR 3): the recount is saved as the administrator who changed the bank holidays, who never edited the issue. A
    /// recount is the one save that writes <see cref="RaisedIssue.FeedbackDueNote"/> (<see cref="RaisedIssue.RecountFeedback"/>).
    /// </summary>
    /// <param name="latest">The issue's latest history entry.</param>
    /// <returns>"The feedback due date was recounted on Wed 2 Dec 2026 after the bank holidays changed: it is now Mon 14 Dec
    /// 2026. Nothing was saved: reload to see it, then make your change again."; null when <paramref name="latest"/> is not
    /// a recount's. A calculation: it refuses nothing.</returns>
    public static string? Describe(AuditEntry latest)
    {
        if (!latest.Changes.Any(c => c.Property == nameof(RaisedIssue.FeedbackDueNote) && c.After is not null))
        {
            return null;
        }

        var now = latest.Changes.FirstOrDefault(c => c.Property == nameof(RaisedIssue.FeedbackDue)) is { After: { } after }
                  && DateOnly.TryParseExact(after, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due)
            ? $": it is now {UkTime.FormatDate(due)}"
            : "";
        return $"The feedback due date was recounted on {UkTime.FormatDate(UkTime.Today(latest.At))} after the bank holidays changed{now}. "
               + "Nothing was saved: reload to see it, then make your change again.";
    }
}
