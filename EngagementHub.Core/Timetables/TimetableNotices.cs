using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using static EngagementHub.Core.Notifications.WorkflowNotifications;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// The notices of the annual timetable's agreement and of its changes, worded here, next to the timetables, and recorded
/// through <see cref="WorkflowNotifications"/>' one mechanism: each method adds the notifications of one step (and the
/// e-mail deliveries of those who chose "immediately") to the caller's DbContext without saving, so the service's own
/// save records them with the change. Pattern: docs/conventions.md, "Notifications".
/// </summary>
public static class TimetableNotices
{
    /// <summary>
    /// A year was proposed: every other taking-part organisation must agree it or ask for changes. A year proposed again
    /// points them to the changes noted since its last proposal (while it was out for agreement, back with its proposer
    /// or agreed), so nobody agrees it without seeing that a date moved (ADR 7).
    /// </summary>
    /// <param name="db">The service's context; the notices are added, not saved, and go with the proposal's own save.</param>
    /// <param name="actor">The person who proposed it, who is not told.</param>
    /// <param name="timetable">The year as proposed.</param>
    /// <param name="changesSinceLastProposal">How many changes its change log holds since the proposal before this one; 0 for a first proposal.</param>
    /// <param name="now">The moment of the proposal (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static Task TimetableProposedAsync(
        EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, int changesSinceLastProposal, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, [.. timetable.ParticipantIds.Where(id => id != timetable.ProposedByOrganisationId)], null, null, now, ct, new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableProposed, NeedsAction: true,
            $"Timetable {timetable.FinancialYear.Label} proposed for agreement",
            $"{Who(actor)} proposed the {timetable.FinancialYear.Label} partnership timetable for agreement"
            + UntrustedText.QuotedSentenceEnd(timetable.ProposalNote)
            + " Check your organisation's events, then agree it or ask for changes."
            + (changesSinceLastProposal > 0
                ? $" Its change log lists {Counted.Of(changesSinceLastProposal, "change")} since it was last proposed: read {(changesSinceLastProposal == 1 ? "it" : "them")} before you agree."
                : ""),
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
            $"Timetable {label} agreed by {(actor.OrganisationName is { } organisation ? UntrustedText.Isolate(organisation) : "a partner")}",
            $"{Who(actor)} agreed the {label} timetable. Still waiting for {Counted.Of(waiting, "organisation")} to agree.",
            TimetableLink(timetable)));
    }

    /// <summary>
    /// A taking-part organisation sent the proposal back: the proposer must change and propose again, and every other
    /// partner of the round is told that the round is void, so an agreement it gave no longer counts and none is awaited.
    /// The notices quote the comment as typed, not <see cref="AnnualTimetable.ChangesRequested"/>, which begins with the
    /// asker's name that the notice already gives.
    /// </summary>
    public static async Task TimetableChangesRequestedAsync(EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, string comment, DateTimeOffset now, CancellationToken ct = default)
    {
        var label = timetable.FinancialYear.Label;
        var proposer = timetable.ProposedByOrganisationId;
        await NotifyAsync(db, actor, proposer is { } by ? [by] : [], null, null, now, ct, new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableChangesRequested, NeedsAction: BackWithTheProposerAsks(timetable, now),
            $"Changes asked to timetable {label}",
            $"{Who(actor)} asked for changes to the {label} timetable{UntrustedText.QuotedSentenceEnd(comment)} Make the changes, then propose it again.",
            TimetableLink(timetable)));
        await NotifyAsync(db, actor, [.. timetable.ParticipantIds.Where(id => id != proposer && id != actor.OrganisationId)], null, null, now, ct, new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableChangesRequested, NeedsAction: false,
            $"Timetable {label} sent back for changes",
            $"{Who(actor)} asked for changes to the {label} timetable that was out for agreement{UntrustedText.QuotedSentenceEnd(comment)} "
            + "Agreements given to that proposal no longer count and none is awaited from you now; you will be asked to agree the year again once it is proposed again.",
            TimetableLink(timetable)));
    }

    /// <summary>
    /// An event changed in a year that was agreed, out for agreement or back with its proposer: the other taking-part organisations are told of
    /// every change, since any of them may move a decision the LINk's input has to land before (the study's "often just
    /// ahead of commissioners' agendas"). A change asks a partner to act (check it and record it as checked, or propose the
    /// year again) when it had nothing left to check; one with changes still to check is only told. One that voids a round out for
    /// agreement asks only the proposer, to whom the year goes back; the others have nothing to agree until it is proposed
    /// again. One made while the year, never agreed, is back with its proposer tells only the proposer. Anyone who finds
    /// that too many can take the timetable's notices as a daily or weekly digest.
    /// </summary>
    /// <param name="db">The service's context; the notices are added, not saved, and go with the change's own save.</param>
    /// <param name="actor">The person who changed the event, who is not told.</param>
    /// <param name="timetable">The year as it is after the change.</param>
    /// <param name="wasProposed">The year was out for agreement before this change.</param>
    /// <param name="wasChanged">The year was already flagged as changed since agreement before this change.</param>
    /// <param name="summary">The change in a sentence, as the year's change log words it.</param>
    /// <param name="now">The moment of the change (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static async Task TimetableChangedAsync(
        EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, bool wasProposed, bool wasChanged, string summary, DateTimeOffset now, CancellationToken ct = default)
    {
        var label = timetable.FinancialYear.Label;
        int[] others = [.. timetable.ParticipantIds.Where(id => id != actor.OrganisationId)];
        if (wasProposed)
        {
            // The round is void and the year is back with its proposer, who proposes it again (its "My work" lists it);
            // the other partners have nothing to agree until then.
            var proposer = timetable.ProposedByOrganisationId;
            var notice = new Notice(NotificationCategory.Timetable, WorkflowEvents.TimetableChangedSinceAgreement, NeedsAction: false,
                $"Timetable {label} changed while out for agreement",
                $"{Who(actor)} changed the {label} timetable while it was out for agreement: {summary} The proposal no longer stands; ", TimetableLink(timetable));
            await NotifyAsync(db, actor, [.. others.Where(id => id == proposer)], null, null, now, ct,
                notice with { NeedsAction = BackWithTheProposerAsks(timetable, now), Body = notice.Body + "check the change, then propose the year again." });
            await NotifyAsync(db, actor, [.. others.Where(id => id != proposer)], null, null, now, ct,
                notice with { Body = notice.Body + "nothing is needed from you until the year is proposed again." });
            return;
        }

        if (!timetable.ChangedSinceAgreement)
        {
            // Back with its proposer and never agreed: the proposer, who is to propose it again, is told; the other
            // partners have nothing to act on until then, and the proposal points them to the change log.
            if (timetable.Status == TimetableStatus.Draft && !timetable.NeverProposed)
            {
                await NotifyAsync(db, actor, [.. others.Where(id => id == timetable.ProposedByOrganisationId)], null, null, now, ct, new Notice(
                    NotificationCategory.Timetable, WorkflowEvents.TimetableChangedSinceAgreement, NeedsAction: false,
                    $"Timetable {label} changed while back with you",
                    $"{Who(actor)} changed the {label} timetable while it is back with your organisation to be proposed again: {summary} "
                    + "It is in the year's change log, to which the partners are pointed when you propose it again.",
                    TimetableLink(timetable)));
            }

            return;
        }

        // A change asks a partner to check it when it brings the year onto the partner's "My work": the partner had
        // nothing left to check before it (the first change since agreement, or every earlier one recorded as checked).
        // One with changes still to check has the year there already, and a year back with its proposer waits on the
        // proposer alone (AnnualTimetable.ChangesToCheckFor): both are told. The loaded year holds its changes and checks
        // (TimetableChangeLog), and this change unsaved (id 0).
        var changed = new Notice(
            NotificationCategory.Timetable, WorkflowEvents.TimetableChangedSinceAgreement, NeedsAction: false,
            !wasChanged ? $"Timetable {label} changed since agreement" : $"Timetable {label} changed again",
            $"{Who(actor)} changed the {label} timetable: {summary} ", TimetableLink(timetable));
        var today = UkTime.Today(now);
        var asked = others.Where(id => timetable.ChangesToCheckFor(id, today).ToList() is { Count: > 0 } toCheck && toCheck.All(c => c.Id == 0)).ToHashSet();
        await NotifyAsync(db, actor, [.. asked], null, null, now, ct, changed with
        {
            NeedsAction = true,
            Body = changed.Body + "Check the change, then record it as checked, or propose the year again for agreement.",
        });
        await NotifyAsync(db, actor, [.. others.Where(id => !asked.Contains(id))], null, null, now, ct,
            changed with { Body = changed.Body + "The year's other changes since agreement are listed with it." });
    }

    /// <summary>
    /// An organisation the round awaited was deactivated and left it (<see cref="AnnualTimetable.LeaveRound"/>). When that
    /// completed the round, every taking-part organisation hears the year is agreed and published, as from a last
    /// agreement; when others are still to agree, the proposer and the remaining partners hear that it is no longer
    /// asked; when only the proposer is left, the proposer must propose the year again with others. The deactivated
    /// organisation's people are told nothing (<see cref="NotificationRecipients"/>).
    /// </summary>
    /// <param name="db">The deactivation's context; the notices are added, not saved, and go with its save.</param>
    /// <param name="actor">The administrator who deactivated the organisation, who is not told.</param>
    /// <param name="timetable">The year as it is after the organisation left.</param>
    /// <param name="left">What became of the round.</param>
    /// <param name="organisationName">The deactivated organisation's name.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static Task OrganisationLeftRoundAsync(
        EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, RoundLeaving left, string organisationName, DateTimeOffset now, CancellationToken ct = default)
    {
        var label = timetable.FinancialYear.Label;
        var name = UntrustedText.Isolate(organisationName);
        var deactivated = $"{Who(actor)} deactivated {name} before it agreed the {label} timetable, so it is no longer asked to agree it";
        return left switch
        {
            RoundLeaving.AgreedByAll => NotifyAsync(db, actor, [.. timetable.ParticipantIds], null, null, now, ct, new Notice(
                NotificationCategory.Timetable, WorkflowEvents.TimetableAgreedByAll, NeedsAction: false,
                $"Timetable {label} agreed by all",
                $"{deactivated}. Every other taking-part organisation had agreed: the {label} timetable is agreed and published. "
                + "Plan your engagement against it.",
                TimetableLink(timetable))),
            RoundLeaving.StillWaiting => NotifyAsync(db, actor, [.. timetable.ParticipantIds], null, null, now, ct, new Notice(
                NotificationCategory.Timetable, WorkflowEvents.TimetableParticipantLeft, NeedsAction: false,
                $"Timetable {label}: {name} no longer asked to agree",
                $"{deactivated}. Still waiting for {Counted.Of(timetable.AwaitingAgreementFrom.Count(), "organisation")} to agree.",
                TimetableLink(timetable))),
            RoundLeaving.RoundEnded => NotifyAsync(db, actor, timetable.ProposedByOrganisationId is { } by ? [by] : [], null, null, now, ct, new Notice(
                NotificationCategory.Timetable, WorkflowEvents.TimetableParticipantLeft, NeedsAction: BackWithTheProposerAsks(timetable, now),
                $"Timetable {label} back with you: {name} no longer asked to agree",
                $"{deactivated}, and no other organisation was left to agree it: the proposal no longer stands. "
                + "Choose the organisations to agree it with and propose it again.",
                TimetableLink(timetable))),
            _ => Task.CompletedTask,
        };
    }

    private static PageLink TimetableLink(AnnualTimetable timetable) => PageLink.Timetable(timetable.FinancialYear);

    /// <summary>
    /// A year back with its proposer, to change and propose again, asks the proposer to act while the year is still to
    /// come or under way: "My work" lists it until then, and a year that is over is not agreed again (it is told).
    /// </summary>
    private static bool BackWithTheProposerAsks(AnnualTimetable timetable, DateTimeOffset now) => !timetable.IsOver(UkTime.Today(now));
}
