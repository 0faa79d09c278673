using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Notifications;

/// <summary>
/// Finds whose digest is due and records it, once, before anything is sent (ADR 14). Runs every 15 minutes and at
/// start-up; the caller queues the recorded deliveries' e-mails by id, which <see cref="ReminderMailer"/> claims and
/// sends like any reminder.
/// </summary>
/// <remarks>
/// A digest's window runs from the end of the person's previous digest of that kind (or, for their first, the slot
/// before) to the latest scheduled slot that has passed by <see cref="SettleTime"/>. After downtime that is one digest
/// covering everything since the last, not one per missed slot. An empty window is not recorded: the next digest
/// starts where the last recorded one ended, so the empty stretch is folded into it and nothing in it is lost.
/// The unique index on (person, kind, window start) lets exactly one of two racing sweeps record a digest.
/// </remarks>
public sealed class DigestSweep(
    IDbContextFactory<EngagementHubDbContext> dbFactory, IWorkingDays holidays, TimeProvider clock, ILogger<DigestSweep> logger)
{
    /// <summary>
    /// How long after a slot its digest is recorded: a notification created just before the slot whose transaction
    /// commits a moment later is still in it. The recurring job runs at 5 past the quarter-hour, after this has passed.
    /// </summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Records each digest whose slot (UK time, working days: <see cref="DigestSchedule"/>) has passed by at least
    /// <see cref="SettleTime"/>, once per person, kind and window. Runs as the system (a job); refuses nobody.
    /// </summary>
    /// <returns>The ids of the digest deliveries this run recorded, for the caller to send.</returns>
    public async Task<IReadOnlyList<long>> RunAsync(CancellationToken ct = default)
    {
        var calendar = await holidays.GetAsync(ct);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var digestPreferences = new[] { DeliveryPreference.DailyDigest, DeliveryPreference.WeeklyDigest };
        var choices = await (
                from p in db.NotificationPreferences.AsNoTracking()
                join u in db.Users.Where(AccountStanding.MayUseTheApp(db)) on p.UserId equals u.Id
                where digestPreferences.Contains(p.Delivery) && u.Email != null
                select new { p.UserId, p.Category, p.Delivery })
            .ToListAsync(ct);
        var people = choices.Select(c => c.UserId).Distinct().ToList();
        var schedules = await db.DigestSchedules.AsNoTracking().Where(s => people.Contains(s.UserId)).ToDictionaryAsync(s => s.UserId, ct);

        var recorded = new List<long>();
        foreach (var due in choices.GroupBy(c => (c.UserId, Kind: c.Delivery == DeliveryPreference.DailyDigest ? DigestKind.Daily : DigestKind.Weekly))
                     .OrderBy(g => g.Key.UserId, StringComparer.Ordinal).ThenBy(g => g.Key.Kind))
        {
            var (userId, kind) = due.Key;
            var schedule = schedules.GetValueOrDefault(userId);
            var (hour, day) = (schedule?.Hour ?? DigestSchedule.DefaultHour, schedule?.Day ?? DigestSchedule.DefaultDay);
            if (DigestSchedule.LatestSlot(kind, hour, day, calendar, now - SettleTime) is not { } end)
            {
                continue;
            }

            var step = DigestSchedule.StepFor(kind);
            var previousEnd = await db.ReminderDeliveries.AsNoTracking()
                .Where(d => d.Recipient == userId && d.Step == step && d.WindowEnd != null)
                .MaxAsync(d => d.WindowEnd, ct);
            if (previousEnd >= end)
            {
                continue;
            }

            var start = previousEnd ?? await FirstStartAsync(db, userId, kind, (hour, day), calendar, end, ct);
            var categories = due.Select(c => c.Category).ToList();
            if (!await Items(db, userId, categories, start, end).AnyAsync(ct))
            {
                continue;
            }

            if (await TryRecordAsync(db, new ReminderDelivery(userId, kind, start, end, now), ct) is { } id)
            {
                recorded.Add(id);
            }
        }

        if (recorded.Count > 0)
        {
            logger.LogInformation("Digest sweep: recorded {Count} digests", recorded.Count);
        }

        return recorded;
    }

    /// <summary>
    /// Where a person's first digest of <paramref name="kind"/> starts: at its previous slot, or, for someone who takes
    /// the other kind of digest, earlier, at that kind's latest slot before <paramref name="end"/>. A person who moves a
    /// category from the weekly digest to the daily one would otherwise never be sent what came between the weekly
    /// digest's slot and the daily one's first; a weekly slot with nothing in it records no digest, so its slot, not its
    /// last recorded digest, is where the weekly digest stopped. What the other kind carried is left out by
    /// <see cref="Items"/>.
    /// </summary>
    private static async Task<DateTimeOffset> FirstStartAsync(
        EngagementHubDbContext db, string userId, DigestKind kind, (int Hour, DayOfWeek Day) schedule, WorkingDayCalendar calendar, DateTimeOffset end,
        CancellationToken ct)
    {
        var previousSlot = DigestSchedule.PreviousSlot(kind, schedule.Hour, schedule.Day, calendar, end);
        var other = kind == DigestKind.Daily ? DigestKind.Weekly : DigestKind.Daily;
        var otherStep = DigestSchedule.StepFor(other);
        if (!await db.ReminderDeliveries.AsNoTracking().AnyAsync(d => d.Recipient == userId && d.Step == otherStep, ct))
        {
            return previousSlot;
        }

        return DigestSchedule.LatestSlot(other, schedule.Hour, schedule.Day, calendar, end) is { } otherSlot && otherSlot < previousSlot ? otherSlot : previousSlot;
    }

    /// <summary>
    /// The notifications a digest carries: the person's, of the given categories, created after
    /// <paramref name="start"/> and up to <paramref name="end"/>, less any e-mailed, or still to be e-mailed, on their own
    /// (the person chose "immediately" when it was recorded; a deadline reminder's e-mail is linked to its notice, or, recorded
    /// before they were linked, recognised as the sweep's e-mail to the same person about the same deadline at the same
    /// moment), and less any another digest already carried
    /// (<see cref="Notification.CarriedByDigestId"/>: the daily one before the category moved to the weekly one, or the
    /// other way round), and less any that came while the person had the category "in the app only" (its latest spell,
    /// <see cref="NotificationPreference.InAppOnlySince"/> to <see cref="NotificationPreference.EmailedSince"/>). One whose own e-mail was cancelled (the person chose a digest before it went) or failed is carried
    /// here, or they would never be e-mailed of it: a resend of an e-mail a digest has carried since is cancelled. Nothing
    /// addressed to the person under an organisation they have left since is carried (<see cref="Notification.StillTheirs"/>,
    /// read when the digest is recorded and again when it is sent): it tells of that organisation's business (ADR 4).
    /// </summary>
    /// <returns>The query, not yet run. Refuses nobody: the background jobs call it, not a person.</returns>
    public static IQueryable<Notification> Items(
        EngagementHubDbContext db, string userId, IReadOnlyCollection<NotificationCategory> categories, DateTimeOffset start, DateTimeOffset end) =>
        db.Notifications.AsNoTracking()
            .Where(n => n.UserId == userId && categories.Contains(n.Category) && n.CreatedAt > start && n.CreatedAt <= end && n.CarriedByDigestId == null)
            .Where(Notification.StillTheirs(db))
            // A spell with no start recorded (ended before starts were kept) runs from the beginning, as it was then read.
            .Where(n => !db.NotificationPreferences.Any(p => p.UserId == userId && p.Category == n.Category && p.EmailedSince != null
                                                             && n.CreatedAt <= p.EmailedSince && (p.InAppOnlySince == null || n.CreatedAt > p.InAppOnlySince)))
            .Where(n => !db.ReminderDeliveries.Any(d => d.NotificationId == n.Id && d.Status != DeliveryStatus.Cancelled && d.Status != DeliveryStatus.Failed))
            // A reminder recorded before its e-mail was linked to its notice: the sweep recorded both at one moment, so its
            // e-mail to the same person about the same deadline at that moment is the one it was e-mailed with.
            .Where(n => n.Event != WorkflowEvents.Reminder
                        || !db.ReminderDeliveries.Any(d => d.NotificationId == null && d.DeadlineId != null && d.Channel == DeliveryChannel.Email
                                                           && d.Recipient == n.UserId && d.CreatedAt == n.CreatedAt
                                                           && n.Link == DeadlineLinkPrefix + d.DeadlineId.ToString()
                                                           && d.Status != DeliveryStatus.Cancelled && d.Status != DeliveryStatus.Failed));

    /// <summary>How a notice stores its link to a deadline's page (<see cref="PageLink.Stored"/>), before the id.</summary>
    private const string DeadlineLinkPrefix = nameof(PageKind.Deadline) + ":";

    /// <summary>
    /// Inserts the digest under its unique key, in a transaction that first reads again that its person may still use the
    /// app (<see cref="AccountStanding.MayUseTheApp"/>: not disabled, their organisation still active): one disabled or
    /// deactivated since the sweep read whose digests were due gets none recorded, so no window is spent on a digest the
    /// mailer would cancel, and what it holds is carried by their next digest once they may use the app again (ADR 4).
    /// </summary>
    /// <returns>The digest's id; null when its person may no longer use the app, or another sweep recorded the same window
    /// start first.</returns>
    /// <exception cref="DbUpdateException">The insert failed for another reason.</exception>
    private async Task<long?> TryRecordAsync(EngagementHubDbContext db, ReminderDelivery digest, CancellationToken ct)
    {
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var recipient = digest.Recipient;
            if (!await db.Users.Where(AccountStanding.MayUseTheApp(db)).AnyAsync(u => u.Id == recipient, ct))
            {
                logger.LogInformation("Digest {Step} for {UserId} not recorded: they may no longer use the app", digest.Step, recipient);
                return null;
            }

            db.ReminderDeliveries.Add(digest);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return digest.Id;
        }
        catch (DbUpdateException)
        {
            // Only a conflict on the unique key is expected; anything else is rethrown.
            await using var fresh = await dbFactory.CreateDbContextAsync(ct);
            if (!await fresh.ReminderDeliveries.AnyAsync(d => d.Recipient == digest.Recipient && d.Step == digest.Step && d.WindowStart == digest.WindowStart, ct))
            {
                throw;
            }

            logger.LogInformation("Digest {Step} for {UserId} from {Start} was recorded by another sweep", digest.Step, digest.Recipient, digest.WindowStart);
            return null;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
