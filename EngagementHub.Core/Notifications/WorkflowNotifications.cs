using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Notifications;

/// <summary>The stable keys of <see cref="Notification.Event"/> for workflow steps.</summary>
public static class WorkflowEvents
{
    /// <summary>A deadline's reminder, recorded by the reminder sweep (before, on and after the due date).</summary>
    public const string Reminder = "reminder";
    public const string OptionProposed = "exercise.option-proposed";
    public const string OptionAgreed = "exercise.option-agreed";
    public const string OptionChangeRequested = "exercise.option-change-requested";
    public const string ExerciseCreated = "exercise.created";
    public const string ExerciseChangedAfterAgreement = "exercise.changed-after-agreement";
    public const string ExercisePartnerAdded = "exercise.partner-added";
    public const string ExercisePartnerRemoved = "exercise.partner-removed";
    public const string ExerciseCancelled = "exercise.cancelled";
    public const string DeadlineLogged = "deadline.logged";
    public const string ReferralReceived = "deadline.referral-received";
    public const string DeadlineAcknowledged = "deadline.acknowledged";
    public const string DeadlineAnswered = "deadline.answered";
    public const string DeadlineWithdrawn = "deadline.withdrawn";
    public const string DeadlineEscalated = "deadline.escalated";
    public const string ExtensionProposed = "deadline.extension-proposed";
    public const string ExtensionAgreed = "deadline.extension-agreed";
    public const string ExtensionDeclined = "deadline.extension-declined";
    public const string ExtensionWithdrawn = "deadline.extension-withdrawn";
    public const string RecommendationResponded = "deadline.recommendation-responded";
    public const string TimetableProposed = "timetable.proposed";
    public const string TimetableAgreedByPartner = "timetable.agreed-by-partner";
    public const string TimetableAgreedByAll = "timetable.agreed";
    public const string TimetableChangesRequested = "timetable.changes-requested";
    public const string TimetableChangedSinceAgreement = "timetable.changed-since-agreement";
    public const string TimetableParticipantLeft = "timetable.participant-left";
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
    public const string ReviewReopened = "review.reopened";
    public const string ReviewRevisionAgreed = "review.revision-agreed";
    public const string ReviewRevisionPublished = "review.revision-published";
    public const string ReviewRevisionAgreementSetAside = "review.revision-agreement-set-aside";
    public const string ReviewRevisionPartnerDeactivated = "review.revision-partner-deactivated";
    public const string ImplementationOverdue = "deadline.implementation-overdue";
    public const string IssueFeedbackDue = "issue.feedback-due";
    public const string IssueRaised = "issue.raised";
    public const string IssueHandedOff = "issue.handed-off";
    public const string IssueDecided = "issue.decided";
    public const string IssueFeedbackGiven = "issue.feedback-given";
    public const string FeedbackDueMoved = "issue.feedback-due-moved";
    public const string ExerciseLeadDeactivated = "exercise.lead-deactivated";
    public const string DeadlineRecipientDeactivated = "deadline.recipient-deactivated";
    public const string ReviewCommissionerDeactivated = "review.commissioner-deactivated";
    public const string ReviewActionOwnerDeactivated = "review.action-owner-deactivated";
    public const string ExerciseLinkDeactivated = "exercise.link-deactivated";
    public const string ReviewLinkDeactivated = "review.link-deactivated";
    public const string IssuePartnerDeactivated = "issue.partner-deactivated";
    public const string IssueLinkDeactivated = "issue.link-deactivated";
    public const string DeadlineHandedOver = "deadline.handed-over";
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

    // ----- The one way a notice is recorded -----

    internal sealed record Notice(NotificationCategory Category, string Event, bool NeedsAction, string Title, string Body, PageLink Link);

    /// <summary>
    /// Adds one notification per recipient, and an e-mail delivery for each who chose to hear of the category at once.
    /// Nothing is saved here: the caller's SaveChanges records them with its change. The owner is told while they are in
    /// <paramref name="ownerOrganisationId"/>, when given: someone moved to another organisation no longer follows the
    /// record up for the one they left.
    /// </summary>
    internal static async Task NotifyAsync(
        EngagementHubDbContext db, Actor actor, int[] organisations, int? contactId, string? ownerUserId, DateTimeOffset now, CancellationToken ct, Notice notice,
        int? ownerOrganisationId = null)
    {
        var contact = contactId is { } id
            ? await db.Contacts.AsNoTracking().Where(c => c.Id == id && c.Email != null).Select(c => new ContactAddress(c.Email!, c.OrganisationId)).FirstOrDefaultAsync(ct)
            : null;
        var contactEmail = AccountAddress.Normalise(contact?.Email);
        var contactOrganisation = contact?.OrganisationId;
        var candidates = await db.Users.AsNoTracking()
            .Where(AccountStanding.MayUseTheApp(db))
            .Where(u => (organisations.Contains(u.OrganisationId) && (u.Role == UserRole.Editor || u.Role == UserRole.Admin))
                        || (contactEmail != null && u.NormalizedEmail == contactEmail && u.OrganisationId == contactOrganisation)
                        || (u.Id == ownerUserId && (ownerOrganisationId == null || u.OrganisationId == ownerOrganisationId)))
            .Select(u => new RecipientCandidate(u.Id, u.OrganisationId, u.Role, u.IsDisabled, u.NormalizedEmail))
            .ToListAsync(ct);
        var recipients = NotificationRecipients.Resolve(candidates, organisations, contact, ownerUserId, actor.UserId, ownerOrganisationId);
        if (recipients.Count == 0)
        {
            return;
        }

        var emailed = await NotificationPreferences.ChoosingAsync(db, recipients, notice.Category, DeliveryPreference.Immediately, ct);
        var organisationOf = candidates.ToDictionary(c => c.UserId, c => c.OrganisationId);
        foreach (var userId in recipients)
        {
            // A notice asks to act only the organisations it is sent to. The named contact and the owner follow the record
            // whichever side acted, so one on the side that acted (the commissioner's contact told of its own extension
            // proposal) is told for information: nothing is theirs to do, and nothing is on their "my work".
            var asked = notice.NeedsAction && organisations.Contains(organisationOf[userId]);
            // Told as a member of the organisation they are in now: should an administrator move them, the notice stays with it.
            var notification = new Notification(userId, organisationOf[userId], notice.Title, notice.Body, notice.Link, now, notice.Category, notice.Event, asked);
            db.Notifications.Add(notification);
            if (emailed.Contains(userId))
            {
                db.ReminderDeliveries.Add(new ReminderDelivery(notification, now));
            }
        }
    }

    /// <summary>The person who acted, isolated: a right-to-left override in a name cannot reverse the sentence around it.</summary>
    internal static string Who(Actor actor) =>
        actor.OrganisationName is { Length: > 0 } organisation
            ? $"{UntrustedText.Isolate(actor.DisplayName)} ({UntrustedText.Isolate(organisation)})"
            : UntrustedText.Isolate(actor.DisplayName);

}
