using System.Data.Common;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.WorkProgramme;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Reminders;

/// <summary>What one sweep did: the e-mail deliveries it recorded are for the caller to send, by id.</summary>
/// <param name="DeadlinesChecked">Open deadlines whose next reminder date had come, looked at by this run.</param>
/// <param name="StepsDue">Reminder steps due and not recorded before this run, counted once per deadline and step however many people get them.</param>
/// <param name="Recorded">Deliveries (one per person and channel) this run recorded; one another node recorded meanwhile is not counted.</param>
/// <param name="EmailDeliveryIds">The e-mail deliveries this run recorded, for the caller to send by id.</param>
/// <param name="ImplementationReminders">Accepted recommendations whose planned date passed with no update, reminded by this run.</param>
public sealed record SweepResult(int DeadlinesChecked, int StepsDue, int Recorded, IReadOnlyList<long> EmailDeliveryIds, int ImplementationReminders = 0);

/// <summary>
/// What the sweep's planning half found: how many deadlines it looked at, the deliveries due and not yet recorded, and
/// for each deadline looked at on a working day the date of its next reminder (null: none), to store once what is due
/// is recorded.
/// </summary>
public sealed record SweepPlan(int Checked, List<PlannedDelivery> Planned, IReadOnlyList<NextReminder> Next)
{
    public void Deconstruct(out int @checked, out List<PlannedDelivery> planned) => (@checked, planned) = (Checked, Planned);
}

/// <summary>The next reminder date of a deadline, planned from the row as read: its concurrency token <paramref name="Version"/>,
/// renewed by every change to the deadline, and <paramref name="PlanToken"/> (<see cref="ResponseDeadline.ReminderPlanToken"/>),
/// renewed when the bank holidays or its kind's reminder settings change.</summary>
public sealed record NextReminder(int DeadlineId, Guid Version, Guid PlanToken, DateOnly? On);

/// <summary>A reminder the plan says is due, to one recipient on one channel.</summary>
/// <param name="DeadlineId">The deadline reminded of.</param>
/// <param name="Step">The delivery's unique key: the step's key, with the due date it speaks of when that has moved.</param>
/// <param name="Recipient">Who it is for, as the delivery's unique key holds it: the account id, or a named contact's lower-case address when they have no account.</param>
/// <param name="Channel">E-mail or in the app.</param>
/// <param name="UserId">The account it is for (a named contact's, for an e-mail to their address, when they have one);
/// null for a named contact without one. A run links an e-mail to the account's notice of the same step.</param>
/// <param name="Wording">What an in-app reminder says, composed only for one that is recorded; none for an e-mail, which
/// the mailer words when it sends it.</param>
/// <param name="OrganisationId">The organisation its reader is reminded as a member of: the LINk that sent the deadline, for
/// its owner or a stand-in of the LINk; the organisation that owes the answer (which named the contact), for the contact or
/// a stand-in there. An in-app reminder's notice belongs to it (<see cref="Notification.OrganisationId"/>); the sweep
/// records nothing for a reader of an organisation deactivated since the plan was read, and the mailer checks an e-mail
/// against the deadline again when it sends it.</param>
public sealed record PlannedDelivery(
    int DeadlineId, string Step, string Recipient, DeliveryChannel Channel, string? UserId, ReminderWording? Wording = null, int? OrganisationId = null);

/// <summary>The inputs of <see cref="ReminderText.Compose"/> for one in-app reminder.</summary>
/// <param name="StepKey">The planner's step (e.g. "before-5", "due").</param>
/// <param name="Subject">The deadline's subject, as typed.</param>
/// <param name="KindName">The kind's name as logged.</param>
/// <param name="DueDate">The due date it speaks of (UK calendar date).</param>
/// <param name="ForOwner">For the LINk's side (its owner, or an editor in the owner's place); otherwise for the
/// organisation that owes the answer.</param>
/// <param name="AcknowledgementMeetsIt">The acknowledgement meets its duty (ADR 12): the reminder asks for that.</param>
/// <param name="StandIn">For someone reminded in another's place, and why (a LINk editor for an owner who left; an editor of
/// the answering organisation for a named contact who is missing or cannot be reached).</param>
public sealed record ReminderWording(
    string StepKey, string Subject, string KindName, DateOnly DueDate, bool ForOwner, bool AcknowledgementMeetsIt, ReminderStandIn StandIn = ReminderStandIn.None)
{
    /// <summary>
    /// Whether the reminder asks its reader to act (<see cref="Notification.NeedsAction"/>): always the organisation that
    /// owes the answer (its named contact, or its editors in their place); the LINk's owner, who follows the other side up, from the due date on (to chase, then escalate).
    /// Before it, the owner is told what is coming; their "My work" lists it in the last two weeks.
    /// </summary>
    public bool AsksToAct => !ForOwner || !StepKey.StartsWith("before-", StringComparison.Ordinal);

    /// <returns>The notification's title and body.</returns>
    public (string Title, string Body) Compose() => ReminderText.Compose(StepKey, Subject, KindName, DueDate, ForOwner, AcknowledgementMeetsIt, StandIn);
}

/// <summary>
/// Finds what came due and records it, once: the deadlines' reminders (planned here from each deadline's kind), the
/// reminders of accepted recommendations past their planned date, and those of the folders below that keep their own
/// (<see cref="FeedbackReminders"/>, <see cref="ReviewReminders"/>). It sits above them all in the layering, so none of
/// them, and not the notification machinery it records through, depends on it. Runs every 15 minutes and at start-up, so after downtime everything that
/// came due meanwhile is caught up (and, by the planner, only its latest reminder).
/// </summary>
/// <remarks>
/// Reads only the open deadlines whose <see cref="ResponseDeadline.NextReminderOn"/> has come (indexed), not every open
/// one: having recorded what they are due, it stores each one's next reminder date in the same transaction, so later
/// sweeps that day read nothing (ADR 0026).
/// </remarks>
/// <remarks>
/// Safe to run twice or on two nodes at once: each delivery is inserted under its unique key with a conflict ignored,
/// so only the run that inserts a row creates its notification and hands its e-mail on. In-app notifications are
/// written in the same transaction as their delivery rows.
/// </remarks>
/// <remarks>
/// A deadline answered (or withdrawn, or otherwise changed) after the read gets no reminder from it: in the transaction
/// that records them, each deadline is first written conditionally on being still open and as read, which also holds its
/// row to the commit, and only those written get their reminders (ADR 6). An answer saved after that waits for the commit,
/// and the mailer, which reads the deadline again before it sends, cancels the e-mails.
/// </remarks>
/// <remarks>
/// Reminders go to the people on both sides: the LINk's owner and the answering organisation's named contact, and in
/// the place of either who cannot be reminded (an owner who left; no named contact, or one who cannot be reached) that
/// organisation's editors and administrators (<see cref="NotificationRecipients.MayStandIn"/>), each told why.
/// </remarks>
public sealed class ReminderSweep(
    IDbContextFactory<EngagementHubDbContext> dbFactory, BankHolidayCalendar holidays, TimeProvider clock, ILogger<ReminderSweep> logger)
{
    /// <summary>
    /// One sweep for today's UK date: reminds of planned implementation dates, feedback owed to referrers and joint
    /// reviews, then records each deadline reminder that came due (in the app and by e-mail) once, and only for a deadline
    /// still open and as read when they are recorded. Refuses nobody (it runs as the system); on a day that is not a
    /// working day it records no deadline reminder and holds them for the next working day.
    /// </summary>
    /// <param name="ct">Cancels the run; what it had not committed is recorded by the next one.</param>
    /// <returns>What it did, with the e-mail deliveries for the caller to queue by id.</returns>
    /// <exception cref="DbException">The database failed; nothing of the failed transaction is recorded, and the next run tries again.</exception>
    public async Task<SweepResult> RunAsync(CancellationToken ct = default)
    {
        var calendar = await holidays.GetAsync(ct);
        var today = UkTime.Today(clock);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var implementation = await RemindOfPlannedDatesAsync(db, calendar, today, ct);
        var feedback = await FeedbackReminders.RemindAsync(db, calendar, today, clock.GetUtcNow(), ct);
        if (feedback > 0)
        {
            logger.LogInformation("Reminder sweep for {Today}: {Count} issues whose referrer is owed feedback", today, feedback);
        }

        if (await ReviewReminders.RemindAsync(db, calendar, today, clock.GetUtcNow(), ct) is var reviews and > 0)
        {
            logger.LogInformation("Reminder sweep for {Today}: {Count} joint-review reminders (closing rounds, agreed actions)", today, reviews);
        }

        var plan = await PlanAsync(db, calendar, today, ct);
        var (checkedCount, planned) = plan;
        if (planned.Count == 0 && plan.Next.Count == 0)
        {
            return new SweepResult(checkedCount, 0, 0, [], implementation);
        }

        // The next reminder dates hold only for the calendar they were worked out on. A holiday change committed since it
        // was read has marked the deadlines to be planned again (renewing their plan tokens, which the write below checks),
        // but one committed between reading the calendar and reading the deadlines is seen only here: then their dates
        // are left as they are, and the next sweep plans them on the new calendar.
        var storeNext = plan.Next.Count > 0 && (await holidays.GetAsync(ct)).HasSameHolidaysAs(calendar);

        var now = clock.GetUtcNow();
        var emails = new List<long>();
        var recorded = 0;
        // A reminder's notice and its e-mail to the same person, recorded by this run, are linked (the e-mail's
        // NotificationId): a digest then knows the notice was e-mailed on its own and does not send it again (ADR 14).
        var notices = new Dictionary<(int DeadlineId, string Step, string UserId), Notification>();
        var emailsToAccounts = new List<(int DeadlineId, string Step, string UserId, long Id)>();
        int stepsDue;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // First, in the transaction that records the reminders, each deadline planned is written where it is still as
            // it was read (open, its token unchanged) and only then are its reminders recorded: one answered, withdrawn,
            // extended or otherwise changed since the read gets none from this plan (ADR 6). The conditional write holds the
            // row to the commit, so an answer saved meanwhile waits for it (and the mailer then cancels the e-mails), or
            // was saved first and is seen here; the next sweep plans a row changed otherwise again, as its date stayed.
            // In deadline order on every node: two sweeps racing on PostgreSQL queue behind each other's rows instead of
            // deadlocking, and meet on the delivery keys only for a deadline both hold, one after the other.
            var stillAsRead = new HashSet<int>();
            await using (var take = new PlannedDeadlineWrite(db, transaction))
            {
                foreach (var step in plan.Next.OrderBy(n => n.DeadlineId))
                {
                    if (await take.RunAsync(step, storeNext, ct))
                    {
                        stillAsRead.Add(step.DeadlineId);
                    }
                }
            }

            // A deadline is planned only on a working day, when it also has its next date worked out: one without (none
            // planned) records nothing. Nor does anyone of an organisation deactivated since the plan read who could be
            // reminded (ADR 4: nothing is addressed to its people), read here, after the deadlines were written: the
            // other side's reminders are recorded, as they would have been had the deactivation come before the read.
            planned = [.. planned.Where(p => stillAsRead.Contains(p.DeadlineId))];
            var readers = planned.Where(p => p.OrganisationId is not null).Select(p => p.OrganisationId!.Value).Distinct().ToList();
            var deactivated = readers.Count == 0
                ? []
                : (await db.Organisations.AsNoTracking().Where(o => readers.Contains(o.Id) && !o.IsActive).Select(o => o.Id).ToListAsync(ct)).ToHashSet();
            planned = [.. planned.Where(p => p.OrganisationId is not { } organisationId || !deactivated.Contains(organisationId))];
            stepsDue = planned.Select(p => (p.DeadlineId, p.Step)).Distinct().Count();
            await using var insert = new DeliveryInsert(db, transaction);
            // The same keys in the same order on every node. (The planner already lists a step's recipients in a fixed order.)
            foreach (var delivery in planned.OrderBy(p => p.DeadlineId).ThenBy(p => p.Step, StringComparer.Ordinal))
            {
                var inApp = delivery.Channel == DeliveryChannel.InApp;
                if (await insert.TryAsync(delivery, now, sent: inApp, ct) is not { } id)
                {
                    continue;
                }

                recorded++;
                if (inApp)
                {
                    var (title, body) = delivery.Wording?.Compose() ?? ("", "");
                    var organisationId = delivery.OrganisationId
                                         ?? throw new InvalidOperationException($"The in-app reminder {delivery.Step} of deadline {delivery.DeadlineId} was planned without its reader's organisation.");
                    var notice = new Notification(delivery.UserId!, organisationId, title, body, PageLink.Deadline(delivery.DeadlineId), now,
                        NotificationCategory.Deadlines, WorkflowEvents.Reminder, needsAction: delivery.Wording?.AsksToAct ?? true);
                    db.Notifications.Add(notice);
                    notices[(delivery.DeadlineId, delivery.Step, delivery.UserId!)] = notice;
                }
                else
                {
                    emails.Add(id);
                    if (delivery.UserId is { } userId)
                    {
                        emailsToAccounts.Add((delivery.DeadlineId, delivery.Step, userId, id));
                    }
                }
            }

            await db.SaveChangesAsync(ct);

            // Each notice to one e-mail at most (the key is unique): a contact who is also the owner has one notice.
            var linked = new HashSet<long>();
            foreach (var (deadlineId, step, userId, emailId) in emailsToAccounts)
            {
                if (notices.TryGetValue((deadlineId, step, userId), out var notice) && linked.Add(notice.Id))
                {
                    await db.ReminderDeliveries.Where(r => r.Id == emailId).ExecuteUpdateAsync(r => r.SetProperty(x => x.NotificationId, notice.Id), ct);
                }
            }

            await transaction.CommitAsync(ct);
        }

        if (recorded > 0)
        {
            logger.LogInformation("Reminder sweep for {Today}: {Steps} steps due on {Deadlines} open deadlines; recorded {Recorded} deliveries ({Emails} e-mails)",
                today, stepsDue, checkedCount, recorded, emails.Count);
        }

        return new SweepResult(checkedCount, stepsDue, recorded, emails, implementation);
    }

    /// <summary>
    /// The delivery key of the reminder that an accepted recommendation's planned date passed with no update: one per
    /// recommendation and planned date, so a new planned date that passes in turn gets its own reminder.
    /// </summary>
    /// <returns>The key, e.g. "implementation-42@2026-11-30" (the planned date as yyyy-MM-dd). A calculation: it
    /// refuses nothing.</returns>
    public static string PlannedDateKey(int recommendationId, DateOnly plannedDate) =>
        $"implementation-{recommendationId}@{plannedDate:yyyy-MM-dd}";

    /// <summary>
    /// Reminds the commissioner of each accepted recommendation whose planned date has passed with no update since
    /// (<see cref="Recommendation.IsImplementationOverdueOn"/>), of a report not withdrawn
    /// (<see cref="YouSaidWeDidRegister.Listed"/>) sent to an organisation still active, once: a delivery row under
    /// <see cref="PlannedDateKey"/> for the commissioner's organisation is inserted first (conflict ignored), and only the
    /// run that inserts it records the notices (<see cref="DeadlineNotices.ImplementationOverdueAsync"/>, whose e-mails the
    /// notification pulse sends), in the same transaction. Before that, in the transaction, the report and then the
    /// recommendation are written on condition that what makes the reminder due still holds, which holds their rows to the
    /// commit: the report not withdrawn and its organisation active; the recommendation accepted, planned or in progress,
    /// planned for the date read and not updated since that date (<see cref="Recommendation.StillImplementationOverdue"/>).
    /// A report withdrawn, an organisation deactivated or an implementation updated between the read and the write gets no
    /// reminder from that read; a change to anything else (the response's words, the LINk's view) does not hold it back
    /// (ADR 6). Held on weekends and bank holidays, like the deadline reminders.
    /// </summary>
    /// <returns>How many recommendations were reminded of.</returns>
    private async Task<int> RemindOfPlannedDatesAsync(EngagementHubDbContext db, WorkingDayCalendar calendar, DateOnly today, CancellationToken ct)
    {
        if (!calendar.IsWorkingDay(today))
        {
            return 0;
        }

        var deadlineIds = await (from r in db.Recommendations.Where(Recommendation.MayBeImplementationOverdueOn(today))
                                 join d in db.Deadlines.Where(YouSaidWeDidRegister.Listed) on r.DeadlineId equals d.Id
                                 where db.Organisations.Any(o => o.Id == d.ToOrganisationId && o.IsActive)
                                 select d.Id)
            .Distinct().ToListAsync(ct);
        if (deadlineIds.Count == 0)
        {
            return 0;
        }

        var deadlines = await db.Deadlines.AsNoTracking().Include(d => d.Recommendations).Where(d => deadlineIds.Contains(d.Id)).ToListAsync(ct);
        var due = deadlines
            .SelectMany(d => d.Recommendations.Where(r => r.IsImplementationOverdueOn(today)).Select(r => (Deadline: d, Recommendation: r)))
            .OrderBy(x => x.Deadline.Id).ThenBy(x => x.Recommendation.Id)
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var reminded = 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using (var insert = new DeliveryInsert(db, transaction))
        {
            foreach (var (deadline, recommendation) in due)
            {
                // What makes it due, checked again where it is written, and nothing else (ADR 6): the report, first, still
                // needs it (not withdrawn, sent to an organisation still active), then the recommendation is still accepted,
                // planned or in progress, planned for the date read and not updated since that date. Each write holds its row
                // to the commit, in (report, recommendation) order on every node: a withdrawal or an update saved meanwhile
                // waits for this commit, or was saved first and is seen here. An edit of anything else (the response's
                // words, the LINk's view) renews the recommendation's token but does not change whether it is due, so it
                // does not hold the reminder back. Not through the change tracker, so neither audited nor renewing a token
                // (a person editing either is not told it changed under them).
                var reportStillNeedsIt = await db.Deadlines
                    .Where(d => d.Id == deadline.Id).Where(YouSaidWeDidRegister.Listed)
                    .Where(d => db.Organisations.Any(o => o.Id == d.ToOrganisationId && o.IsActive))
                    .ExecuteUpdateAsync(u => u.SetProperty(d => d.State, d => d.State), ct);
                var plannedDate = recommendation.PlannedDate!.Value;
                var stillOverdue = reportStillNeedsIt == 0
                    ? 0
                    : await db.Recommendations
                        .Where(r => r.Id == recommendation.Id).Where(Recommendation.StillImplementationOverdue(plannedDate))
                        .ExecuteUpdateAsync(u => u.SetProperty(r => r.Version, r => r.Version), ct);
                if (stillOverdue == 0)
                {
                    continue;
                }

                var key = PlannedDateKey(recommendation.Id, plannedDate);
                var marker = new PlannedDelivery(deadline.Id, key, $"organisation-{deadline.ToOrganisationId}", DeliveryChannel.InApp, null);
                if (await insert.TryAsync(marker, now, sent: true, ct) is null)
                {
                    continue;
                }

                reminded++;
                await DeadlineNotices.ImplementationOverdueAsync(db, deadline, recommendation, now, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (reminded > 0)
        {
            logger.LogInformation("Reminder sweep for {Today}: {Count} accepted recommendations past their planned date with no update", today, reminded);
        }

        return reminded;
    }

    /// <summary>The open deadlines the sweep looks at on <paramref name="today"/>: those whose next reminder date has come.</summary>
    /// <returns>The query, not yet run, tracked as <paramref name="db"/> tracks. Refuses nobody: the background jobs
    /// call it, not a person.</returns>
    public static IQueryable<ResponseDeadline> DueForPlanning(EngagementHubDbContext db, DateOnly today) =>
        db.Deadlines.Where(d => d.NextReminderOn <= today).Where(ResponseDeadline.Open);

    /// <summary>
    /// The planning half of the sweep, without writing: one indexed query for the open deadlines whose next reminder date
    /// has come (<see cref="DueForPlanning"/>), the planner for each, the deliveries not already recorded (to the LINk's
    /// owner and the named contact, or to the editors and administrators standing in for either who cannot be reminded;
    /// none to the people of an organisation deactivated since, ADR 4), and each one's
    /// next reminder date after today (none on a weekend or bank holiday, when reminders are held). Public for the
    /// benchmark.
    /// </summary>
    /// <returns>How many deadlines were looked at, the deliveries to record, and each deadline's next reminder date
    /// (null when none is left); nothing is written. Refuses nobody: the background jobs call it, not a
    /// person.</returns>
    public static async Task<SweepPlan> PlanAsync(EngagementHubDbContext db, WorkingDayCalendar calendar, DateOnly today, CancellationToken ct = default)
    {
        // Only what the plan uses, worked out in the query where it can be: every row read costs its columns. The contact's
        // and owner's e-mail addresses are read once per person below, not once per deadline (a few dozen people own and
        // receive thousands of deadlines).
        var candidates = await DueForPlanning(db, today)
            .Select(d => new Candidate(d.Id, d.Version, d.ReminderPlanToken, d.RuleId, d.Subject, d.KindName, d.Received, d.DueDate, d.DueDate == d.LoggedDueDate,
                d.OwnerUserId, d.SentByOrganisationId, d.ToOrganisationId, d.ToContactId, d.DischargedBy,
                // DeadlineService.EscalatesToScrutiny, in terms the database runs.
                db.Organisations.Any(o => o.Id == d.ToOrganisationId && o.Kind != OrganisationKind.Scrutiny)))
            .AsNoTracking()
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return new SweepPlan(0, [], []);
        }

        // Read after the deadlines: a change to a kind's settings committed after this has renewed their plan tokens, so dates
        // planned with the settings read here are not stored (see ReminderSchedule.PlanAgainAsync).
        var rules = await db.DeadlineRules.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var workingDay = calendar.IsWorkingDay(today);

        // An owner is reminded while their account may use the app (not disabled, organisation active), and only of the
        // deadlines of the organisation they are in now: someone moved to the commissioner is not reminded, as the LINk's
        // follower-up, of the LINk's requests to it (AccountStanding: a person who may not use the app is told of nothing).
        var ownerIds = candidates.Select(c => c.OwnerUserId).Distinct().ToList();
        var owners = (await db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db))
                .Where(u => ownerIds.Contains(u.Id))
                .Select(u => new { u.Id, u.OrganisationId, HasEmail = u.Email != null && u.Email.Trim() != "" }).ToListAsync(ct))
            .ToDictionary(u => u.Id);
        // An owner who can no longer be reminded (disabled, or moved out of the LINk) leaves nobody chasing on the LINk's
        // side, though reminders go "to the people on both sides, until it is answered" (DOMAIN.md): the LINk's editors
        // and administrators who may use the app stand in, each told why.
        bool OwnerReminded(Candidate c) => owners.TryGetValue(c.OwnerUserId, out var owner) && owner.OrganisationId == c.SentByOrganisationId;

        // A named contact is reminded only while their organisation is in the partnership: once it is deactivated nobody
        // there can record the answer or agree an extension, and nothing is addressed to its people (ADR 4), with or
        // without an account. The reminders to the LINk's owner stand (DeadlinesOnDeactivation).
        var contactIds = candidates.Where(c => c.ContactId is not null).Select(c => c.ContactId!.Value).Distinct().ToList();
        var contactAddresses = contactIds.Count == 0
            ? []
            : (await db.Contacts.AsNoTracking()
                .Where(c => contactIds.Contains(c.Id) && c.Email != null && db.Organisations.Any(o => o.Id == c.OrganisationId && o.IsActive))
                .Select(c => new { c.Id, c.Email, c.OrganisationId }).ToListAsync(ct))
            .Where(c => !string.IsNullOrWhiteSpace(c.Email))
            .ToDictionary(c => c.Id, c => new ContactAddress(c.Email!.Trim(), c.OrganisationId));

        // A named contact who also has an account (the commissioner's own staff) is reminded in the app as well.
        var normalised = contactAddresses.Values.Select(a => AccountAddress.Normalise(a.Email)!).Distinct().ToList();
        var withAccount = normalised.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null && normalised.Contains(u.NormalizedEmail))
                .Select(u => u.NormalizedEmail!).Distinct().ToListAsync(ct);
        var usersByEmail = (withAccount.Count == 0
                ? []
                : await db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db)).Where(u => u.NormalizedEmail != null && withAccount.Contains(u.NormalizedEmail))
                    .Select(u => new ContactAccount(u.NormalizedEmail!, u.Id, u.OrganisationId)).ToListAsync(ct))
            .ToLookup(u => u.NormalizedEmail);
        // An address that is an account's is told as that account would be: nothing when it may not use the app
        // (disabled, or its organisation deactivated), nor when it is in another organisation than the one that named the
        // contact, which it cannot act for and whose records it may not read (ADR 4). Either way the contact named at the
        // answering organisation needs updating.
        var hasAccount = withAccount.ToHashSet();
        var contacts = new Dictionary<int, ContactRecipient>();
        foreach (var (contactId, address) in contactAddresses)
        {
            var normalisedEmail = AccountAddress.Normalise(address.Email)!;
            var account = usersByEmail[normalisedEmail].Where(u => u.OrganisationId == address.OrganisationId).Select(u => u.Id).Order(StringComparer.Ordinal).FirstOrDefault();
            if (account is not null || !hasAccount.Contains(normalisedEmail))
            {
                contacts[contactId] = new ContactRecipient(ReminderDelivery.ContactRecipient(address.Email), account, address.OrganisationId);
            }
        }

        // The named contact who can be reached at the organisation that owes the answer, if any.
        ContactRecipient? ContactReminded(Candidate c) =>
            c.ContactId is { } id && contacts.TryGetValue(id, out var contact) && contact.OrganisationId == c.ToOrganisationId ? contact : null;

        // A side nobody can be reminded through (an owner who left the LINk; no named contact at the answering organisation,
        // or one who cannot be reached) would hear nothing, though reminders go "to the people on both sides, until it is
        // answered" (DOMAIN.md): that organisation's editors and administrators who may use the app stand in, each told
        // why (none at a deactivated organisation: AccountStanding).
        var withoutOwner = candidates.Where(c => !OwnerReminded(c)).Select(c => c.SentByOrganisationId);
        var withoutContact = candidates.Where(c => ContactReminded(c) is null).Select(c => c.ToOrganisationId);
        var standInOrganisations = withoutOwner.Concat(withoutContact).Distinct().ToList();
        var standIns = (standInOrganisations.Count == 0
                ? []
                : await db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db)).Where(NotificationRecipients.MayStandIn)
                    .Where(u => standInOrganisations.Contains(u.OrganisationId))
                    .OrderBy(u => u.Id)
                    .Select(u => new StandIn(u.Id, u.OrganisationId, u.Email != null && u.Email.Trim() != "")).ToListAsync(ct))
            .ToLookup(u => u.OrganisationId);

        // Reminders are statutory and e-mailed at once by default; a person with an account who chose a digest or the app
        // only for deadlines is not e-mailed (the notice is still in their notification centre).
        var people = owners.Keys.Concat(standIns.SelectMany(s => s).Select(s => s.UserId))
            .Concat(contacts.Values.Where(c => c.UserId is not null).Select(c => c.UserId!)).Distinct().ToList();
        var quiet = (await db.NotificationPreferences.AsNoTracking()
                .Where(p => p.Category == NotificationCategory.Deadlines && p.Delivery != DeliveryPreference.Immediately && people.Contains(p.UserId))
                .Select(p => p.UserId).ToListAsync(ct)).ToHashSet();

        var planned = new List<PlannedDelivery>();
        var next = new List<NextReminder>(workingDay ? candidates.Count : 0);
        foreach (var d in candidates)
        {
            if (!rules.TryGetValue(d.RuleId, out var rule))
            {
                continue;
            }

            if (workingDay)
            {
                next.Add(new NextReminder(d.Id, d.Version, d.PlanToken,
                    ReminderPlanner.NextOn(d.DueDate, OpenState, rule.RemindDaysBefore, rule.EscalateAfterWorkingDays, calendar, today, d.Received)));
            }

            foreach (var step in ReminderPlanner.DueNow(d.DueDate, OpenState, rule.RemindDaysBefore, rule.EscalateAfterWorkingDays, calendar, today, d.Received))
            {
                // No advice to refer to the scrutiny committee what the committee itself owes (it cannot be escalated).
                if (step.Kind == ReminderStepKind.Escalation && !d.Escalates)
                {
                    continue;
                }

                // A due date other than the logged one (an agreed extension, or a recount after the bank holidays changed)
                // starts a fresh cycle: its steps are recorded under keys that carry the new due date.
                var key = ReminderSchedule.KeyFor(step.Key, d.DueDate, d.AsLogged);
                if (OwnerReminded(d))
                {
                    planned.Add(new PlannedDelivery(d.Id, key, d.OwnerUserId, DeliveryChannel.InApp, d.OwnerUserId,
                        new ReminderWording(step.Key, d.Subject, d.KindName, d.DueDate, ForOwner: true, d.DischargedBy == DutyStep.Acknowledgement),
                        d.SentByOrganisationId));
                    if (owners[d.OwnerUserId].HasEmail && !quiet.Contains(d.OwnerUserId))
                    {
                        planned.Add(new PlannedDelivery(d.Id, key, d.OwnerUserId, DeliveryChannel.Email, d.OwnerUserId, OrganisationId: d.SentByOrganisationId));
                    }
                }
                else
                {
                    foreach (var standIn in standIns[d.SentByOrganisationId])
                    {
                        planned.Add(new PlannedDelivery(d.Id, key, standIn.UserId, DeliveryChannel.InApp, standIn.UserId,
                            new ReminderWording(step.Key, d.Subject, d.KindName, d.DueDate, ForOwner: true, d.DischargedBy == DutyStep.Acknowledgement,
                                ReminderStandIn.ForOwner),
                            d.SentByOrganisationId));
                        if (standIn.HasEmail && !quiet.Contains(standIn.UserId))
                        {
                            planned.Add(new PlannedDelivery(d.Id, key, standIn.UserId, DeliveryChannel.Email, standIn.UserId, OrganisationId: d.SentByOrganisationId));
                        }
                    }
                }

                if (step.OwnerOnly)
                {
                    continue;
                }

                if (ContactReminded(d) is { } contact)
                {
                    if (contact.UserId is null || !quiet.Contains(contact.UserId))
                    {
                        planned.Add(new PlannedDelivery(d.Id, key, contact.Email, DeliveryChannel.Email, contact.UserId, OrganisationId: contact.OrganisationId));
                    }

                    if (contact.UserId is { } contactUserId && contactUserId != d.OwnerUserId)
                    {
                        planned.Add(new PlannedDelivery(d.Id, key, contactUserId, DeliveryChannel.InApp, contactUserId,
                            new ReminderWording(step.Key, d.Subject, d.KindName, d.DueDate, ForOwner: false, d.DischargedBy == DutyStep.Acknowledgement),
                            contact.OrganisationId));
                    }
                }
                else
                {
                    // Each under the same unique key as any reminder: one per person, step and channel, however often swept.
                    var why = d.ContactId is null ? ReminderStandIn.NoNamedContact : ReminderStandIn.ForUnreachableContact;
                    foreach (var standIn in standIns[d.ToOrganisationId])
                    {
                        planned.Add(new PlannedDelivery(d.Id, key, standIn.UserId, DeliveryChannel.InApp, standIn.UserId,
                            new ReminderWording(step.Key, d.Subject, d.KindName, d.DueDate, ForOwner: false, d.DischargedBy == DutyStep.Acknowledgement, why),
                            d.ToOrganisationId));
                        if (standIn.HasEmail && !quiet.Contains(standIn.UserId))
                        {
                            planned.Add(new PlannedDelivery(d.Id, key, standIn.UserId, DeliveryChannel.Email, standIn.UserId, OrganisationId: d.ToOrganisationId));
                        }
                    }
                }
            }
        }

        if (planned.Count == 0)
        {
            return new SweepPlan(candidates.Count, planned, next);
        }

        // A deadline planned again (a change, a holiday) may find its step already recorded: skip those without a write.
        // Exactly the planned (deadline, step) pairs, read by deadline id from the deliveries' (DeadlineId, Step, ...) index:
        // the ids and keys go as one array parameter each, so the SQL does not grow with them; a filter on the step alone
        // would match every deadline's past steps of the same name (thousands of rows for the long-overdue ones) and has
        // the database probe the index once per deadline and step name. The unique index still decides races.
        var ids = planned.Select(p => p.DeadlineId).Distinct().ToList();
        var keys = planned.Select(p => RecordedKey(p.DeadlineId, p.Step)).Distinct().ToList();
        var recorded = (await db.ReminderDeliveries.AsNoTracking()
                .Where(r => EF.Parameter(ids).Contains(r.DeadlineId!.Value)
                            && EF.Parameter(keys).Contains(r.DeadlineId!.Value.ToString() + "|" + r.Step))
                .Select(r => new { r.DeadlineId, r.Step, r.Recipient, r.Channel })
                .ToListAsync(ct))
            .Select(r => (r.DeadlineId!.Value, r.Step, r.Recipient, r.Channel))
            .ToHashSet();
        planned.RemoveAll(p => recorded.Contains((p.DeadlineId, p.Step, p.Recipient, p.Channel)));
        return new SweepPlan(candidates.Count, planned, next);
    }

    /// <summary>A deadline's id and a delivery key as one string, as the recorded-delivery lookup compares them in the query.</summary>
    private static string RecordedKey(int deadlineId, string step) =>
        deadlineId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + step;

    /// <summary>The planner's state for every deadline the sweep reads: the query reads open ones only, and the planner
    /// treats awaiting and acknowledged-but-unanswered alike.</summary>
    private const DeadlineState OpenState = DeadlineState.Awaiting;

    /// <param name="Id">The deadline.</param>
    /// <param name="Version">Its concurrency token as read, which the next-reminder update must still find.</param>
    /// <param name="PlanToken">Its <see cref="ResponseDeadline.ReminderPlanToken"/> as read, which the next-reminder update
    /// must still find too: a holiday change or a kind's new reminder settings renew it, not the version.</param>
    /// <param name="RuleId">Its kind, whose reminder days and escalation the planner uses.</param>
    /// <param name="Subject">What was sent, for the reminder's wording.</param>
    /// <param name="KindName">The kind's name as logged.</param>
    /// <param name="Received">The UK date of receipt: before-due steps earlier than it are dropped.</param>
    /// <param name="DueDate">The due date now (UK date).</param>
    /// <param name="AsLogged">The due date is the one the deadline was logged with (plain step keys).</param>
    /// <param name="OwnerUserId">The LINk person following it up.</param>
    /// <param name="SentByOrganisationId">The LINk that sent it: the owner is reminded while they still act for it.</param>
    /// <param name="ToOrganisationId">The organisation that owes the answer: its named contact is reminded while they can
    /// be, its editors and administrators otherwise.</param>
    /// <param name="ContactId">The named contact at the answering organisation, whose address is read once per person; null for none.</param>
    /// <param name="DischargedBy">The step that meets its duty, which the reminders ask for.</param>
    /// <param name="Escalates">It can be escalated to the scrutiny committee (not owed by the committee itself), so its
    /// owner is advised to when it is long overdue.</param>
    private sealed record Candidate(
        int Id, Guid Version, Guid PlanToken, int RuleId, string Subject, string KindName, DateOnly Received, DateOnly DueDate, bool AsLogged,
        string OwnerUserId, int SentByOrganisationId, int ToOrganisationId, int? ContactId, DutyStep DischargedBy, bool Escalates);

    /// <summary>An editor or administrator who may use the app, reminded in place of a LINk owner who can no longer be, or of
    /// an answering organisation's named contact who is missing or cannot be reached.</summary>
    private sealed record StandIn(string UserId, int OrganisationId, bool HasEmail);

    /// <summary>A named contact with an e-mail address: the address as reminders are recorded to it (trimmed, lower case),
    /// their account when they have one, and the organisation that named them (where that account is).</summary>
    private sealed record ContactRecipient(string Email, string? UserId, int OrganisationId);

    /// <summary>An account that may use the app, with the address a named contact may share with it.</summary>
    private sealed record ContactAccount(string NormalizedEmail, string Id, int OrganisationId);

    /// <summary>
    /// The sweep's conditional write of one deadline it planned: an UPDATE where the row is still open and its concurrency
    /// token is still the one read, storing its next reminder date (or, when that date may not be stored, leaving it as it
    /// is). It tells whether the row was still as read, and holds it until the transaction ends, so the reminders recorded
    /// after it are for a deadline still open at the time of writing. Not through the change tracker, so neither audited
    /// nor renewing the token (a person editing the deadline meanwhile is not told it changed under them). Values go
    /// through the model's type mappings so they match what EF writes.
    /// </summary>
    private sealed class PlannedDeadlineWrite : IAsyncDisposable
    {
        private readonly DbCommand _store;
        private readonly DbCommand _keep;
        private readonly IReadOnlyDictionary<string, RelationalTypeMapping> _mappings;

        public PlannedDeadlineWrite(EngagementHubDbContext db, IDbContextTransaction transaction)
        {
            var entity = db.Model.FindEntityType(typeof(ResponseDeadline))!;
            _mappings = new[] { nameof(ResponseDeadline.Id), nameof(ResponseDeadline.Version), nameof(ResponseDeadline.ReminderPlanToken), nameof(ResponseDeadline.NextReminderOn) }
                .ToDictionary(name => name, name => entity.FindProperty(name)!.GetRelationalTypeMapping());
            // A closed deadline has no next reminder date (ResponseDeadline.PlanRemindersFrom), and closing it renews its token.
            // The plan token is renewed, without the version, when the bank holidays or the kind's reminder settings change.
            var stillAsRead = "WHERE \"Id\" = @id AND \"Version\" = @version AND \"ReminderPlanToken\" = @plan AND \"NextReminderOn\" IS NOT NULL";
            _store = Command(db, transaction, $"UPDATE \"{entity.GetTableName()}\" SET \"NextReminderOn\" = @next {stillAsRead}");
            Add(_store, "@next", nameof(ResponseDeadline.NextReminderOn));
            _keep = Command(db, transaction, $"UPDATE \"{entity.GetTableName()}\" SET \"NextReminderOn\" = \"NextReminderOn\" {stillAsRead}");
        }

        /// <returns>True when the deadline was still open and as read, and is now held to the end of the transaction.</returns>
        public async Task<bool> RunAsync(NextReminder next, bool storeNext, CancellationToken ct)
        {
            var command = storeNext ? _store : _keep;
            command.Parameters["@id"].Value = Provider(nameof(ResponseDeadline.Id), next.DeadlineId);
            command.Parameters["@version"].Value = Provider(nameof(ResponseDeadline.Version), next.Version);
            command.Parameters["@plan"].Value = Provider(nameof(ResponseDeadline.ReminderPlanToken), next.PlanToken);
            if (storeNext)
            {
                command.Parameters["@next"].Value = next.On is { } on ? Provider(nameof(ResponseDeadline.NextReminderOn), on) : DBNull.Value;
            }

            return await command.ExecuteNonQueryAsync(ct) == 1;
        }

        public async ValueTask DisposeAsync()
        {
            await _store.DisposeAsync();
            await _keep.DisposeAsync();
        }

        private DbCommand Command(EngagementHubDbContext db, IDbContextTransaction transaction, string sql)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = sql;
            Add(command, "@id", nameof(ResponseDeadline.Id));
            Add(command, "@version", nameof(ResponseDeadline.Version));
            Add(command, "@plan", nameof(ResponseDeadline.ReminderPlanToken));
            return command;
        }

        private void Add(DbCommand command, string name, string property) =>
            command.Parameters.Add(_mappings[property].CreateParameter(command, name, null, nullable: true));

        private object Provider(string property, object value) =>
            _mappings[property].Converter is { } converter ? converter.ConvertToProvider(value)! : value;
    }

    /// <summary>
    /// INSERT ... ON CONFLICT DO NOTHING RETURNING the new id (SQLite 3.35+ and PostgreSQL): no row back means another
    /// run recorded it first. Values go through the model's converters so they match what EF writes.
    /// </summary>
    private sealed class DeliveryInsert : IAsyncDisposable
    {
        private readonly DbCommand _command;
        private readonly Func<string, object?, object?> _toProvider;

        public DeliveryInsert(EngagementHubDbContext db, IDbContextTransaction transaction)
        {
            var entity = db.Model.FindEntityType(typeof(ReminderDelivery))!;
            _toProvider = (name, value) => entity.FindProperty(name)!.GetTypeMapping().Converter is { } converter && value is not null
                ? converter.ConvertToProvider(value)
                : value;
            string[] columns = ["DeadlineId", "Step", "Recipient", "Channel", "Status", "Attempts", "CreatedAt", "SentAt"];
            _command = db.Database.GetDbConnection().CreateCommand();
            _command.Transaction = transaction.GetDbTransaction();
            _command.CommandText =
                $"INSERT INTO \"{entity.GetTableName()}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) "
                + $"VALUES ({string.Join(", ", columns.Select(c => "@" + c))}) "
                + "ON CONFLICT (\"DeadlineId\", \"Step\", \"Recipient\", \"Channel\") DO NOTHING RETURNING \"Id\"";
            foreach (var column in columns)
            {
                var parameter = _command.CreateParameter();
                parameter.ParameterName = "@" + column;
                _command.Parameters.Add(parameter);
            }
        }

        public async Task<long?> TryAsync(PlannedDelivery delivery, DateTimeOffset now, bool sent, CancellationToken ct)
        {
            Set("DeadlineId", delivery.DeadlineId);
            Set("Step", delivery.Step);
            Set("Recipient", delivery.Recipient);
            Set("Channel", delivery.Channel);
            Set("Status", sent ? DeliveryStatus.Sent : DeliveryStatus.Pending);
            Set("Attempts", sent ? 1 : 0);
            Set("CreatedAt", now);
            Set("SentAt", sent ? now : null);
            var id = await _command.ExecuteScalarAsync(ct);
            return id is null or DBNull ? null : Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();

        private void Set(string column, object? value) => _command.Parameters["@" + column].Value = _toProvider(column, value) ?? DBNull.Value;
    }
}
