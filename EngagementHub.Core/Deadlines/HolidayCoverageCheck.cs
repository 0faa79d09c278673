using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// Reminds administrators, in their notification centre, when the bank holiday data runs out within a year: after that
/// date every due date would silently count bank holidays as working days. Once a month at most per admin.
/// </summary>
public sealed class HolidayCoverageCheck(IDbContextFactory<EngagementHubDbContext> dbFactory, BankHolidayCalendar holidays, TimeProvider clock)
{
    public const string Title = "Bank holiday calendar is running out";

    /// <summary>Runs as the system (daily job); refuses nobody. Throws only what the database throws.</summary>
    /// <returns>How many administrators were reminded: 0 when the data reaches a year ahead, or all were reminded in the last 30 calendar days.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (await holidays.CoverageWarningAsync(ct) is not { } warning)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var monthAgo = now.AddDays(-30);
        var admins = await db.Users.Where(AccountStanding.MayUseTheApp(db)).Where(u => u.Role == UserRole.Admin)
            .Select(u => new { u.Id, u.OrganisationId }).ToListAsync(ct);
        var remindedLately = (await db.Notifications
            .Where(n => n.Title == Title && n.CreatedAt >= monthAgo)
            // One an administrator was sent before being moved to another organisation is no longer shown to them.
            .Where(Notification.StillTheirs(db))
            .Select(n => n.UserId).ToListAsync(ct)).ToHashSet();
        var toRemind = admins.Where(a => !remindedLately.Contains(a.Id)).ToList();
        db.Notifications.AddRange(toRemind.Select(a => new Notification(a.Id, a.OrganisationId, Title, warning, PageLink.BankHolidays, now)));
        await db.SaveChangesAsync(ct);
        return toRemind.Count;
    }
}
