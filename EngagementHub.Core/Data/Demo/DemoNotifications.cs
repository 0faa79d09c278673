using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data.Demo;

/// <summary>
/// What the demo accounts have already heard, dated back from the moment of seeding, so the bell, the home page and the
/// e-mail log are populated whatever the day (no reminder goes out at a weekend): recent notifications of several
/// categories, some needing the person and unread; the reminders already sent on two overdue requests, one of whose
/// e-mails failed; and a weekly digest already sent to the commissioner, under the same keys the sweeps use, so
/// nothing seeded here is sent again.
/// </summary>
internal static class DemoNotifications
{
    public const string RespiteSubject = "Respite care places for carers";
    public const string MoseleySubject = "Closure plans for the Moseley Road clinic";

    public static async Task SeedAsync(EngagementHubDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var calendar = await BankHolidayCalendar.ReadAsync(db, ct);
        var users = await db.Users.Where(u => u.Email != null).ToDictionaryAsync(u => u.Email!, u => u.Id, ct);
        var organisationOf = await db.Users.ToDictionaryAsync(u => u.Id, u => u.OrganisationId, ct);
        string User(string email) => users[email];
        var link = User("link@demo.engagementhub.test");
        var commissioner = User("commissioner@demo.engagementhub.test");
        var council = User("council@demo.engagementhub.test");
        var scrutiny = User("scrutiny@demo.engagementhub.test");
        var viewer = User("viewer@demo.engagementhub.test");
        var deadlines = await db.Deadlines.AsNoTracking().ToDictionaryAsync(d => d.Subject, ct);
        var exercises = await db.Exercises.AsNoTracking().OrderBy(e => e.Id).Select(e => new { e.Id, e.Title }).Take(3).ToListAsync(ct);

        Notification Notify(string userId, NotificationCategory category, string @event, bool needsAction, string title, string body, PageLink link, DateTimeOffset at, bool read)
        {
            var notification = new Notification(userId, organisationOf[userId], title, body, link, at, category, @event, needsAction);
            if (read)
            {
                notification.MarkRead(at.AddHours(2) < now ? at.AddHours(2) : now);
            }

            db.Notifications.Add(notification);
            return notification;
        }

        // Reminders already sent on two overdue requests: five working days before, and on the day it was due.
        foreach (var subject in new[] { RespiteSubject, MoseleySubject })
        {
            var deadline = deadlines[subject];
            var contactEmail = await db.Contacts.Where(c => c.Id == deadline.ToContactId).Select(c => c.Email).FirstOrDefaultAsync(ct);
            var contactUser = contactEmail is null ? null : users.GetValueOrDefault(contactEmail);
            foreach (var (step, on) in new[] { ("before-5", ReminderPlanner.WorkingDaysBefore(deadline.DueDate, 5, calendar)), ("due", deadline.DueDate) })
            {
                var at = DigestSchedule.At(on, 9);
                if (at >= now)
                {
                    continue;
                }

                var (ownerTitle, ownerBody) = ReminderText.Compose(step, deadline.Subject, deadline.KindName, deadline.DueDate, forOwner: true, deadline.DischargedBy == DutyStep.Acknowledgement);
                var (title, body) = ReminderText.Compose(step, deadline.Subject, deadline.KindName, deadline.DueDate, forOwner: false, deadline.DischargedBy == DutyStep.Acknowledgement);
                Sent(new ReminderDelivery(deadline.Id, step, deadline.OwnerUserId, DeliveryChannel.InApp, at), at);
                Notify(deadline.OwnerUserId, NotificationCategory.Deadlines, "reminder", true, ownerTitle, ownerBody, PageLink.Deadline(deadline.Id), at, read: step != "due");
                Sent(new ReminderDelivery(deadline.Id, step, deadline.OwnerUserId, DeliveryChannel.Email, at), at.AddMinutes(1));
                if (contactEmail is not null)
                {
                    var email = new ReminderDelivery(deadline.Id, step, contactEmail.Trim().ToLowerInvariant(), DeliveryChannel.Email, at);
                    if (subject == MoseleySubject && step == "due")
                    {
                        // One e-mail that could not be delivered, for the administrators' e-mail log (they can queue it again).
                        for (var attempt = 0; attempt < 6; attempt++)
                        {
                            email.RecordFailure("SmtpCommandException: Mailbox unavailable: the recipient's mailbox is full.", maxAttempts: 6);
                        }

                        db.ReminderDeliveries.Add(email);
                    }
                    else
                    {
                        Sent(email, at.AddMinutes(1));
                    }
                }

                if (contactUser is not null)
                {
                    Sent(new ReminderDelivery(deadline.Id, step, contactUser, DeliveryChannel.InApp, at), at);
                    Notify(contactUser, NotificationCategory.Deadlines, "reminder", true, title, body, PageLink.Deadline(deadline.Id), at, read: step != "due");
                }
            }
        }

        var extended = deadlines["Dementia diagnosis rates by practice"];
        Notify(link, NotificationCategory.Agreement, WorkflowEvents.ExtensionAgreed, false, $"Extension agreed: {extended.Subject}",
            $"Both sides have agreed a new due date of {UkTime.FormatDate(extended.DueDate)}.", PageLink.Deadline(extended.Id), now.AddDays(-3), read: false);
        var referral = deadlines["Referral: Spending on learning disability day services"];
        Notify(link, NotificationCategory.Deadlines, WorkflowEvents.DeadlineAcknowledged, false, $"Acknowledged: {referral.Subject}",
            "Rose Adeyemi (Health Overview and Scrutiny Committee) acknowledged the referral.", PageLink.Deadline(referral.Id), now.AddDays(-2), read: false);
        Notify(scrutiny, NotificationCategory.Deadlines, WorkflowEvents.ReferralReceived, true, $"Referral received: {referral.Subject}",
            "Lena Khan (Birmingham LINk) referred an unanswered request to the committee. Acknowledge it and decide how to take it up.",
            PageLink.Deadline(referral.Id), now.AddDays(-8), read: true);
        var escalated = deadlines["Spending on learning disability day services"];
        Notify(council, NotificationCategory.Deadlines, WorkflowEvents.DeadlineEscalated, true, $"Escalated to scrutiny: {escalated.Subject}",
            "Lena Khan (Birmingham LINk) referred this unanswered request to the Health Overview and Scrutiny Committee. Record your answer.",
            PageLink.Deadline(escalated.Id), now.AddDays(-8), read: false);
        foreach (var (exercise, index) in exercises.Select((e, i) => (e, i)))
        {
            Notify(index % 2 == 0 ? viewer : scrutiny, NotificationCategory.Exercises, WorkflowEvents.ExerciseCreated, false, $"Exercise added: {exercise.Title}",
                "An engagement exercise your organisation takes part in was added to the plan.", PageLink.Exercise(exercise.Id), now.AddDays(-1 - index), read: index > 1);
            Notify(link, NotificationCategory.Exercises, WorkflowEvents.ExerciseChangedAfterAgreement, false, $"Changed after agreement: {exercise.Title}",
                "The lead organisation changed the dates of an exercise whose joint-working option was agreed.", PageLink.Exercise(exercise.Id), now.AddDays(-4 - index), read: index > 0);
        }

        // The commissioner hears of the timetable in a weekly digest (the default hour and day), and the last one has gone.
        db.NotificationPreferences.Add(new NotificationPreference(commissioner, NotificationCategory.Timetable, DeliveryPreference.WeeklyDigest, now.AddDays(-30)));
        var end = DigestSchedule.LatestSlot(DigestKind.Weekly, DigestSchedule.DefaultHour, DigestSchedule.DefaultDay, calendar, now - DigestSweep.SettleTime)!.Value;
        var start = DigestSchedule.PreviousSlot(DigestKind.Weekly, DigestSchedule.DefaultHour, DigestSchedule.DefaultDay, calendar, end);
        var year = DemoTimetable.Year;
        Notify(commissioner, NotificationCategory.Timetable, WorkflowEvents.TimetableChangedSinceAgreement, false, $"Timetable changed since agreement: {year.Label}",
            "A partner moved a decision date in the agreed timetable. Check it still suits your board's cycle.", PageLink.Timetable(year), end.AddDays(-1), read: true);
        Notify(commissioner, NotificationCategory.Timetable, WorkflowEvents.TimetableAgreedByAll, false, $"Timetable agreed by every partner: {year.Label}",
            "Every planning partner has agreed the annual timetable; it is published.", PageLink.Timetable(year), end.AddDays(-3), read: true);
        var sentAt = end + TimeSpan.FromMinutes(5) < now ? end + TimeSpan.FromMinutes(5) : now;
        // Recorded at its slot, before it was sent, as the sweep does.
        Sent(new ReminderDelivery(commissioner, DigestKind.Weekly, start, end, end), sentAt);

        await db.SaveChangesAsync(ct);

        void Sent(ReminderDelivery delivery, DateTimeOffset at)
        {
            delivery.MarkSent(at);
            db.ReminderDeliveries.Add(delivery);
        }
    }
}
