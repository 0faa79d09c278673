using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using static EngagementHub.Core.Notifications.WorkflowNotifications;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// The notices of the LINk's work programme, worded here, next to the issues, and recorded through
/// <see cref="WorkflowNotifications"/>' one mechanism: each method adds the notifications of one step (and the e-mail
/// deliveries of those who chose "immediately") to the caller's DbContext without saving, so the service's own save
/// records them with the change. Pattern: docs/conventions.md, "Notifications".
/// </summary>
/// <remarks>
/// Who raised an issue and how to reach them are read only by the LINk's own people, and notices go to other
/// organisations and out by e-mail: no notice names the referrer or carries their contact, and none quotes the notes of a
/// step (the discussion or the feedback may name them). The panel's reasons are quoted: they are published in the
/// decisions log.
/// </remarks>
public static class WorkProgrammeNotices
{
    /// <summary>
    /// Someone outside the LINk recorded an issue for its programme: the LINk's editors must take it through its steps.
    /// Nobody is told when the LINk's own people record it.
    /// </summary>
    public static Task IssueRaisedAsync(EngagementHubDbContext db, Actor actor, RaisedIssue issue, DateTimeOffset now, CancellationToken ct = default) =>
        actor.OrganisationId == issue.LinkOrganisationId ? Task.CompletedTask : NotifyAsync(db, actor, [issue.LinkOrganisationId], null, null, now, ct, new Notice(
            NotificationCategory.WorkProgramme, WorkflowEvents.IssueRaised, NeedsAction: true,
            $"Issue raised with the LINk: {UntrustedText.Isolate(issue.Title)}",
            $"{Who(actor)} recorded the issue \"{UntrustedText.Isolate(issue.Title)}\", raised on {UkTime.FormatDate(issue.RaisedOn)}, for the LINk's work programme. "
            + "Read who raised it on the issue's page, then take it through the programme's steps.",
            IssueLink(issue)));

    /// <summary>
    /// The panel decided to work with another organisation: that organisation's editors, and the contact named for the
    /// hand-off when they match one of its contacts with an account (by name or e-mail), must take it on.
    /// </summary>
    public static async Task IssueHandedOffAsync(EngagementHubDbContext db, Actor actor, RaisedIssue issue, DateTimeOffset now, CancellationToken ct = default)
    {
        if (issue.PartnerOrganisationId is not { } partner)
        {
            return;
        }

        var named = issue.HandOffContact?.Trim().ToUpperInvariant();
        var contacts = named is null ? [] : await db.Contacts.AsNoTracking().Where(c => c.OrganisationId == partner)
            .Select(c => new { c.Id, c.Name, c.Email }).ToListAsync(ct);
        int? contactId = contacts.FirstOrDefault(c => c.Name.Trim().ToUpperInvariant() == named || AccountAddress.Same(c.Email, issue.HandOffContact))?.Id;
        await NotifyAsync(db, actor, [partner], contactId, null, now, ct, new Notice(
            NotificationCategory.WorkProgramme, WorkflowEvents.IssueHandedOff, NeedsAction: true,
            $"Issue handed to your organisation: {UntrustedText.Isolate(issue.Title)}",
            $"{Who(actor)} recorded that the LINk's issues panel decided on {UkTime.FormatDate(issue.DecidedOn!.Value)} to work with your organisation on "
            + $"\"{UntrustedText.Isolate(issue.Title)}\", with {UntrustedText.Isolate(issue.HandOffContact ?? "")} as the contact there. "
            + $"The panel's reasons: \"{Reasons(issue)}\". Get in touch with the LINk to agree how you take it on.",
            IssueLink(issue)));
    }

    /// <summary>
    /// The panel decided an issue that was raised through an organisation outside the LINk: that organisation's editors,
    /// and the person who recorded it while they are still one of its people, should know what became of it. The
    /// organisation is the one it was raised through when it was recorded, never the one the recorder has since been moved
    /// to. An organisation the outcome's own record already told (the deadline it was referred with, the consultation it
    /// is to lead, the hand-off) is not told twice; the person who recorded it still is.
    /// </summary>
    public static async Task IssueDecidedAsync(EngagementHubDbContext db, Actor actor, RaisedIssue issue, DateTimeOffset now, CancellationToken ct = default)
    {
        if (RaisedOutsideTheLink(issue) is not { } raisedThrough)
        {
            return;
        }

        var toldOfItsOutcome = issue.Outcome is PanelOutcome.ReferToProviderOrCommissioner or PanelOutcome.FurtherConsultation or PanelOutcome.WorkWithAnotherOrganisation
            ? issue.PartnerOrganisationId
            : null;
        await NotifyAsync(db, actor, raisedThrough == toldOfItsOutcome ? [] : [raisedThrough], null, issue.RecordedByUserId, now, ct, new Notice(
            NotificationCategory.WorkProgramme, WorkflowEvents.IssueDecided, NeedsAction: false,
            $"Panel decided: {UntrustedText.Isolate(issue.Title)}",
            $"{Who(actor)} recorded the decision of the LINk's issues panel on {UkTime.FormatDate(issue.DecidedOn!.Value)} on \"{UntrustedText.Isolate(issue.Title)}\", "
            + $"which was raised through your organisation: {issue.Outcome!.Value.Label().ToLowerInvariant()}. The panel's reasons: \"{Reasons(issue)}\". "
            + "The issue's page shows what follows; nothing is needed from you.",
            IssueLink(issue)), ownerOrganisationId: raisedThrough);
    }

    /// <summary>
    /// The LINk told the referrer the panel's decision, which closes the issue: the organisation outside the LINk it was
    /// raised through (and the person who recorded it while they are still one of its people), and the organisation the
    /// issue was referred or handed to, should know. The feedback's notes are not quoted: they may name the referrer.
    /// </summary>
    public static async Task IssueFeedbackGivenAsync(EngagementHubDbContext db, Actor actor, RaisedIssue issue, DateTimeOffset now, CancellationToken ct = default)
    {
        var raisedThrough = RaisedOutsideTheLink(issue);
        int[] organisations = [.. new[] { raisedThrough, issue.PartnerOrganisationId }.OfType<int>().Where(id => id != issue.LinkOrganisationId).Distinct()];
        if (organisations.Length == 0)
        {
            return;
        }

        await NotifyAsync(db, actor, organisations, null, raisedThrough is null ? null : issue.RecordedByUserId, now, ct, new Notice(
            NotificationCategory.WorkProgramme, WorkflowEvents.IssueFeedbackGiven, NeedsAction: false,
            $"Issue closed: {UntrustedText.Isolate(issue.Title)}",
            $"{Who(actor)} recorded on {UkTime.FormatDate(issue.FeedbackGivenOn!.Value)} that whoever raised \"{UntrustedText.Isolate(issue.Title)}\" has been told "
            + $"the panel's decision ({issue.Outcome?.Label().ToLowerInvariant() ?? "decided"}), which closes the issue on the LINk's work programme. "
            + "A deadline, exercise or hand-off that came of it goes on as before.",
            IssueLink(issue)), ownerOrganisationId: raisedThrough);
    }

    /// <summary>
    /// The referrer of an issue is owed feedback on the panel's decision, soon, today or already late: the LINk's
    /// people hear of it (<see cref="FeedbackReminders"/>). Never names the referrer.
    /// </summary>
    public static Task IssueFeedbackDueAsync(EngagementHubDbContext db, RaisedIssue issue, string when, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, Actor.System, [issue.LinkOrganisationId], null, null, now, ct, new Notice(
            NotificationCategory.WorkProgramme, WorkflowEvents.IssueFeedbackDue, NeedsAction: true,
            $"Feedback {when}: {UntrustedText.Isolate(issue.Title)}",
            $"The person who raised \"{UntrustedText.Isolate(issue.Title)}\" is owed feedback on the panel's decision by "
            + $"{UkTime.FormatDate(issue.FeedbackDue!.Value)}. Tell them the decision and its reasons, then record it on the issue.",
            IssueLink(issue)));

    /// <summary>
    /// A bank holiday change moved when feedback is owed to the people who raised issues (<see cref="FeedbackDueDates"/>):
    /// nobody acted on the issues, so the LINk's people, who owe the feedback, are told, each issue saying what moved and
    /// why (its <see cref="RaisedIssue.FeedbackDueNote"/>). Never names the referrer.
    /// </summary>
    public static async Task FeedbackDueDatesMovedAsync(EngagementHubDbContext db, Actor actor, IReadOnlyList<RaisedIssue> moved, DateTimeOffset now, CancellationToken ct = default)
    {
        foreach (var issue in moved)
        {
            await NotifyAsync(db, actor, [issue.LinkOrganisationId], null, null, now, ct, new Notice(
                NotificationCategory.WorkProgramme, WorkflowEvents.FeedbackDueMoved, NeedsAction: false,
                $"Feedback due date moved: {UntrustedText.Isolate(issue.Title)}",
                issue.FeedbackDueNote ?? $"Feedback is now due by {UkTime.FormatDate(issue.FeedbackDue!.Value)}.",
                IssueLink(issue)));
        }
    }

    /// <returns>The organisation the issue was raised through, as stored when it was recorded, when that is not the
    /// issue's LINk; null when it is, or when it is not known (an issue from before it was kept whose recorder's account
    /// was already gone). Never the recorder's organisation now: an administrator may have moved them since.</returns>
    /// <summary>
    /// The organisation the panel handed an issue to was deactivated before the LINk told the person who raised it: its
    /// people can no longer sign in, so the hand-off can no longer be agreed with it in the app. The LINk's editors are
    /// told, for information, so that what they tell the person who raised it is true; the feedback is still theirs to give.
    /// </summary>
    public static Task PartnerDeactivatedAsync(EngagementHubDbContext db, Actor actor, RaisedIssue issue, string partnerName, DateTimeOffset now, CancellationToken ct = default)
    {
        var (title, name) = (UntrustedText.Isolate(issue.Title), UntrustedText.Isolate(partnerName));
        return NotifyAsync(db, actor, [issue.LinkOrganisationId], null, null, now, ct, new Notice(
            NotificationCategory.WorkProgramme, WorkflowEvents.IssuePartnerDeactivated, NeedsAction: false,
            $"Issue handed to a deactivated organisation: {title}",
            $"{Who(actor)} deactivated {name}, which the LINk's issues panel decided on {UkTime.FormatDate(issue.DecidedOn!.Value)} to work with on \"{title}\". "
            + $"Its people can no longer sign in, so how {name} takes it on can no longer be agreed in the app. "
            + "Bear this in mind when you tell the person who raised it what the panel decided.",
            IssueLink(issue)));
    }

    /// <summary>
    /// The LINk whose work programme holds an issue raised through another organisation was deactivated before it told
    /// the person who raised it what became of it: that organisation (and the person who recorded it, while still one of
    /// its people) is told, for information, that the issue will go no further in the app.
    /// </summary>
    public static Task LinkDeactivatedAsync(EngagementHubDbContext db, Actor actor, RaisedIssue issue, string linkName, DateTimeOffset now, CancellationToken ct = default)
    {
        if (RaisedOutsideTheLink(issue) is not { } raisedThrough)
        {
            return Task.CompletedTask;
        }

        var (title, name) = (UntrustedText.Isolate(issue.Title), UntrustedText.Isolate(linkName));
        return NotifyAsync(db, actor, [raisedThrough], null, issue.RecordedByUserId, now, ct, new Notice(
            NotificationCategory.WorkProgramme, WorkflowEvents.IssueLinkDeactivated, NeedsAction: false,
            $"LINk deactivated: {title}",
            $"{Who(actor)} deactivated {name}, whose work programme held \"{title}\", raised through your organisation on {UkTime.FormatDate(issue.RaisedOn)}, "
            + (issue.Step == IssueStep.Decided
                ? $"before it told the person who raised it what its panel decided ({issue.Outcome?.Label().ToLowerInvariant() ?? "decided"}). "
                : $"before its panel decided it (last step: {issue.Step.Label().ToLowerInvariant()}). ")
            + $"Its people can no longer sign in, so the issue will go no further in the app unless an administrator reactivates {name}.",
            IssueLink(issue)), ownerOrganisationId: raisedThrough);
    }

    private static int? RaisedOutsideTheLink(RaisedIssue issue) =>
        issue.RaisedThroughOrganisationId == issue.LinkOrganisationId ? null : issue.RaisedThroughOrganisationId;

    private static string Reasons(RaisedIssue issue) => UntrustedText.Isolate(InputValidation.Shorten(issue.DecisionReasons ?? "", 300));

    private static PageLink IssueLink(RaisedIssue issue) => PageLink.RaisedIssue(issue.Id);
}
