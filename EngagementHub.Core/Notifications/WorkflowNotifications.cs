using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Notifications;

/// <summary>The stable keys of <see cref="Notification.Event"/> for workflow steps.</summary>
public static class WorkflowEvents
{
    public const string OptionProposed = "exercise.option-proposed";
    public const string OptionAgreed = "exercise.option-agreed";
    public const string OptionChangeRequested = "exercise.option-change-requested";
    public const string ExerciseCreated = "exercise.created";
    public const string ExerciseChangedAfterAgreement = "exercise.changed-after-agreement";
    public const string ExerciseCancelled = "exercise.cancelled";
    public const string DeadlineLogged = "deadline.logged";
    public const string ReferralReceived = "deadline.referral-received";
    public const string DeadlineAcknowledged = "deadline.acknowledged";
    public const string DeadlineAnswered = "deadline.answered";
    public const string DeadlineWithdrawn = "deadline.withdrawn";
    public const string DeadlineEscalated = "deadline.escalated";
    public const string ExtensionProposed = "deadline.extension-proposed";
    public const string ExtensionAgreed = "deadline.extension-agreed";
    public const string RecommendationResponded = "deadline.recommendation-responded";
    public const string TimetableProposed = "timetable.proposed";
    public const string TimetableAgreedByPartner = "timetable.agreed-by-partner";
    public const string TimetableAgreedByAll = "timetable.agreed";
    public const string TimetableChangesRequested = "timetable.changes-requested";
    public const string TimetableChangedSinceAgreement = "timetable.changed-since-agreement";
    public const string ExerciseLeadChanged = "exercise.lead-changed";
    public const string DueDateMoved = "deadline.due-date-moved";
    public const string ImplementationRecorded = "deadline.implementation-recorded";
    public const string LinkVerdictRecorded = "deadline.link-verdict-recorded";
    public const string ReviewClosing = "review.closing";
    public const string ReviewActionDue = "review.action-due";
    public const string ReviewActionOverdue = "review.action-overdue";
    public const string ReviewOpened = "review.opened";
    public const string ReviewRatingsSubmitted = "review.ratings-submitted";
    public const string ReviewMeetingReady = "review.meeting-ready";
    public const string ReviewRatingsAgreed = "review.ratings-agreed";
    public const string ReviewAgreedRatingChanged = "review.agreed-rating-changed";
    public const string ReviewActionAdded = "review.action-added";
    public const string ReviewActionDone = "review.action-done";
    public const string ReviewPublished = "review.published";
    public const string ImplementationOverdue = "deadline.implementation-overdue";
    public const string IssueFeedbackDue = "issue.feedback-due";
    public const string IssueRaised = "issue.raised";
    public const string IssueHandedOff = "issue.handed-off";
    public const string IssueDecided = "issue.decided";
    public const string IssueFeedbackGiven = "issue.feedback-given";
    public const string FeedbackDueMoved = "issue.feedback-due-moved";
}

/// <summary>
/// Tells the other side when one side acts. Each method adds the notifications of one step (and, for those who chose
/// "immediately", their e-mail deliveries) to the caller's DbContext without saving: the service's own SaveChanges then
/// records them in the same transaction as the change, so a step is never recorded without its notices or the other
/// way round. Recipients follow <see cref="NotificationRecipients.Resolve"/>; the wording says what happened and what to
/// do next, and links to where it is done. Pattern: docs/conventions.md, "Notifications".
/// </summary>
public static class WorkflowNotifications
{
    /// <summary>
    /// For a step that creates a row: saves it (as <paramref name="actor"/>, audited) so it has its id, then adds the
    /// notices that link to it through <paramref name="notify"/> and saves them, in one transaction (the caller's, if
    /// it has one): the new row and its notices land together or not at all.
    /// </summary>
    public static async Task SaveNewAsync(EngagementHubDbContext db, Actor actor, Func<Task> notify, CancellationToken ct = default)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.ActingAs(actor).SaveChangesAsync(ct);
        await notify();
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    // ----- Exercises and their joint-working option -----

    /// <summary>One side proposed an option: the other side must agree it or ask for a change.</summary>
    public static Task OptionProposedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, JointWorkingProposal proposal, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, [OrganisationOf(exercise, proposal.OtherSide)], null, null, now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.OptionProposed, NeedsAction: true,
            $"Option {proposal.PrimaryOption} proposed for \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} proposed option {proposal.PrimaryOption} ({JointWorkingOptions.Get(proposal.PrimaryOption).Name}) for how you work together on \"{UntrustedText.Isolate(exercise.Title)}\". "
            + "Read their reasons, then agree it or ask for a change.",
            ExerciseLink(exercise)));

    /// <summary>The other side agreed the proposal: the proposing side should know.</summary>
    public static Task OptionAgreedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, JointWorkingProposal proposal, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, [OrganisationOf(exercise, proposal.ProposedBySide)], null, null, now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.OptionAgreed, NeedsAction: false,
            $"Option {proposal.PrimaryOption} agreed for \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} agreed option {proposal.PrimaryOption} for \"{UntrustedText.Isolate(exercise.Title)}\". Both sides have now agreed how you work together; "
            + "the lead commissioner can mark the exercise agreed.",
            ExerciseLink(exercise)));

    /// <summary>The other side asked for a change: the proposing side must propose again.</summary>
    public static Task OptionChangeRequestedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, JointWorkingProposal proposal, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, [OrganisationOf(exercise, proposal.ProposedBySide)], null, null, now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.OptionChangeRequested, NeedsAction: true,
            $"Change asked to option {proposal.PrimaryOption} for \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} asked for a change to option {proposal.PrimaryOption} for \"{UntrustedText.Isolate(exercise.Title)}\": \"{proposal.ChangeRequestComment}\". "
            + "Propose an option again with their comment in mind.",
            ExerciseLink(exercise)));

    /// <summary>An exercise was created: its lead, partners and LINk (other than the creator's organisation) should know.</summary>
    public static Task ExerciseCreatedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, Involved(exercise, actor), null, null, now, ct, new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExerciseCreated, NeedsAction: true,
            $"New exercise: \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} added the engagement exercise \"{UntrustedText.Isolate(exercise.Title)}\" ({UkTime.FormatDate(exercise.StartDate)} to {UkTime.FormatDate(exercise.EndDate)}) "
            + "with your organisation taking part. Read it and propose how you will work together.",
            ExerciseLink(exercise)));

    /// <summary>
    /// An exercise was edited: when its option had been agreed and something actually changed, the others involved
    /// should check the agreement still stands. Call before saving (it reads the pending changes).
    /// </summary>
    public static Task ExerciseChangedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, DateTimeOffset now, CancellationToken ct = default) =>
        exercise.AgreementStatus != AgreementStatus.Agreed || !db.ChangeTracker.HasChanges() ? Task.CompletedTask : NotifyAsync(db, actor, Involved(exercise, actor), null, null, now, ct, new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExerciseChangedAfterAgreement, NeedsAction: false,
            $"Agreed exercise changed: \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} changed \"{UntrustedText.Isolate(exercise.Title)}\" after its joint-working option was agreed. "
            + "Check its history; if the agreement no longer fits, propose an option again.",
            ExerciseLink(exercise)));

    /// <summary>
    /// The LINk moved an exercise to another lead commissioner (ADR 0011): both commissioners are told, and when that
    /// reopened the agreement of the joint-working option, the new lead is asked to agree it.
    /// </summary>
    public static async Task ExerciseLeadChangedAsync(
        EngagementHubDbContext db, Actor actor, EngagementExercise exercise, int previousLeadId, bool reopened, DateTimeOffset now, CancellationToken ct = default)
    {
        var newLeadId = exercise.LeadCommissionerId;
        var names = await db.Organisations.AsNoTracking().Where(o => o.Id == previousLeadId || o.Id == newLeadId)
            .ToDictionaryAsync(o => o.Id, o => UntrustedText.Isolate(o.Name), ct);
        var (from, to) = (names.GetValueOrDefault(previousLeadId, "the previous commissioner"), names.GetValueOrDefault(newLeadId, "another commissioner"));
        await NotifyAsync(db, actor, [previousLeadId, newLeadId], null, null, now, ct, new Notice(
            reopened ? NotificationCategory.Agreement : NotificationCategory.Exercises, WorkflowEvents.ExerciseLeadChanged, NeedsAction: reopened,
            $"Exercise moved to {to}: {UntrustedText.Isolate(exercise.Title)}",
            $"{Who(actor)} moved the exercise \"{UntrustedText.Isolate(exercise.Title)}\" from {from} to {to}."
            + (reopened
                ? $" The joint-working option is no longer agreed: what {from} agreed does not bind {to}, so it now awaits {to}'s agreement."
                : ""),
            ExerciseLink(exercise)));
    }

    /// <summary>An exercise moved on in its life: when it was cancelled, the others involved should know.</summary>
    public static Task ExerciseMovedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, DateTimeOffset now, CancellationToken ct = default) =>
        exercise.State != ExerciseState.Cancelled ? Task.CompletedTask : NotifyAsync(db, actor, Involved(exercise, actor), null, null, now, ct, new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExerciseCancelled, NeedsAction: false,
            $"Exercise cancelled: \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} cancelled \"{UntrustedText.Isolate(exercise.Title)}\". Nothing more is needed from you for it; linked timetable events stay until their owners change them.",
            ExerciseLink(exercise)));

    // ----- The annual timetable -----

    /// <summary>A year was proposed: every other taking-part organisation must agree it or ask for changes.</summary>
    public static Task TimetableProposedAsync(EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, [.. timetable.ParticipantIds.Where(id => id != timetable.ProposedByOrganisationId)], null, null, now, ct, new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableProposed, NeedsAction: true,
            $"Timetable {timetable.FinancialYear.Label} proposed for agreement",
            $"{Who(actor)} proposed the {timetable.FinancialYear.Label} partnership timetable for agreement"
            + (timetable.ProposalNote is { } note ? $": \"{note}\"" : "")
            + ". Check your organisation's events, then agree it or ask for changes.",
            TimetableLink(timetable)));

    /// <summary>
    /// One organisation agreed: the proposer hears of it; when it was the last, every taking-part organisation hears the
    /// year is agreed and published.
    /// </summary>
    public static Task TimetableAgreedAsync(EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, DateTimeOffset now, CancellationToken ct = default)
    {
        var label = timetable.FinancialYear.Label;
        if (timetable.Status == TimetableStatus.Agreed)
        {
            return NotifyAsync(db, actor, [.. timetable.ParticipantIds], null, null, now, ct, new Notice(
                NotificationCategory.Timetable, WorkflowEvents.TimetableAgreedByAll, NeedsAction: false,
                $"Timetable {label} agreed by all",
                $"{Who(actor)} gave the last agreement: the {label} timetable is agreed by every taking-part organisation and published. "
                + "Plan your engagement against it.",
                TimetableLink(timetable)));
        }

        var waiting = timetable.AwaitingAgreementFrom.Count();
        return NotifyAsync(db, actor, timetable.ProposedByOrganisationId is { } by ? [by] : [], null, null, now, ct, new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableAgreedByPartner, NeedsAction: false,
            $"Timetable {label} agreed by {actor.OrganisationName ?? "a partner"}",
            $"{Who(actor)} agreed the {label} timetable. Still waiting for {waiting} organisation{(waiting == 1 ? "" : "s")} to agree.",
            TimetableLink(timetable)));
    }

    /// <summary>
    /// A taking-part organisation sent the proposal back: the proposer must change and propose again, and every other
    /// partner of the round is told that the round is void, so an agreement it gave no longer counts and none is awaited.
    /// </summary>
    public static async Task TimetableChangesRequestedAsync(EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, DateTimeOffset now, CancellationToken ct = default)
    {
        var label = timetable.FinancialYear.Label;
        var comment = UntrustedText.Isolate(timetable.ChangesRequested ?? "");
        var proposer = timetable.ProposedByOrganisationId;
        await NotifyAsync(db, actor, proposer is { } by ? [by] : [], null, null, now, ct, new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableChangesRequested, NeedsAction: true,
            $"Changes asked to timetable {label}",
            $"{Who(actor)} asked for changes to the {label} timetable: \"{comment}\". Make the changes, then propose it again.",
            TimetableLink(timetable)));
        await NotifyAsync(db, actor, [.. timetable.ParticipantIds.Where(id => id != proposer && id != actor.OrganisationId)], null, null, now, ct, new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableChangesRequested, NeedsAction: false,
            $"Timetable {label} sent back for changes",
            $"{Who(actor)} asked for changes to the {label} timetable that was out for agreement: \"{comment}\". "
            + "Agreements given to that proposal no longer count and none is awaited from you now; you will be asked to agree the year again once it is proposed again.",
            TimetableLink(timetable)));
    }

    /// <summary>
    /// An event changed in a year that was agreed (or out for agreement): the other taking-part organisations are told of
    /// every change, since any of them may move a decision the LINk's input has to land before (the study's "often just
    /// ahead of commissioners' agendas"). The first change after agreement, or one that voids a round out for agreement,
    /// asks them to act (check it; the year can be proposed again); later changes, with the year already flagged, only
    /// inform. Anyone who finds that too many can take the timetable's notices as a daily or weekly digest.
    /// </summary>
    /// <param name="db">The service's context; the notices are added, not saved, and go with the change's own save.</param>
    /// <param name="actor">The person who changed the event, who is not told.</param>
    /// <param name="timetable">The year as it is after the change.</param>
    /// <param name="wasProposed">The year was out for agreement before this change.</param>
    /// <param name="wasChanged">The year was already flagged as changed since agreement before this change.</param>
    /// <param name="summary">The change in a sentence, as the year's change log words it.</param>
    /// <param name="now">The moment of the change (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static Task TimetableChangedAsync(
        EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, bool wasProposed, bool wasChanged, string summary, DateTimeOffset now, CancellationToken ct = default)
    {
        var label = timetable.FinancialYear.Label;
        var first = wasProposed || !wasChanged;
        return !(wasProposed || timetable.ChangedSinceAgreement) ? Task.CompletedTask : NotifyAsync(db, actor, [.. timetable.ParticipantIds.Where(id => id != actor.OrganisationId)], null, null, now, ct, new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableChangedSinceAgreement, NeedsAction: first,
            first ? $"Timetable {label} changed since agreement" : $"Timetable {label} changed again",
            $"{Who(actor)} changed the {label} timetable: {summary} "
            + (first ? "Check the change; the year can be proposed again for agreement." : "The year's other changes since agreement are listed with it."),
            TimetableLink(timetable)));
    }

    // ----- The one way a notice is recorded -----

    internal sealed record Notice(NotificationCategory Category, string Event, bool NeedsAction, string Title, string Body, PageLink Link);

    /// <summary>
    /// Adds one notification per recipient, and an e-mail delivery for each who chose to hear of the category at once.
    /// Nothing is saved here: the caller's SaveChanges records them with its change.
    /// </summary>
    internal static async Task NotifyAsync(
        EngagementHubDbContext db, Actor actor, int[] organisations, int? contactId, string? ownerUserId, DateTimeOffset now, CancellationToken ct, Notice notice)
    {
        var contactEmail = contactId is { } id
            ? (await db.Contacts.AsNoTracking().Where(c => c.Id == id).Select(c => c.Email).FirstOrDefaultAsync(ct))?.Trim().ToUpperInvariant()
            : null;
        var candidates = await db.Users.AsNoTracking()
            .Where(AccountStanding.MayUseTheApp)
            .Where(u => (organisations.Contains(u.OrganisationId) && (u.Role == UserRole.Editor || u.Role == UserRole.Admin))
                        || (contactEmail != null && u.NormalizedEmail == contactEmail)
                        || u.Id == ownerUserId)
            .Select(u => new RecipientCandidate(u.Id, u.OrganisationId, u.Role, u.IsDisabled, u.NormalizedEmail))
            .ToListAsync(ct);
        var recipients = NotificationRecipients.Resolve(candidates, organisations, contactEmail, ownerUserId, actor.UserId);
        if (recipients.Count == 0)
        {
            return;
        }

        var emailed = await NotificationPreferences.ChoosingAsync(db, recipients, notice.Category, DeliveryPreference.Immediately, ct);
        foreach (var userId in recipients)
        {
            var notification = new Notification(userId, notice.Title, notice.Body, notice.Link, now, notice.Category, notice.Event, notice.NeedsAction);
            db.Notifications.Add(notification);
            if (emailed.Contains(userId))
            {
                db.ReminderDeliveries.Add(new ReminderDelivery(notification, now));
            }
        }
    }

    internal static int OrganisationOf(EngagementExercise exercise, AgreementSide side) =>
        side == AgreementSide.Commissioner ? exercise.LeadCommissionerId : exercise.LinkOrganisationId;

    /// <summary>The organisations taking part in an exercise, other than the one that acted.</summary>
    internal static int[] Involved(EngagementExercise exercise, Actor actor) =>
        [.. exercise.PartnerIds.Append(exercise.LeadCommissionerId).Append(exercise.LinkOrganisationId).Distinct().Where(id => id != actor.OrganisationId)];

    /// <summary>The person who acted, isolated: a right-to-left override in a name cannot reverse the sentence around it.</summary>
    internal static string Who(Actor actor) =>
        actor.OrganisationName is { Length: > 0 } organisation
            ? $"{UntrustedText.Isolate(actor.DisplayName)} ({UntrustedText.Isolate(organisation)})"
            : UntrustedText.Isolate(actor.DisplayName);

    private static PageLink ExerciseLink(EngagementExercise exercise) => PageLink.Exercise(exercise.Id);

    private static PageLink TimetableLink(AnnualTimetable timetable) => PageLink.Timetable(timetable.FinancialYear);
}
