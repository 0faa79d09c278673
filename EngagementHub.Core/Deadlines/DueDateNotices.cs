using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// Tells both sides that a due date moved without either of them acting: the LINk owner, and the active editors and
/// admins of the organisation the deadline was sent to. In-app notices, added to the caller's context so they are saved
/// in the same transaction as the move.
/// </summary>
internal static class DueDateNotices
{
    /// <summary>Adds one notice per person per moved deadline, saying what moved and why (its <see cref="ResponseDeadline.DueDateNote"/>).</summary>
    public static async Task DueDateMovedAsync(EngagementHubDbContext db, IReadOnlyList<ResponseDeadline> moved, DateTimeOffset now, CancellationToken ct)
    {
        if (moved.Count == 0)
        {
            return;
        }

        var organisations = moved.Select(d => d.ToOrganisationId).Distinct().ToList();
        var owners = moved.Select(d => d.OwnerUserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled && (owners.Contains(u.Id)
                        || (organisations.Contains(u.OrganisationId) && (u.Role == UserRole.Editor || u.Role == UserRole.Admin))))
            .Select(u => new { u.Id, u.OrganisationId, u.Role })
            .ToListAsync(ct);
        foreach (var deadline in moved)
        {
            var recipients = users
                .Where(u => u.Id == deadline.OwnerUserId || (u.OrganisationId == deadline.ToOrganisationId && u.Role is UserRole.Editor or UserRole.Admin))
                .Select(u => u.Id).Distinct();
            foreach (var userId in recipients)
            {
                db.Notifications.Add(new Notification(userId, $"Due date moved: {deadline.Subject}",
                    deadline.DueDateNote ?? $"Now due on {UkTime.FormatDate(deadline.DueDate)}.", ReminderText.LinkFor(deadline.Id), now));
            }
        }
    }
}
