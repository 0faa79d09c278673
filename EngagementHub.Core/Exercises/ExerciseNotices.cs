using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using static EngagementHub.Core.Notifications.WorkflowNotifications;

namespace EngagementHub.Core.Exercises;

/// <summary>
/// The notices of an exercise's steps and of its joint-working option, worded here, next to the exercises, and recorded
/// through <see cref="WorkflowNotifications"/>' one mechanism: each method adds the notifications of one step (and the
/// e-mail deliveries of those who chose "immediately") to the caller's DbContext without saving, so the service's own
/// save records them with the change. Pattern: docs/conventions.md, "Notifications".
/// </summary>
public static class ExerciseNotices
{
    /// <summary>One side proposed an option: the other side must agree it or ask for a change.</summary>
    public static Task OptionProposedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, JointWorkingProposal proposal, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, [OrganisationOf(exercise, proposal.OtherSide)], null, null, now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.OptionProposed, NeedsAction: true,
            $"Option {proposal.PrimaryOption} proposed for \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} proposed option {proposal.PrimaryOption} ({JointWorkingOptions.Get(proposal.PrimaryOption).Name}) for how you work together on \"{UntrustedText.Isolate(exercise.Title)}\". "
            + "Read their reasons, then agree it or ask for a change.",
            ExerciseLink(exercise)));

    /// <summary>
    /// The other side agreed the proposal: the proposing side should know. Called after the agreement, so the exercise's
    /// state is the one it moved to: a proposed exercise is now agreed (ADR 11, no step left to take); one already
    /// running or reporting carries on.
    /// </summary>
    public static Task OptionAgreedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, JointWorkingProposal proposal, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, [OrganisationOf(exercise, proposal.ProposedBySide)], null, null, now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.OptionAgreed, NeedsAction: false,
            $"Option {proposal.PrimaryOption} agreed for \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} agreed option {proposal.PrimaryOption} for \"{UntrustedText.Isolate(exercise.Title)}\". Both sides have now agreed how you work together"
            + (exercise.State == ExerciseState.Agreed ? ", so the exercise is agreed." : $"; the exercise's state is unchanged ({exercise.State.Label().ToLowerInvariant()})."),
            ExerciseLink(exercise)));

    /// <summary>The other side asked for a change: the proposing side must propose again.</summary>
    public static Task OptionChangeRequestedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, JointWorkingProposal proposal, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, [OrganisationOf(exercise, proposal.ProposedBySide)], null, null, now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.OptionChangeRequested, NeedsAction: true,
            $"Change asked to option {proposal.PrimaryOption} for \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} asked for a change to option {proposal.PrimaryOption} for \"{UntrustedText.Isolate(exercise.Title)}\"" + UntrustedText.QuotedSentenceEnd(proposal.ChangeRequestComment)
            + " Propose an option again with their comment in mind.",
            ExerciseLink(exercise)));

    /// <summary>
    /// An exercise was created: its lead, partners and LINk (other than the creator's organisation) should know. The lead
    /// and the LINk are asked to propose how they work together (either may); a partner, who takes no side in that
    /// agreement, is told.
    /// </summary>
    public static async Task ExerciseCreatedAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, DateTimeOffset now, CancellationToken ct = default)
    {
        var title = $"New exercise: \"{UntrustedText.Isolate(exercise.Title)}\"";
        var added = $"{Who(actor)} added the engagement exercise \"{UntrustedText.Isolate(exercise.Title)}\" ({UkTime.FormatDate(exercise.StartDate)} to {UkTime.FormatDate(exercise.EndDate)}) "
                    + "with your organisation taking part. ";
        int[] sides = [exercise.LeadCommissionerId, exercise.LinkOrganisationId];
        await NotifyAsync(db, actor, [.. Involved(exercise, actor).Intersect(sides)], null, null, now, ct, new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExerciseCreated, NeedsAction: true, title,
            added + "Read it and propose how you will work together.", ExerciseLink(exercise)));
        await NotifyAsync(db, actor, [.. Involved(exercise, actor).Except(sides)], null, null, now, ct, new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExerciseCreated, NeedsAction: false, title,
            added + "The LINk and the lead commissioner agree how they work together on it; nothing is needed from you yet.", ExerciseLink(exercise)));
    }

    /// <summary>
    /// An exercise was edited: its partners' changes are told (<see cref="PartnersChangedAsync"/>), and when its option
    /// had been agreed and something actually changed, the others involved should check the agreement still stands: the
    /// LINk and the lead, who may propose an option again; a partner, which takes no side in the agreement, is only told.
    /// Call before saving (it reads the pending changes).
    /// </summary>
    /// <param name="db">The service's context: the notices are added, not saved.</param>
    /// <param name="actor">Who edited it.</param>
    /// <param name="exercise">The exercise, as it is after the edit.</param>
    /// <param name="partnersBefore">The exercise's partners before the edit.</param>
    /// <param name="now">The moment of the edit (UTC).</param>
    /// <param name="ct">Cancels the look-up of whom to tell.</param>
    public static async Task ExerciseChangedAsync(
        EngagementHubDbContext db, Actor actor, EngagementExercise exercise, IReadOnlyCollection<int> partnersBefore, DateTimeOffset now, CancellationToken ct = default)
    {
        // Whether the edit changed anything, read before the partners' notices are added (they are changes too).
        var edited = db.ChangeTracker.HasChanges();
        var added = await PartnersChangedAsync(db, actor, exercise, partnersBefore, now, ct);
        if (exercise.AgreementStatus != AgreementStatus.Agreed || !edited)
        {
            return;
        }

        var title = UntrustedText.Isolate(exercise.Title);
        int[] sides = [exercise.LeadCommissionerId, exercise.LinkOrganisationId];
        // A partner added by this edit has its own notice, which says what it is taking part in.
        var involved = Involved(exercise, actor).Except(added).ToArray();
        var changed = new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExerciseChangedAfterAgreement, NeedsAction: false,
            $"Agreed exercise changed: \"{title}\"",
            $"{Who(actor)} changed \"{title}\" after its joint-working option was agreed. Check its history; if the agreement no longer fits, propose an option again.",
            ExerciseLink(exercise));
        await NotifyAsync(db, actor, [.. involved.Intersect(sides)], null, null, now, ct, changed);
        await NotifyAsync(db, actor, [.. involved.Except(sides)], null, null, now, ct, changed with
        {
            Body = $"{Who(actor)} changed \"{title}\", in which your organisation takes part, after the LINk and the lead commissioner agreed how they work together. "
                   + "Check its history; nothing is needed from you.",
        });
    }

    /// <summary>
    /// An edit changed an exercise's partners: each organisation added is told it is taking part, as a partner chosen when
    /// the exercise was created is (<see cref="ExerciseCreatedAsync"/>), and each taken off that it no longer is. Neither
    /// is asked to act: a partner takes no side in the joint-working agreement. The lead and the LINk are not partners.
    /// </summary>
    /// <param name="db">The service's context: the notices are added, not saved.</param>
    /// <param name="actor">Who edited it.</param>
    /// <param name="exercise">The exercise, as it is after the edit.</param>
    /// <param name="partnersBefore">The exercise's partners before the edit.</param>
    /// <param name="now">The moment of the edit (UTC).</param>
    /// <param name="ct">Cancels the look-up of whom to tell.</param>
    /// <returns>The organisations added (other than the actor's), told here.</returns>
    public static async Task<int[]> PartnersChangedAsync(
        EngagementHubDbContext db, Actor actor, EngagementExercise exercise, IReadOnlyCollection<int> partnersBefore, DateTimeOffset now, CancellationToken ct = default)
    {
        var title = UntrustedText.Isolate(exercise.Title);
        int[] sides = [exercise.LeadCommissionerId, exercise.LinkOrganisationId];
        var added = exercise.PartnerIds.Except(partnersBefore).Except(sides).Where(id => id != actor.OrganisationId).ToArray();
        var removed = partnersBefore.Except(exercise.PartnerIds).Except(sides).Where(id => id != actor.OrganisationId).ToArray();
        await NotifyAsync(db, actor, added, null, null, now, ct, new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExercisePartnerAdded, NeedsAction: false,
            $"Exercise with your organisation taking part: \"{title}\"",
            $"{Who(actor)} added your organisation as a partner of the engagement exercise \"{title}\" ({UkTime.FormatDate(exercise.StartDate)} to {UkTime.FormatDate(exercise.EndDate)}), "
            + "with your organisation taking part. The LINk and the lead commissioner agree how they work together on it; nothing is needed from you yet.",
            ExerciseLink(exercise)));
        await NotifyAsync(db, actor, removed, null, null, now, ct, new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExercisePartnerRemoved, NeedsAction: false,
            $"No longer a partner: \"{title}\"",
            $"{Who(actor)} took your organisation off the partners of the engagement exercise \"{title}\". It no longer takes part, and nothing more is needed from you.",
            ExerciseLink(exercise)));
        return added;
    }

    /// <summary>
    /// The LINk moved an exercise to another lead commissioner (ADR 0011): both commissioners are told what became of the
    /// joint-working option (<paramref name="option"/>); when it awaits the new lead's agreement, the new lead is asked to
    /// agree it (the previous one only told).
    /// </summary>
    public static async Task ExerciseLeadChangedAsync(
        EngagementHubDbContext db, Actor actor, EngagementExercise exercise, int previousLeadId, OptionOnNewLead option, DateTimeOffset now,
        CancellationToken ct = default)
    {
        var newLeadId = exercise.LeadCommissionerId;
        var names = await db.OrganisationNamesAsync([previousLeadId, newLeadId], ct);
        string Named(int id, string otherwise) => names.TryGetValue(id, out var name) ? UntrustedText.Isolate(name) : otherwise;
        var (from, to) = (Named(previousLeadId, "the previous commissioner"), Named(newLeadId, "another commissioner"));
        var reopened = option is OptionOnNewLead.AgreementReopened or OptionOnNewLead.AwaitsNewLead;
        var notice = new Notice(
            option == OptionOnNewLead.Unchanged ? NotificationCategory.Exercises : NotificationCategory.Agreement, WorkflowEvents.ExerciseLeadChanged, NeedsAction: false,
            $"Exercise moved to {to}: {UntrustedText.Isolate(exercise.Title)}",
            $"{Who(actor)} moved the exercise \"{UntrustedText.Isolate(exercise.Title)}\" from {from} to {to}."
            + option switch
            {
                OptionOnNewLead.AgreementReopened => $" The joint-working option is no longer agreed: what {from} agreed does not bind {to}, so it now awaits {to}'s agreement.",
                OptionOnNewLead.AwaitsNewLead => $" The LINk's proposal of option {exercise.CurrentOption}, which {from} had not agreed, now awaits {to}'s agreement instead.",
                OptionOnNewLead.Withdrawn => $" {from}'s proposal of a joint-working option, which the LINk had not agreed, no longer stands: no option is proposed, and either side may propose one.",
                _ => "",
            },
            ExerciseLink(exercise));
        // Only the new lead is asked to act (to agree the option again); the previous one is told it is no longer theirs.
        await NotifyAsync(db, actor, [previousLeadId], null, null, now, ct, notice);
        await NotifyAsync(db, actor, [newLeadId], null, null, now, ct, notice with { NeedsAction = reopened });
    }

    /// <summary>
    /// An exercise was cancelled: the others involved are told nothing more is needed from them. Its other moves (running,
    /// reporting, closed) are its editors' own housekeeping and notify nobody.
    /// </summary>
    public static Task ExerciseCancelledAsync(EngagementHubDbContext db, Actor actor, EngagementExercise exercise, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, actor, Involved(exercise, actor), null, null, now, ct, new Notice(
            NotificationCategory.Exercises, WorkflowEvents.ExerciseCancelled, NeedsAction: false,
            $"Exercise cancelled: \"{UntrustedText.Isolate(exercise.Title)}\"",
            $"{Who(actor)} cancelled \"{UntrustedText.Isolate(exercise.Title)}\". Nothing more is needed from you for it; linked timetable events stay until their owners change them.",
            ExerciseLink(exercise)));

    /// <summary>
    /// The lead commissioner was deactivated while the exercise's joint-working option still waited on it
    /// (<see cref="EngagementExercise.OptionWaitsOn"/>): the LINk is told that the option can no longer be agreed with it,
    /// and what can be done. On an exercise the LINk proposed, its editors may move it to another lead commissioner or
    /// cancel it (<see cref="ExerciseService.StepsOpenTo"/>), and are asked to; on one the commissioner proposed only the
    /// lead commissioner may, so the LINk is told that nothing can be done with it in the app unless an administrator
    /// reactivates the commissioner. The deactivated organisation's people are told nothing (<see cref="NotificationRecipients"/>).
    /// </summary>
    /// <param name="db">The deactivation's context; the notices are added, not saved, and go with its save.</param>
    /// <param name="actor">The administrator who deactivated the commissioner, who is not told.</param>
    /// <param name="exercise">The exercise, with its proposals, as it stands (the deactivation changes nothing on it).</param>
    /// <param name="commissionerName">The deactivated lead commissioner's name.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static Task LeadDeactivatedAsync(
        EngagementHubDbContext db, Actor actor, EngagementExercise exercise, string commissionerName, DateTimeOffset now, CancellationToken ct = default)
    {
        var (title, name) = (UntrustedText.Isolate(exercise.Title), UntrustedText.Isolate(commissionerName));
        var stood = HowTheOptionStood(exercise, name, toldSide: AgreementSide.Link);
        var movable = exercise.ProposedByLink;
        return NotifyAsync(db, actor, [exercise.LinkOrganisationId], null, null, now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.ExerciseLeadDeactivated, NeedsAction: movable,
            $"Lead commissioner deactivated: \"{title}\"",
            $"{Who(actor)} deactivated {name}, the lead commissioner of \"{title}\", while its joint-working option was not agreed: {stood}. "
            + $"Its people can no longer sign in, so the option can no longer be agreed with {name}. "
            + (movable
                ? "To go on with the exercise, edit it and choose another lead commissioner to agree the option with; if it will not go ahead, cancel it."
                : $"Only the lead commissioner can move or cancel an exercise it proposed, so nothing more can be done with it in the app "
                  + $"unless an administrator reactivates {name}."),
            ExerciseLink(exercise)));
    }

    /// <summary>
    /// The LINk of an exercise was deactivated while its joint-working option waited on the LINk's side
    /// (<see cref="EngagementExercise.OptionWaitsOn"/>): the option can no longer be agreed with it, as its people can no
    /// longer sign in. The lead commissioner is told, for information: nothing more can be agreed in the app unless an
    /// administrator reactivates the LINk, and the lead may cancel an exercise that will not go ahead.
    /// </summary>
    public static Task LinkDeactivatedAsync(
        EngagementHubDbContext db, Actor actor, EngagementExercise exercise, string linkName, DateTimeOffset now, CancellationToken ct = default)
    {
        var (title, name) = (UntrustedText.Isolate(exercise.Title), UntrustedText.Isolate(linkName));
        var stood = HowTheOptionStood(exercise, name, toldSide: AgreementSide.Commissioner);
        return NotifyAsync(db, actor, [exercise.LeadCommissionerId], null, null, now, ct, new Notice(
            NotificationCategory.Agreement, WorkflowEvents.ExerciseLinkDeactivated, NeedsAction: false,
            $"LINk deactivated: \"{title}\"",
            $"{Who(actor)} deactivated {name}, the LINk of \"{title}\", while its joint-working option was not agreed: {stood}. "
            + $"Its people can no longer sign in, so the option can no longer be agreed with {name}, and nothing more can be agreed in the app "
            + $"unless an administrator reactivates it. If the exercise will not go ahead, cancel it.",
            ExerciseLink(exercise)));
    }

    /// <summary>
    /// How an exercise's joint-working option stood when the other side (<paramref name="deactivatedName"/>) was
    /// deactivated, as told to <paramref name="toldSide"/>: awaiting the other's agreement, a change asked by either, or
    /// none proposed.
    /// </summary>
    private static string HowTheOptionStood(EngagementExercise exercise, string deactivatedName, AgreementSide toldSide)
    {
        var proposal = exercise.CurrentProposal;
        return (exercise.AgreementStatus, proposal?.ProposedBySide == toldSide) switch
        {
            (AgreementStatus.AwaitingAgreement, _) => $"option {proposal!.PrimaryOption} was awaiting {deactivatedName}'s agreement",
            (AgreementStatus.ChangeRequested, true) => $"{deactivatedName} had asked for a change to option {proposal!.PrimaryOption}",
            (AgreementStatus.ChangeRequested, false) => $"your side had asked {deactivatedName} for a change to option {proposal!.PrimaryOption}",
            _ => "no option was proposed",
        };
    }

    internal static int OrganisationOf(EngagementExercise exercise, AgreementSide side) =>
        side == AgreementSide.Commissioner ? exercise.LeadCommissionerId : exercise.LinkOrganisationId;

    /// <summary>The organisations taking part in an exercise, other than the one that acted.</summary>
    internal static int[] Involved(EngagementExercise exercise, Actor actor) =>
        [.. exercise.PartnerIds.Append(exercise.LeadCommissionerId).Append(exercise.LinkOrganisationId).Distinct().Where(id => id != actor.OrganisationId)];

    private static PageLink ExerciseLink(EngagementExercise exercise) => PageLink.Exercise(exercise.Id);
}
