using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// A deactivated organisation still owes the answers to the deadlines sent to it and still open
/// (<see cref="ResponseDeadline.IsOpen"/>), the follow-up answers to referrals it acknowledged
/// (<see cref="ResponseDeadline.AwaitsFollowUp"/>) and the answers to deadlines escalated unanswered
/// (<see cref="ResponseDeadline.AnswerStillOwed"/>), but nobody there can record them: the LINk that sent each is told,
/// with what it can do (<see cref="DeadlineNotices.RecipientDeactivatedAsync"/>, ADR 12, 2026-12-02 and 2026-12-04).
/// Nothing on the deadline changes: its due date, any extension and its reminders to the LINk's owner stand.
/// </summary>
public sealed class DeadlinesOnDeactivation : IOrganisationDeactivation
{
    /// <summary>
    /// Adds, for each deadline sent to <paramref name="organisation"/> whose answer it still owes (open, a follow-up, or
    /// escalated unanswered), soonest due first, the LINk's notice; deadlines answered or withdrawn, and those sent to
    /// others, are left alone. Adds to
    /// <paramref name="db"/> without saving.
    /// </summary>
    /// <param name="db">The deactivation's context, saved by the caller with the organisation.</param>
    /// <param name="actor">The administrator deactivating it (the caller checked the right); not told.</param>
    /// <param name="organisation">The organisation being deactivated.</param>
    /// <param name="now">The moment of the deactivation (UTC); its UK date decides which deadlines are overdue.</param>
    /// <param name="ct">Cancels the reads; nothing is saved.</param>
    /// <returns>A task that completes once every notice is added. Refuses nobody: the directory checked the administrator.</returns>
    public async Task OrganisationDeactivatedAsync(EngagementHubDbContext db, Actor actor, Organisation organisation, DateTimeOffset now, CancellationToken ct = default)
    {
        var open = await db.Deadlines.AsNoTracking().Where(ResponseDeadline.AnswerStillOwed).Where(d => d.ToOrganisationId == organisation.Id)
            .OrderBy(d => d.DueDate).ThenBy(d => d.Id).ToListAsync(ct);
        foreach (var deadline in open)
        {
            await DeadlineNotices.RecipientDeactivatedAsync(db, actor, deadline, organisation, UkTime.Today(now), now, ct);
        }
    }
}
