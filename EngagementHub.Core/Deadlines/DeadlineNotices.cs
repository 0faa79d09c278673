using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using static EngagementHub.Core.Notifications.WorkflowNotifications;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// The notices of each step of a response deadline, worded here, next to the deadline, and recorded through
/// <see cref="WorkflowNotifications"/>' one mechanism: each method adds the notifications of one step (and the e-mail
/// deliveries of those who chose "immediately") to the caller's DbContext without saving, so the service's own save
/// records them with the change. Pattern: docs/conventions.md, "Notifications".
/// </summary>
public static class DeadlineNotices
{
    /// <summary>
    /// A holiday change recounted open deadlines (ADR 0012): nobody on either side acted, so both are told, each deadline
    /// saying what moved and why (its <see cref="ResponseDeadline.DueDateNote"/>): "Due date moved: …" when its due date
    /// moved, "Dates recounted: …" when only its statutory date or the date it missed before a late extension did.
    /// </summary>
    /// <param name="db">The holiday change's context: the notices are added to it, not saved.</param>
    /// <param name="actor">The administrator who changed the holidays.</param>
    /// <param name="recounted">Each deadline whose dates moved, and whether its due date was one of them.</param>
    /// <param name="now">When.</param>
    /// <param name="ct">Cancels the look-up of the recipients.</param>
    public static async Task DatesRecountedAsync(EngagementHubDbContext db, Actor actor, IReadOnlyList<(ResponseDeadline Deadline, bool DueDateMoved)> recounted,
        DateTimeOffset now, CancellationToken ct = default)
    {
        foreach (var (deadline, dueDateMoved) in recounted)
        {
            // A statutory date under an agreed extension, or the date missed before a late one, moves what the deadline
            // says about lateness as surely as a due date does: its note says which date moved, from what to what.
            await DeadlineNoticeAsync(db, actor, deadline, [deadline.ToOrganisationId, deadline.SentByOrganisationId], now, ct, new Notice(
                NotificationCategory.Deadlines, WorkflowEvents.DueDateMoved, NeedsAction: false,
                dueDateMoved ? $"Due date moved: {UntrustedText.Isolate(deadline.Subject)}" : $"Dates recounted: {UntrustedText.Isolate(deadline.Subject)}",
                deadline.DueDateNote ?? $"Now due on {UkTime.FormatDate(deadline.DueDate)}.",
                DeadlineLink(deadline)));
        }
    }

    /// <summary>
    /// A bank-holiday change made an extension waiting to be agreed impossible to agree
    /// (<see cref="ResponseDeadline.ProposalOvertakenOn"/>): both sides hear why and what to propose instead, as the
    /// deadline's page says, before the other side tries to agree it. Adds the notices to <paramref name="db"/> without
    /// saving; refuses nobody (the calendar checked the administrator).
    /// </summary>
    /// <param name="db">The holiday change's context: the notices are added to it, not saved.</param>
    /// <param name="actor">The administrator who changed the holidays.</param>
    /// <param name="overtaken">Each deadline whose proposal can no longer be agreed, with why.</param>
    /// <param name="now">When.</param>
    /// <param name="ct">Cancels the look-up of the recipients.</param>
    public static async Task ProposalsOvertakenAsync(EngagementHubDbContext db, Actor actor, IReadOnlyList<(ResponseDeadline Deadline, ProposalOvertaken Proposal)> overtaken,
        DateTimeOffset now, CancellationToken ct = default)
    {
        foreach (var (deadline, proposal) in overtaken)
        {
            await DeadlineNoticeAsync(db, actor, deadline, [deadline.ToOrganisationId, deadline.SentByOrganisationId], now, ct, new Notice(
                NotificationCategory.Deadlines, WorkflowEvents.DueDateMoved, NeedsAction: false,
                $"Proposed extension can no longer be agreed: {UntrustedText.Isolate(deadline.Subject)}",
                $"The bank holidays changed, which affects the extension proposed for the {Kind(deadline)} \"{UntrustedText.Isolate(deadline.Subject)}\": "
                + $"{proposal.Reason} The due date is {UkTime.FormatDate(deadline.DueDate)} until an extension is agreed.",
                DeadlineLink(deadline)));
        }
    }

    /// <summary>
    /// A bank-holiday change made an extension waiting to be agreed, which could not be agreed before it, possible to agree
    /// again (the holiday on its date removed, or the due date moved back before it): both sides hear so, as they heard it
    /// could not be (<see cref="ProposalsOvertakenAsync"/>), and the side asked may agree it. Adds the notices to
    /// <paramref name="db"/> without saving; refuses nobody (the calendar checked the administrator).
    /// </summary>
    /// <param name="db">The holiday change's context: the notices are added to it, not saved.</param>
    /// <param name="actor">The administrator who changed the holidays.</param>
    /// <param name="agreeable">Each deadline whose proposal can be agreed again.</param>
    /// <param name="now">When.</param>
    /// <param name="ct">Cancels the look-up of the recipients.</param>
    public static async Task ProposalsAgreeableAgainAsync(EngagementHubDbContext db, Actor actor, IReadOnlyList<ResponseDeadline> agreeable,
        DateTimeOffset now, CancellationToken ct = default)
    {
        foreach (var deadline in agreeable)
        {
            var proposed = UkTime.FormatDate(deadline.ProposedDueDate!.Value);
            await DeadlineNoticeAsync(db, actor, deadline, [deadline.ToOrganisationId, deadline.SentByOrganisationId], now, ct, new Notice(
                NotificationCategory.Deadlines, WorkflowEvents.DueDateMoved, NeedsAction: false,
                $"Proposed extension can be agreed again: {UntrustedText.Isolate(deadline.Subject)}",
                $"The bank holidays changed, which affects the extension proposed for the {Kind(deadline)} \"{UntrustedText.Isolate(deadline.Subject)}\": "
                + $"{proposed} is a working day later than the due date again, so it can be agreed. The due date is {UkTime.FormatDate(deadline.DueDate)} until it is.",
                DeadlineLink(deadline)));
        }
    }

    /// <summary>
    /// The LINk logged a request, report or referral: the organisation it was sent to must acknowledge and answer it, or,
    /// where the kind's duty is met by the acknowledgement (<see cref="ResponseDeadline.DischargedBy"/>: a scrutiny
    /// referral, or a kind an administrator set so), acknowledge it by the due date, as "My work" asks. A referral to the
    /// scrutiny committee is worded as such.
    /// </summary>
    public static Task DeadlineLoggedAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct = default)
    {
        var referral = deadline.Kind == DeadlineKind.ScrutinyReferral;
        var acknowledgementMeetsIt = deadline.DischargedBy == DutyStep.Acknowledgement;
        return DeadlineNoticeAsync(db, actor, deadline, [deadline.ToOrganisationId], now, ct, new Notice(
            NotificationCategory.Deadlines, referral ? WorkflowEvents.ReferralReceived : WorkflowEvents.DeadlineLogged, NeedsAction: true,
            referral ? $"Referral received: {UntrustedText.Isolate(deadline.Subject)}" : $"New {Kind(deadline)}: {UntrustedText.Isolate(deadline.Subject)}",
            referral
                ? $"{Who(actor)} referred \"{UntrustedText.Isolate(deadline.Subject)}\" to the committee. Acknowledge the referral by {UkTime.FormatDate(deadline.DueDate)} "
                  + $"({Counted.Of(deadline.WorkingDays, "working day")}) and keep the LINk informed."
                : $"{Who(actor)} sent your organisation the {Kind(deadline)} \"{UntrustedText.Isolate(deadline.Subject)}\". "
                  + (acknowledgementMeetsIt
                      ? $"Acknowledge it by {UkTime.FormatDate(deadline.DueDate)} ({Counted.Of(deadline.WorkingDays, "working day")}), or propose an extension."
                      : $"Acknowledge it, then answer by {UkTime.FormatDate(deadline.DueDate)}, or propose an extension."),
            DeadlineLink(deadline)));
    }

    /// <summary>The answering side acknowledged the deadline: the other side hears that the answer is still to come, by
    /// its due date, or, where the acknowledgement meets the duty (ADR 12), that it is met and a follow-up may come.</summary>
    public static Task DeadlineAcknowledgedAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct = default) =>
        DeadlineNoticeAsync(db, actor, deadline, OtherSide(actor, deadline), now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.DeadlineAcknowledged, NeedsAction: false,
            $"Acknowledged: {UntrustedText.Isolate(deadline.Subject)}",
            $"{Who(actor)} acknowledged the {Kind(deadline)} \"{UntrustedText.Isolate(deadline.Subject)}\". "
            + (deadline.DischargedBy == DutyStep.Acknowledgement
                ? "That meets its duty; any follow-up is recorded with it when it comes, with no due date. Nothing is needed from you."
                : $"The answer is due by {UkTime.FormatDate(deadline.DueDate)}; nothing is needed from you yet."),
            DeadlineLink(deadline)));

    /// <summary>An answer was recorded: the other side hears it, with how late it was when the answer was the duty (ADR
    /// 12).</summary>
    public static Task DeadlineAnsweredAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct = default) =>
        DeadlineNoticeAsync(db, actor, deadline, OtherSide(actor, deadline), now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.DeadlineAnswered, NeedsAction: false,
            $"Answered: {UntrustedText.Isolate(deadline.Subject)}",
            // The kind in brackets: "the answer to the response to a report or recommendations" read twice over.
            $"{Who(actor)} recorded the answer to \"{UntrustedText.Isolate(deadline.Subject)}\" ({Kind(deadline)})"
            // How late, in the words and by the rule of the deadline's page (ADR 12); a follow-up's answer is not measured.
            + (deadline.AnswerMeetsTheDuty && deadline.DutyLateness is { } lateness ? $", {lateness}" : "")
            + ". Read the answer; reminders about it have stopped.",
            DeadlineLink(deadline)));

    /// <summary>The LINk withdrew the deadline: the answering side hears no answer is needed any more.</summary>
    public static Task DeadlineWithdrawnAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct = default) =>
        DeadlineNoticeAsync(db, actor, deadline, OtherSide(actor, deadline), now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.DeadlineWithdrawn, NeedsAction: false,
            $"Withdrawn: {UntrustedText.Isolate(deadline.Subject)}",
            $"{Who(actor)} withdrew the {Kind(deadline)} \"{UntrustedText.Isolate(deadline.Subject)}\". No answer is needed any more.",
            DeadlineLink(deadline)));

    /// <summary>The LINk escalated a late deadline: the organisation that did not answer should know (the committee hears through <see cref="DeadlineLoggedAsync"/>).</summary>
    public static Task DeadlineEscalatedAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct = default) =>
        DeadlineNoticeAsync(db, actor, deadline, OtherSide(actor, deadline), now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.DeadlineEscalated, NeedsAction: true,
            $"Referred to scrutiny: {UntrustedText.Isolate(deadline.Subject)}",
            $"{Who(actor)} referred the unanswered {Kind(deadline)} \"{UntrustedText.Isolate(deadline.Subject)}\" (due {UkTime.FormatDate(deadline.DueDate)}) to the Overview and Scrutiny Committee. "
            + "Record your answer as soon as you can.",
            DeadlineLink(deadline)));

    /// <summary>
    /// One side proposed a later due date: the other side is asked to agree it, with the dates and the reason given, and
    /// told what it may do instead, in the words of its "My work" (<see cref="DeadlineTerms.ExtensionNextStep"/>): the LINk,
    /// which is owed the answer, may keep the due date; the organisation that owes it, answer by it. The named contact
    /// (of the organisation it was sent to) and the owner (of the LINk) follow the deadline whichever side proposed: the
    /// one on the proposing side is told it awaits the other side's agreement, and asked nothing.
    /// </summary>
    public static async Task ExtensionProposedAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct = default)
    {
        var byLink = deadline.ProposalByLink == true;
        var asked = OtherSide(actor, deadline);
        var proposal = $"{Who(actor)} proposed moving the due date of \"{UntrustedText.Isolate(deadline.Subject)}\" from {UkTime.FormatDate(deadline.DueDate)}"
                       + (deadline.ProposedDueDate is { } proposed ? $" to {UkTime.FormatDate(proposed)}" : "")
                       + UntrustedText.QuotedSentenceEnd(deadline.ProposalReason) + " ";
        var notice = new Notice(
            NotificationCategory.Agreement, WorkflowEvents.ExtensionProposed, NeedsAction: true,
            $"Extension proposed: {UntrustedText.Isolate(deadline.Subject)}",
            proposal + DeadlineTerms.ExtensionNextStep(owesTheAnswer: byLink),
            DeadlineLink(deadline));
        var names = await db.OrganisationNamesAsync(asked, ct);
        var other = names.TryGetValue(asked[0], out var name) ? UntrustedText.Isolate(name) : "the other side";
        await ToEachSideAsync(db, actor, deadline, now, ct, notice, proposal + $"It now awaits {other}'s agreement; until then the due date stands.");
    }

    /// <summary>The proposed extension was agreed: the side that proposed it hears the new due date, which reminders
    /// now follow.</summary>
    public static Task ExtensionAgreedAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct = default) =>
        DeadlineNoticeAsync(db, actor, deadline, OtherSide(actor, deadline), now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.ExtensionAgreed, NeedsAction: false,
            $"Extension agreed: {UntrustedText.Isolate(deadline.Subject)}",
            $"{Who(actor)} agreed the extension: \"{UntrustedText.Isolate(deadline.Subject)}\" is now due on {UkTime.FormatDate(deadline.DueDate)}. Reminders follow the new date.",
            DeadlineLink(deadline)));

    /// <summary>
    /// The side asked to agree the proposed extension declined it, saying why (<see cref="ResponseDeadline.DeclineExtension"/>):
    /// the side that proposed it hears which date was declined, why, and that the due date stands: the organisation that
    /// owes the answer answers by it, or proposes another date; the LINk, which is owed it, hears the answer is still due
    /// by it. The named contact and the owner follow the deadline whichever side declined: the one on the declining side
    /// hears only what happened. For information: nothing new is asked, the due date having been asked for already.
    /// </summary>
    public static Task ExtensionDeclinedAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct = default)
    {
        // The LINk declined what the organisation that owes the answer proposed, or the other way round.
        var proposerOwesTheAnswer = deadline.DeclinedByLink == true;
        var (subject, due) = (UntrustedText.Isolate(deadline.Subject), UkTime.FormatDate(deadline.DueDate));
        var declined = $"{Who(actor)} declined the extension of \"{subject}\""
                       + (deadline.DeclinedDueDate is { } date ? $" to {UkTime.FormatDate(date)}" : "")
                       + UntrustedText.QuotedSentenceEnd(deadline.DeclineReason) + " ";
        return ToEachSideAsync(db, actor, deadline, now, ct, new Notice(
                NotificationCategory.Agreement, WorkflowEvents.ExtensionDeclined, NeedsAction: false,
                $"Extension declined: {subject}",
                declined + (proposerOwesTheAnswer
                    ? $"The due date stays {due}: answer by it, or propose another date."
                    : $"The due date stays {due}, and the answer is still due by it."),
                DeadlineLink(deadline)),
            declined + $"The due date stays {due}.");
    }

    /// <summary>
    /// The side that proposed an extension withdrew it before it was agreed (<see cref="ResponseDeadline.WithdrawExtensionProposal"/>):
    /// the side that was asked to agree it hears that it no longer waits on it and that the due date stands. The named
    /// contact and the owner follow the deadline whichever side withdrew it: the one on the withdrawing side hears only
    /// what happened. For information: nothing is asked any more.
    /// </summary>
    /// <param name="db">The service's context: the notices are added, not saved.</param>
    /// <param name="actor">Who withdrew it.</param>
    /// <param name="deadline">The deadline, with no proposal waiting any more.</param>
    /// <param name="withdrawn">The date the withdrawn proposal proposed.</param>
    /// <param name="now">The moment of the step (UTC).</param>
    /// <param name="ct">Cancels the look-up of whom to tell.</param>
    public static Task ExtensionWithdrawnAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateOnly withdrawn, DateTimeOffset now,
        CancellationToken ct = default)
    {
        // The side asked owes the answer when the LINk proposed it, and the LINk withdrew it.
        var askedOwesTheAnswer = actor.OrganisationId == deadline.SentByOrganisationId;
        var (subject, due) = (UntrustedText.Isolate(deadline.Subject), UkTime.FormatDate(deadline.DueDate));
        var what = $"{Who(actor)} withdrew the proposal to move the due date of \"{subject}\" to {UkTime.FormatDate(withdrawn)}";
        return ToEachSideAsync(db, actor, deadline, now, ct, new Notice(
                NotificationCategory.Agreement, WorkflowEvents.ExtensionWithdrawn, NeedsAction: false,
                $"Extension withdrawn: {subject}",
                what + ", so it no longer awaits your agreement. "
                + (askedOwesTheAnswer ? $"The due date stays {due}: answer by it." : $"The due date stays {due}, and the answer is still due by it."),
                DeadlineLink(deadline)),
            what + $". The due date stays {due}.");
    }

    /// <summary>
    /// The organisation the report went to responded to a recommendation, or changed its response: the LINk should know.
    /// A changed response says what it was; when the LINk's view of whether it was met was set aside by the change, the
    /// LINk is told, and asked again when there is an implementation to judge.
    /// </summary>
    /// <param name="db">The service's context: the notices are added, not saved.</param>
    /// <param name="actor">Who acted: the organisation the report went to.</param>
    /// <param name="deadline">The report.</param>
    /// <param name="recommendation">The recommendation, as it is after the step.</param>
    /// <param name="before">The response before this step (<see cref="RecommendationResponse.Pending"/> for a first response).</param>
    /// <param name="verdictSetAside">The LINk's view that this step set aside, if any.</param>
    /// <param name="now">The moment of the step (UTC).</param>
    /// <param name="ct">Cancels the look-up of whom to tell.</param>
    public static Task RecommendationRespondedAsync(
        EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, Recommendation recommendation, RecommendationResponse before, LinkVerdict? verdictSetAside,
        DateTimeOffset now, CancellationToken ct = default)
    {
        var changed = before != RecommendationResponse.Pending && before != recommendation.Response;
        var what = $"the recommendation \"{UntrustedText.Isolate(InputValidation.Shorten(recommendation.Text, 120))}\" in \"{UntrustedText.Isolate(deadline.Subject)}\"";
        return DeadlineNoticeAsync(db, actor, deadline, OtherSide(actor, deadline), now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.RecommendationResponded, NeedsAction: AskedAgain(recommendation, verdictSetAside),
            changed
                ? $"Response changed: recommendation {recommendation.Number} of {UntrustedText.Isolate(deadline.Subject)}"
                : $"Recommendation responded to: {UntrustedText.Isolate(deadline.Subject)}",
            (changed
                ? $"{Who(actor)} changed the response to {what} from {before.Label().ToLowerInvariant()} to {recommendation.Response.Label().ToLowerInvariant()}. "
                  + (recommendation.IsAccepted ? "" : "What was recorded of carrying it out no longer stands. ")
                : $"{Who(actor)} responded to {what}: {recommendation.Response.Label().ToLowerInvariant()}. ")
            + VerdictSetAside(recommendation, verdictSetAside)
            + "Read the response; it is part of the report's \"you said, we did\".",
            DeadlineLink(deadline)));
    }

    /// <summary>
    /// The commissioner recorded how an accepted recommendation is carried out, or what happened: the LINk should know.
    /// When the step set the LINk's view aside (another status, or other words for the outcome), the LINk is asked again.
    /// </summary>
    /// <param name="db">The service's context: the notices are added, not saved.</param>
    /// <param name="actor">Who acted: the organisation the report went to.</param>
    /// <param name="deadline">The report.</param>
    /// <param name="recommendation">The recommendation, as it is after the step.</param>
    /// <param name="verdictSetAside">The LINk's view that this step set aside, if any.</param>
    /// <param name="now">The moment of the step (UTC).</param>
    /// <param name="ct">Cancels the look-up of whom to tell.</param>
    public static Task ImplementationRecordedAsync(
        EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, Recommendation recommendation, LinkVerdict? verdictSetAside, DateTimeOffset now, CancellationToken ct = default) =>
        DeadlineNoticeAsync(db, actor, deadline, OtherSide(actor, deadline), now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.ImplementationRecorded,
            NeedsAction: recommendation.AwaitsLinkVerdict,
            $"Recommendation {recommendation.Number} {recommendation.Implementation.Label().ToLowerInvariant()}: {UntrustedText.Isolate(deadline.Subject)}",
            $"{Who(actor)} updated how the recommendation \"{UntrustedText.Isolate(InputValidation.Shorten(recommendation.Text, 120))}\" in \"{UntrustedText.Isolate(deadline.Subject)}\" is carried out: "
            + $"{recommendation.Implementation.Label().ToLowerInvariant()}"
            + (recommendation.Milestones.MaxBy(m => m.RecordedAt) is { } latest && latest.RecordedAt == now ? $", with a new milestone on {UkTime.FormatDate(latest.On)}" : "")
            + ". "
            + (verdictSetAside is not null
                ? VerdictSetAside(recommendation, verdictSetAside)
                : recommendation.AwaitsLinkVerdict
                    ? "Say whether the LINk agrees the recommendation has been met."
                    : recommendation.LinkVerdict is { } view && recommendation.Implementation is ImplementationStatus.Done or ImplementationStatus.Dropped
                        ? $"The LINk's view, that it {(view == LinkVerdict.Agrees ? "has" : "has not")} been met, stands; change it if this changes it."
                        : "Nothing is needed from you yet."),
            DeadlineLink(deadline)));

    /// <returns>True when a view of the LINk's was set aside and a new one is awaited
    /// (<see cref="Recommendation.AwaitsLinkVerdict"/>: done or dropped); while it is still being carried out, the LINk is
    /// asked once it is.</returns>
    private static bool AskedAgain(Recommendation recommendation, LinkVerdict? verdictSetAside) =>
        verdictSetAside is not null && recommendation.AwaitsLinkVerdict;

    /// <returns>The sentence telling the LINk its earlier view no longer stands, and whether it is asked again; empty when none was set aside.</returns>
    private static string VerdictSetAside(Recommendation recommendation, LinkVerdict? verdictSetAside) => verdictSetAside switch
    {
        null => "",
        { } earlier => $"The LINk's earlier view, that it {(earlier == LinkVerdict.Agrees ? "had" : "had not")} been met, was about what stood before and no longer stands"
                       + (AskedAgain(recommendation, verdictSetAside)
                           ? ": say again whether the LINk agrees the recommendation has been met. "
                           : ". The LINk is asked again once the recommendation is accepted and carried out. "),
    };

    /// <summary>The LINk said whether it agrees a recommendation has been met: the commissioner should know.</summary>
    public static Task LinkVerdictRecordedAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, Recommendation recommendation, DateTimeOffset now, CancellationToken ct = default) =>
        DeadlineNoticeAsync(db, actor, deadline, OtherSide(actor, deadline), now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.LinkVerdictRecorded, NeedsAction: recommendation.LinkVerdict == LinkVerdict.DoesNotAgree,
            recommendation.LinkVerdict == LinkVerdict.Agrees
                ? $"LINk agrees recommendation {recommendation.Number} is met: {UntrustedText.Isolate(deadline.Subject)}"
                : $"LINk does not agree recommendation {recommendation.Number} is met: {UntrustedText.Isolate(deadline.Subject)}",
            $"{Who(actor)} {(recommendation.LinkVerdict == LinkVerdict.Agrees ? "agrees" : "does not agree")} that the recommendation \"{UntrustedText.Isolate(InputValidation.Shorten(recommendation.Text, 120))}\" "
            + $"in \"{UntrustedText.Isolate(deadline.Subject)}\" has been met"
            + UntrustedText.QuotedSentenceEnd(recommendation.LinkComment is { } comment ? InputValidation.Shorten(comment, 300) : null),
            DeadlineLink(deadline)));

    /// <summary>
    /// The planned date of an accepted recommendation passed with no update (the reminder sweep, once per planned date):
    /// the commissioner that answered the report is asked to bring it up to date.
    /// </summary>
    public static Task ImplementationOverdueAsync(EngagementHubDbContext db, ResponseDeadline deadline, Recommendation recommendation, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, Actor.System, [deadline.ToOrganisationId], deadline.ToContactId, null, now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.ImplementationOverdue, NeedsAction: true,
            $"Planned date passed: recommendation {recommendation.Number} of {UntrustedText.Isolate(deadline.Subject)}",
            $"You planned to carry out the recommendation \"{UntrustedText.Isolate(InputValidation.Shorten(recommendation.Text, 120))}\" in \"{UntrustedText.Isolate(deadline.Subject)}\" "
            + $"by {UkTime.FormatDate(recommendation.PlannedDate!.Value)}, and nothing has been recorded since. "
            + "Record where it stands: done, still in progress with a new planned date, or dropped with the reason.",
            DeadlineLink(deadline)));

    /// <summary>
    /// The organisation an open deadline was sent to was deactivated (<see cref="ResponseDeadline.IsOpen"/>): its answer
    /// is still owed, but nobody there can record it, agree an extension or be reminded. The LINk that sent it (its
    /// editors, and its owner while in the LINk) is told, with what it can do as <see cref="DeadlineService.StepsOpenTo"/>
    /// offers it: record the answer itself should it come another way, withdraw it, or, once it is overdue, escalate it to
    /// the scrutiny committee (not offered when the deactivated organisation is a scrutiny committee: there would be none
    /// active to refer to). An extension the LINk proposed can no longer be agreed, and one the organisation proposed
    /// still awaits the LINk's answer; each is said. A referral it acknowledged whose follow-up answer is still to come
    /// (<see cref="ResponseDeadline.AwaitsFollowUp"/>) is told as such: the LINk records the follow-up should it come
    /// another way; there is nothing to withdraw or escalate. So is one escalated to the scrutiny committee unanswered, whose
    /// answer is still owed (ADR 12): the LINk records it should it come another way. Nothing about the deadline changes:
    /// its due date stands. The organisation's own people and its named contact are told nothing.
    /// </summary>
    /// <param name="db">The deactivation's context; the notices are added, not saved, and go with its save.</param>
    /// <param name="actor">The administrator who deactivated the organisation, who is not told.</param>
    /// <param name="deadline">The open deadline sent to the organisation.</param>
    /// <param name="recipient">The deactivated organisation, for its name and kind.</param>
    /// <param name="today">The UK date of the deactivation, against which "overdue" is judged.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static Task RecipientDeactivatedAsync(
        EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, Organisation recipient, DateOnly today, DateTimeOffset now, CancellationToken ct = default)
    {
        var (name, subject) = (UntrustedText.Isolate(recipient.Name), UntrustedText.Isolate(deadline.Subject));
        if (deadline.AwaitsFollowUp)
        {
            // Met by its acknowledgement: only the follow-up is still to come, with no due date, and it cannot be withdrawn.
            return NotifyAsync(db, actor, [deadline.SentByOrganisationId], null, deadline.OwnerUserId, now, ct, new Notice(
                NotificationCategory.Deadlines, WorkflowEvents.DeadlineRecipientDeactivated, NeedsAction: false,
                $"{name} deactivated before its follow-up: {subject}",
                $"{Who(actor)} deactivated {name}, which had acknowledged the {(deadline.Kind == DeadlineKind.ScrutinyReferral ? "referral" : Kind(deadline))} "
                + $"\"{subject}\" but not yet sent its follow-up answer. Its people can no longer sign in, so nobody there can record it in the app. "
                + "If the follow-up reaches you another way, record it yourself as the answer.",
                DeadlineLink(deadline)), ownerOrganisationId: deadline.SentByOrganisationId);
        }

        var due = UkTime.FormatDate(deadline.DueDate);
        if (deadline.State == DeadlineState.Escalated)
        {
            // Escalated unanswered: the answer is still owed, but it can no longer be withdrawn, extended or escalated again.
            return NotifyAsync(db, actor, [deadline.SentByOrganisationId], null, deadline.OwnerUserId, now, ct, new Notice(
                NotificationCategory.Deadlines, WorkflowEvents.DeadlineRecipientDeactivated, NeedsAction: false,
                $"{name} deactivated before answering: {subject}",
                $"{Who(actor)} deactivated {name}, which had not answered the {Kind(deadline)} \"{subject}\" (due {due}) when it was escalated to the "
                + "scrutiny committee, and still owes the answer. Its people can no longer sign in, so nobody there can record it in the app. "
                + "If the answer reaches you another way, record it yourself.",
                DeadlineLink(deadline)), ownerOrganisationId: deadline.SentByOrganisationId);
        }

        // A referral's duty is the committee's acknowledgement (ADR 12), as is a kind's an administrator set so: worded as
        // such, as when it was logged and as "My work" words it.
        var acknowledges = deadline.DischargedBy == DutyStep.Acknowledgement;
        var what = deadline.Kind == DeadlineKind.ScrutinyReferral ? "referral" : Kind(deadline);
        var extension = (deadline.ProposedDueDate, deadline.ProposalByLink) switch
        {
            ({ } proposed, true) => $" The extension your side proposed, to {UkTime.FormatDate(proposed)}, can no longer be agreed by {name}: the due date stays {due}.",
            ({ } proposed, false) => $" Its proposal to move the due date to {UkTime.FormatDate(proposed)} still awaits your side's agreement.",
            _ => "",
        };
        var escalation = recipient.Kind == OrganisationKind.Scrutiny ? ""
            : deadline.IsOverdueOn(today) ? " It is overdue, so you can also escalate it to the scrutiny committee."
            : $" If it is still unanswered after {due}, you can escalate it to the scrutiny committee.";
        return NotifyAsync(db, actor, [deadline.SentByOrganisationId], null, deadline.OwnerUserId, now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.DeadlineRecipientDeactivated, NeedsAction: true,
            $"{name} deactivated before {(acknowledges ? "acknowledging" : "answering")}: {subject}",
            $"{Who(actor)} deactivated {name}, which had not yet {(acknowledges ? "acknowledged" : "answered")} the {what} \"{subject}\" (due {due}). "
            + $"Its people can no longer sign in, so nobody there can {(acknowledges ? "acknowledge it" : "record the answer")} in the app, though it is still owed."
            + extension
            + $" If {(acknowledges ? "its acknowledgement" : "the answer")} reaches you another way, record it yourself; if it is no longer needed, withdraw it."
            + escalation,
            DeadlineLink(deadline)), ownerOrganisationId: deadline.SentByOrganisationId);
    }

    /// <summary>
    /// The deadline was handed to a new owner of the LINk (ADR 12): the new owner hears that they follow it up now, and
    /// that its reminders come to them; the owner before hears who follows it up in their place, while they are still at
    /// the LINk; the organisation that owes the answer (its named contact, or with none its editors) hears who the LINk's
    /// person for it is now. Neither is told when they are the one who acted (someone taking a deadline over is told nothing; the
    /// owner before is). For information: the reminders, and "My work", ask for the follow-up when it is due.
    /// </summary>
    /// <param name="db">The service's context: the notices are added, not saved.</param>
    /// <param name="actor">Who handed it over (or took it over).</param>
    /// <param name="deadline">The deadline, with its new owner.</param>
    /// <param name="previousOwnerUserId">The account of the owner before.</param>
    /// <param name="previousOwnerName">Their name as the deadline showed it.</param>
    /// <param name="now">The moment of the step (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static async Task DeadlineHandedOverAsync(
        EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, string previousOwnerUserId, string previousOwnerName, DateTimeOffset now, CancellationToken ct = default)
    {
        var names = await db.OrganisationNamesAsync([deadline.ToOrganisationId], ct);
        var to = UntrustedText.Isolate(names.GetValueOrDefault(deadline.ToOrganisationId) ?? Organisation.UnknownName);
        var (subject, newOwner, before) = (UntrustedText.Isolate(deadline.Subject), UntrustedText.Isolate(deadline.OwnerName), UntrustedText.Isolate(previousOwnerName));
        var tookItOver = deadline.OwnerUserId == actor.UserId;
        var what = $"the {Kind(deadline)} \"{subject}\" to {to}, due {UkTime.FormatDate(deadline.DueDate)}";
        await NotifyAsync(db, actor, [], null, deadline.OwnerUserId, now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.DeadlineHandedOver, NeedsAction: false,
            $"Handed to you: {subject}",
            $"{Who(actor)} handed you {what}, which {before} followed up until now. You follow it up for the LINk from now on: "
            + "its reminders, and news of its steps, come to you.",
            DeadlineLink(deadline)), ownerOrganisationId: deadline.SentByOrganisationId);
        await NotifyAsync(db, actor, [], null, previousOwnerUserId, now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.DeadlineHandedOver, NeedsAction: false,
            $"Handed over: {subject}",
            (tookItOver ? $"{Who(actor)} took over {what}" : $"{Who(actor)} handed {what} to {newOwner}")
            + (tookItOver
                ? ". They follow it up for the LINk from now on, and get its reminders in your place."
                : $". {newOwner} follows it up for the LINk from now on, and gets its reminders in your place."),
            DeadlineLink(deadline)), ownerOrganisationId: deadline.SentByOrganisationId);
        // The organisation that owes the answer deals with whoever follows it up: its named contact (or, with none, its
        // editors) learns who that is now.
        await NotifyAsync(db, actor, deadline.ToContactId is null ? [deadline.ToOrganisationId] : [], deadline.ToContactId, null, now, ct, new Notice(
            NotificationCategory.Deadlines, WorkflowEvents.DeadlineHandedOver, NeedsAction: false,
            $"Followed up by {newOwner} now: {subject}",
            $"{Who(actor)} {(tookItOver ? "took over" : $"handed to {newOwner}")} the LINk's follow-up of the {Kind(deadline)} \"{subject}\" "
            + $"(due {UkTime.FormatDate(deadline.DueDate)}), which {before} followed up until now. {newOwner} is the LINk's person for it from now on.",
            DeadlineLink(deadline)));
    }

    private static Task DeadlineNoticeAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, int[] organisations, DateTimeOffset now, CancellationToken ct, Notice notice) =>
        NotifyAsync(db, actor, organisations, deadline.ToContactId, deadline.OwnerUserId, now, ct, notice, ownerOrganisationId: deadline.SentByOrganisationId);

    /// <summary>
    /// A step on an extension that one side took and the other must hear of: <paramref name="notice"/> goes to the side
    /// that did not act (<see cref="OtherSide"/>), with whichever of the named contact (of the organisation it was sent to)
    /// and the owner (of the LINk) is on that side; the one on the acting side, who follows the deadline too, gets
    /// <paramref name="actingSideBody"/> instead, for information.
    /// </summary>
    private static async Task ToEachSideAsync(
        EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct, Notice notice, string actingSideBody)
    {
        var told = OtherSide(actor, deadline);
        var linkTold = told[0] == deadline.SentByOrganisationId;
        await NotifyAsync(db, actor, told, linkTold ? null : deadline.ToContactId, linkTold ? deadline.OwnerUserId : null, now, ct, notice,
            ownerOrganisationId: deadline.SentByOrganisationId);
        await NotifyAsync(db, actor, [], linkTold ? deadline.ToContactId : null, linkTold ? null : deadline.OwnerUserId, now, ct,
            notice with { NeedsAction = false, Body = actingSideBody }, ownerOrganisationId: deadline.SentByOrganisationId);
    }

    /// <summary>The side of a deadline that did not act: the organisation it was sent to when the LINk acted, else the LINk.</summary>
    internal static int[] OtherSide(Actor actor, ResponseDeadline deadline) =>
        actor.OrganisationId == deadline.SentByOrganisationId ? [deadline.ToOrganisationId] : [deadline.SentByOrganisationId];

    private static string Kind(ResponseDeadline deadline) => UntrustedText.Isolate(deadline.KindName.ToLowerInvariant());

    private static PageLink DeadlineLink(ResponseDeadline deadline) => PageLink.Deadline(deadline.Id);
}
