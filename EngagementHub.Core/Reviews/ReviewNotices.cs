using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using static EngagementHub.Core.Notifications.WorkflowNotifications;

namespace EngagementHub.Core.Reviews;

/// <summary>
/// The notices of each step of a joint success-criteria review, worded here, next to the reviews, and recorded through
/// <see cref="WorkflowNotifications"/>' one mechanism: each method adds the notifications of one step (and the e-mail
/// deliveries of those who chose "immediately") to the caller's DbContext without saving, so the service's own save
/// records them with the change. Pattern: docs/conventions.md, "Notifications".
/// </summary>
/// <remarks>
/// A side of a round is the LINk, or the commissioner reviewed (every active commissioner when the round is with all).
/// Until both sides have submitted, neither sees the other's ratings: no notice quotes a rating or a comment, and a notice
/// before then links to the round's own page, which shows each reader only their side's.
/// </remarks>
public static class ReviewNotices
{
    /// <summary>
    /// A round was opened: every organisation in it other than the opener's must rate both sides' criteria by the closing
    /// date (for a round with all commissioners, the other commissioners rate with the opener).
    /// </summary>
    public static async Task RoundOpenedAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, DateTimeOffset now, CancellationToken ct = default)
    {
        int[] others = [.. (await SideAsync(db, round, ReviewSide.Link, ct)).Concat(await SideAsync(db, round, ReviewSide.Commissioners, ct))
            .Where(id => id != actor.OrganisationId).Distinct()];
        await NotifyAsync(db, actor, others, null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewOpened, NeedsAction: true,
            $"Joint review {round.FinancialYear.Label} opened",
            $"{Who(actor)} opened {await NameAsync(db, round, ct)}. Rate both sides' success criteria and submit by {UkTime.FormatDate(round.ClosesOn)}; "
            + "each side's ratings stay hidden from the other until both have submitted.",
            PageLink.Review(round.Id)));
    }

    /// <summary>
    /// One side submitted its ratings. While the other has not, it is told it is its turn, without the ratings (they stay
    /// hidden from it until it submits its own); when that was the second side, both sides are told the meeting is ready.
    /// </summary>
    public static async Task RatingsSubmittedAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide side, DateTimeOffset now, CancellationToken ct = default)
    {
        var name = await NameAsync(db, round, ct);
        if (round.BothSubmitted)
        {
            int[] everyone = [.. (await SideAsync(db, round, ReviewSide.Link, ct)).Concat(await SideAsync(db, round, ReviewSide.Commissioners, ct)).Distinct()];
            await NotifyAsync(db, actor, everyone, null, null, now, ct, new Notice(
                NotificationCategory.Reviews, WorkflowEvents.ReviewMeetingReady, NeedsAction: true,
                $"Joint review {round.FinancialYear.Label}: both sides have submitted",
                $"{Who(actor)} submitted the {SideName(side)} ratings for {name}, so both sides have now submitted. Each side's ratings are open to the other: "
                + "meet, agree a rating for each criterion, starting with those rated furthest apart, and the actions that follow.",
                PageLink.ReviewMeeting(round.Id)));
            return;
        }

        await NotifyAsync(db, actor, await SideAsync(db, round, Other(side), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewRatingsSubmitted, NeedsAction: true,
            $"Joint review {round.FinancialYear.Label}: the {SideName(side)} ratings are in",
            $"{Who(actor)} submitted the {SideName(side)} ratings for {name}. They stay hidden from your side until it submits its own, "
            + $"which is due by {UkTime.FormatDate(round.ClosesOn)}; the meeting opens once both sides have.",
            PageLink.Review(round.Id)));
    }

    /// <summary>
    /// A rating was agreed at the meeting. The other side is told when that completes the agreement of every criterion,
    /// and when a rating already agreed is changed; the first agreement of each criterion before the last is part of the
    /// meeting both sides hold, and is not told one by one (the notice of the last one links to them all).
    /// </summary>
    /// <param name="db">The service's context; the notices are added, not saved.</param>
    /// <param name="actor">The person who recorded it, who is not told.</param>
    /// <param name="round">The round after the agreement, with its items.</param>
    /// <param name="side">The actor's side; the other one is told.</param>
    /// <param name="item">The criterion agreed.</param>
    /// <param name="before">The rating (and note) agreed for it before, or null for its first agreement.</param>
    /// <param name="allAgreedBefore">Every criterion had an agreed rating before this one was recorded.</param>
    /// <param name="now">The moment of the step (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static async Task RatingAgreedAsync(
        EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide side, ReviewItem item, (ReviewScore Score, string? Note)? before, bool allAgreedBefore,
        DateTimeOffset now, CancellationToken ct = default)
    {
        // A published round changes only while it is reopened for revision, and the public page keeps what was published
        // until both sides agree to publish the revision (ADR 23).
        var published = round.PublishedAt is not null ? " The public page keeps what was published until both sides agree to publish the revision." : "";
        if (!allAgreedBefore && round.Items.All(i => i.AgreedScore is not null))
        {
            await NotifyAsync(db, actor, await SideAsync(db, round, Other(side), ct), null, null, now, ct, new Notice(
                NotificationCategory.Reviews, WorkflowEvents.ReviewRatingsAgreed, NeedsAction: false,
                $"Joint review {round.FinancialYear.Label}: every rating agreed",
                $"{Who(actor)} recorded the last agreed rating for {await NameAsync(db, round, ct)}: {(round.Items.Count == 1 ? "its one criterion now has one" : $"all {round.Items.Count} criteria now have one")}. "
                + "Check them on the meeting page; either side can then publish them." + published,
                PageLink.ReviewMeeting(round.Id)));
            return;
        }

        if (before is not { } earlier || (earlier.Score == item.AgreedScore && earlier.Note == item.AgreedNote))
        {
            return;
        }

        var criterion = UntrustedText.Isolate(
            await db.CriterionWordings.AsNoTracking().Where(w => w.Id == item.WordingId).Select(w => w.Name).FirstOrDefaultAsync(ct) ?? "a criterion");
        var agreed = item.AgreedScore!.Value.Label();
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(side), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewAgreedRatingChanged, NeedsAction: false,
            $"Joint review {round.FinancialYear.Label}: agreed rating of {criterion} changed",
            $"{Who(actor)} changed the agreed rating of \"{criterion}\" in {await NameAsync(db, round, ct)} "
            + (earlier.Score == item.AgreedScore ? $"(still \"{agreed}\")" : $"from \"{earlier.Score.Label()}\" to \"{agreed}\"")
            + UntrustedText.EndSentence(item.AgreedNote is { } note ? $", with the note \"{UntrustedText.Isolate(InputValidation.Shorten(note, 300))}\"" : ", with no note")
            + " If that is not what the two sides agreed, take it up with them." + published,
            PageLink.ReviewMeeting(round.Id)));
    }

    /// <summary>An action was agreed: its owner organisation must carry it out, and the other side of the actor should know of it.</summary>
    public static async Task ActionAddedAsync(
        EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide side, ReviewAction action, DateTimeOffset now, CancellationToken ct = default)
    {
        var name = await NameAsync(db, round, ct);
        var owner = await db.Organisations.AsNoTracking().Where(o => o.Id == action.OwnerOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "an organisation";
        var what = $"\"{UntrustedText.Isolate(InputValidation.Shorten(action.Text, 160))}\"";
        // Actions are agreed at the meeting, which opens once both sides have submitted (ReviewRound.AddAction).
        var link = PageLink.ReviewMeeting(round.Id);
        await NotifyAsync(db, actor, [action.OwnerOrganisationId], null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewActionAdded, NeedsAction: true,
            $"Review action for your organisation, due {UkTime.FormatDate(action.DueOn)}",
            $"{Who(actor)} recorded an action agreed at {name}: your organisation is to {what} by {UkTime.FormatDate(action.DueOn)}"
            + (action.OwnerName is { } person ? $" ({UntrustedText.Isolate(person)})" : "")
            + ". Mark it done on the review's meeting page once it is; you will be reminded as the date comes near.",
            link));
        await NotifyAsync(db, actor, [.. (await SideAsync(db, round, Other(side), ct)).Where(id => id != action.OwnerOrganisationId)], null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewActionAdded, NeedsAction: false,
            $"Review action agreed: {UntrustedText.Isolate(owner)}, due {UkTime.FormatDate(action.DueOn)}",
            $"{Who(actor)} recorded an action agreed at {name}: {UntrustedText.Isolate(owner)} is to {what} by {UkTime.FormatDate(action.DueOn)}. Nothing is needed from you.",
            link));
    }

    /// <summary>The owner marked an agreed action done: the other side of the review should know.</summary>
    public static async Task ActionDoneAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewAction action, DateTimeOffset now, CancellationToken ct = default)
    {
        var ownerSide = action.OwnerOrganisationId == round.LinkOrganisationId ? ReviewSide.Link : ReviewSide.Commissioners;
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(ownerSide), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewActionDone, NeedsAction: false,
            $"Review action done: {UntrustedText.Isolate(InputValidation.Shorten(action.Text, 120))}",
            $"{Who(actor)} marked done the action \"{UntrustedText.Isolate(InputValidation.Shorten(action.Text, 160))}\" agreed at {await NameAsync(db, round, ct)} "
            + $"(due {UkTime.FormatDate(action.DueOn)}).",
            round.BothSubmitted ? PageLink.ReviewMeeting(round.Id) : PageLink.Review(round.Id)));
    }

    /// <summary>One side published the agreed ratings: the other side should know they are now on the public site.</summary>
    public static async Task PublishedAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide side, DateTimeOffset now, CancellationToken ct = default) =>
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(side), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewPublished, NeedsAction: false,
            $"Joint review {round.FinancialYear.Label} published",
            $"{Who(actor)} published the agreed ratings and actions of {await NameAsync(db, round, ct)} on the public site, "
            + "with each side's own comments where that side chose to publish them.",
            PageLink.ReviewMeeting(round.Id)));

    /// <summary>
    /// One side reopened the published round for revision (ADR 23): the other side should know that its agreed ratings and
    /// actions may change again, that the public page now says it is being revised while it keeps what was published, and
    /// that nothing is published again until both sides agree to.
    /// </summary>
    public static async Task ReopenedAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide side, DateTimeOffset now, CancellationToken ct = default) =>
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(side), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewReopened, NeedsAction: false,
            $"Joint review {round.FinancialYear.Label} reopened for revision",
            $"{Who(actor)} reopened {await NameAsync(db, round, ct)}, which was published, for revision, so its agreed ratings and actions may change again "
            + $"on the meeting page. The public page keeps what was published, marked as being revised since {UkTime.Format(now)}; "
            + "the revision is published only once both sides agree to publish it.",
            PageLink.ReviewMeeting(round.Id)));

    /// <summary>
    /// One side agreed to publish the revision of a published round as it stands: the other side is asked to check it on
    /// the meeting page and agree to publish it too, which publishes it; until then the public page keeps what was
    /// published before.
    /// </summary>
    public static async Task RevisionAgreedAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide side, DateTimeOffset now, CancellationToken ct = default) =>
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(side), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewRevisionAgreed, NeedsAction: true,
            $"Joint review {round.FinancialYear.Label}: revision awaiting your side",
            $"{Who(actor)} agreed to publish the revision of {await NameAsync(db, round, ct)} as it stands. Check its agreed ratings and actions "
            + "on the meeting page: publishing them too puts the revision on the public site. Until then the public page keeps what was "
            + "published before, marked as being revised; a change to the revision asks the other side again.",
            PageLink.ReviewMeeting(round.Id)));

    /// <summary>
    /// A change to the revision (an agreed rating or note, an action) set aside a side's agreement to publish it as it stood
    /// (ADR 23): the revision is no longer what that side agreed, so nothing is published until both agree again. The other
    /// side of the person who changed it is told, for information: when it was the side that agreed, that its agreement
    /// no longer stands; when the changer's own side had agreed, that the revision it was asked to agree has changed and its
    /// press now records its agreement rather than publishing.
    /// </summary>
    /// <param name="db">The service's context; the notice is added, not saved.</param>
    /// <param name="actor">The person whose change set the agreement aside, who is not told.</param>
    /// <param name="round">The round after the change.</param>
    /// <param name="side">The actor's side.</param>
    /// <param name="agreedBy">The side whose agreement was set aside.</param>
    /// <param name="change">What changed, e.g. "the agreed rating of \"New faces\"" (names isolated by the caller).</param>
    /// <param name="now">The moment of the change (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    /// <returns>A task that completes once the notice is added.</returns>
    public static async Task RevisionAgreementSetAsideAsync(
        EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide side, ReviewSide agreedBy, string change, DateTimeOffset now, CancellationToken ct = default)
    {
        var when = round.RevisionAgreedAt is { } at ? $" on {UkTime.Format(at)}" : "";
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(side), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewRevisionAgreementSetAside, NeedsAction: false,
            $"Joint review {round.FinancialYear.Label}: agreement to publish the revision set aside",
            agreedBy == side
                ? $"{Who(actor)} changed {change} in the revision of {await NameAsync(db, round, ct)}, after their side had agreed{when} to publish it as it stood. "
                  + "That agreement is set aside, so nothing is published: check the revision on the meeting page; your side's press of publish now records "
                  + "your agreement, and the revision is published once both sides agree to it again."
                : $"{Who(actor)} changed {change} in the revision of {await NameAsync(db, round, ct)}, after your side had agreed{when} to publish it as it stood. "
                  + "Your side's agreement is set aside, so nothing is published: check the revision on the meeting page and agree to publish it again "
                  + "if it is as the two sides agreed. Until then the public page keeps what was published before.",
            PageLink.ReviewMeeting(round.Id)));
    }

    /// <summary>The second side agreed to publish the revision, which is now on the public site: the first side should know.</summary>
    public static async Task RevisionPublishedAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide side, DateTimeOffset now, CancellationToken ct = default) =>
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(side), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewRevisionPublished, NeedsAction: false,
            $"Joint review {round.FinancialYear.Label}: revision published",
            $"{Who(actor)} agreed to publish the revision of {await NameAsync(db, round, ct)} as your side did, so it is now on the public site, "
            + $"updated on {UkTime.Format(now)}.",
            PageLink.ReviewMeeting(round.Id)));

    /// <summary>A review round closes soon: the editors of each side still to submit are reminded to rate.</summary>
    public static Task ClosingAsync(EngagementHubDbContext db, ReviewRound round, int[] organisations, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, Actor.System, organisations, null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewClosing, NeedsAction: true,
            $"Joint review {round.FinancialYear.Label} closes on {UkTime.FormatDate(round.ClosesOn)}",
            $"Your side has not yet submitted its ratings for the {round.FinancialYear.Label} joint review, which closes on "
            + $"{UkTime.FormatDate(round.ClosesOn)}. Rate both sides' criteria and submit, so that the two sides can meet.",
            PageLink.Review(round.Id)));

    /// <summary>An action agreed at a review is due soon, or overdue: its owner organisation's editors are reminded.</summary>
    public static Task ActionDueAsync(EngagementHubDbContext db, ReviewAction action, FinancialYear year, bool overdue, DateTimeOffset now, CancellationToken ct = default) =>
        NotifyAsync(db, Actor.System, [action.OwnerOrganisationId], null, null, now, ct, new Notice(
            NotificationCategory.Reviews, overdue ? WorkflowEvents.ReviewActionOverdue : WorkflowEvents.ReviewActionDue, NeedsAction: true,
            overdue
                ? $"Overdue: review action due {UkTime.FormatDate(action.DueOn)}"
                : $"Review action due on {UkTime.FormatDate(action.DueOn)}",
            $"At the {year.Label} joint review your organisation agreed to \"{UntrustedText.Isolate(InputValidation.Shorten(action.Text, 160))}\" by "
            + $"{UkTime.FormatDate(action.DueOn)}. " + (overdue ? "That date has passed. " : "")
            + "Mark it done on the review's meeting page once it is.",
            PageLink.ReviewMeeting(action.RoundId)));

    /// <summary>
    /// The commissioner of a round with it alone was deactivated before the round was published: its side can no longer
    /// rate, meet or agree ratings in the app, and the LINk is told what it can still do. Before the commissioner's side
    /// submitted, the round cannot go on: the LINk may review the year with the other commissioners in a round with all
    /// of them (<see cref="ReviewService.OpenRoundAsync"/>), or is told that one is open. Once that side had submitted,
    /// the LINk can still submit its own ratings, record the ratings agreed with the commissioner outside the app and
    /// publish them (<see cref="ReviewService.AgreeAsync"/>, <see cref="ReviewService.PublishAsync"/>: either side may),
    /// and is asked to. A round with all commissioners waits on none of them and is not told of.
    /// </summary>
    /// <param name="db">The deactivation's context; the notices are added, not saved, and go with its save.</param>
    /// <param name="actor">The administrator who deactivated the commissioner, who is not told.</param>
    /// <param name="round">The round, not published (the deactivation changes nothing on it).</param>
    /// <param name="commissionerName">The deactivated commissioner's name.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told and of the year's rounds.</param>
    public static async Task CommissionerDeactivatedAsync(
        EngagementHubDbContext db, Actor actor, ReviewRound round, string commissionerName, DateTimeOffset now, CancellationToken ct = default)
    {
        var (label, name, review) = (round.FinancialYear.Label, UntrustedText.Isolate(commissionerName), await NameAsync(db, round, ct));
        var rated = round.CommissionersSubmittedAt is not null;
        string next;
        if (!rated)
        {
            next = await db.ReviewRounds.AnyAsync(r => r.Year == round.Year && r.CommissionerOrganisationId == null, ct)
                ? $"The year can still be reviewed with the other commissioners in the {label} round with {ReviewTerms.AllCommissioners}."
                : $"To review the year with the other commissioners, open a {label} round with {ReviewTerms.AllCommissioners}.";
        }
        else
        {
            next = (round.LinkSubmittedAt is null ? "Your side can still submit its own ratings, then record on the meeting page" : "The meeting page stays open to your side: record there")
                   + $" the ratings agreed with {name} outside the app, and publish them.";
        }

        await NotifyAsync(db, actor, await SideAsync(db, round, ReviewSide.Link, ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewCommissionerDeactivated, NeedsAction: rated,
            $"Joint review {label}: {name} deactivated",
            $"{Who(actor)} deactivated {name} {(rated ? "after its side had submitted its ratings for" : "before its side had submitted its ratings for")} {review}. "
            + $"Its people can no longer sign in, so its side can no longer {(rated ? "meet or agree ratings" : "rate or meet")} in the app"
            + (rated ? ". " : ", and this round cannot go on to its meeting or be published. ")
            + next,
            round.BothSubmitted ? PageLink.ReviewMeeting(round.Id) : PageLink.Review(round.Id)));
    }

    /// <summary>
    /// The LINk of a round was deactivated before the round was published: its side can no longer rate, meet or agree
    /// ratings in the app, and the commissioners' side (the round's commissioner, or every active one) is told what it can
    /// still do. Before the LINk's side submitted, the round cannot go on (<see cref="ReviewRound.CannotGoOn"/>) and
    /// nobody is asked to act. Once it had, the commissioners' side can still submit its own ratings, record the ratings
    /// agreed with the LINk outside the app and publish them (either side may), and is asked to.
    /// </summary>
    /// <param name="db">The deactivation's context; the notices are added, not saved, and go with its save.</param>
    /// <param name="actor">The administrator who deactivated the LINk, who is not told.</param>
    /// <param name="round">The round, not published (the deactivation changes nothing on it).</param>
    /// <param name="linkName">The deactivated LINk's name.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static async Task LinkDeactivatedAsync(
        EngagementHubDbContext db, Actor actor, ReviewRound round, string linkName, DateTimeOffset now, CancellationToken ct = default)
    {
        var (label, name, review) = (round.FinancialYear.Label, UntrustedText.Isolate(linkName), await NameAsync(db, round, ct));
        var rated = round.LinkSubmittedAt is not null;
        await NotifyAsync(db, actor, await SideAsync(db, round, ReviewSide.Commissioners, ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewLinkDeactivated, NeedsAction: rated,
            $"Joint review {label}: {name} deactivated",
            $"{Who(actor)} deactivated {name} {(rated ? "after its side had submitted its ratings for" : "before its side had submitted its ratings for")} {review}. "
            + $"Its people can no longer sign in, so its side can no longer {(rated ? "meet or agree ratings" : "rate or meet")} in the app"
            + (rated
                ? ". " + (round.CommissionersSubmittedAt is null ? "Your side can still submit its own ratings, then record on the meeting page" : "The meeting page stays open to your side: record there")
                  + $" the ratings agreed with {name} outside the app, and publish them."
                : ", and this round cannot go on to its meeting or be published."),
            round.BothSubmitted ? PageLink.ReviewMeeting(round.Id) : PageLink.Review(round.Id)));
    }

    /// <summary>
    /// The organisation that alone made up one side of a published round being revised (its LINk, or the commissioner of a
    /// round with one) was deactivated: it can never agree to publish the revision, which needs both sides, so the
    /// remaining side is told that its own press now publishes the revision alone, once it is as agreed, and that until
    /// then the public page keeps what was published, marked as being revised (ADR 23, "A revision whose other side is
    /// deactivated"). Asks for action: the round is on the remaining side's "My work" until the revision is published.
    /// </summary>
    /// <param name="db">The deactivation's context; the notice is added, not saved, and goes with its save.</param>
    /// <param name="actor">The administrator who deactivated the organisation, who is not told.</param>
    /// <param name="round">The round, published and being revised.</param>
    /// <param name="gone">The side deactivated.</param>
    /// <param name="goneName">The deactivated organisation's name.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    /// <returns>A task that completes once the notice is added.</returns>
    public static async Task RevisionPartnerDeactivatedAsync(
        EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewSide gone, string goneName, DateTimeOffset now, CancellationToken ct = default)
    {
        var name = UntrustedText.Isolate(goneName);
        var agreedByGone = round.RevisionAgreedAsItStands == gone;
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(gone), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewRevisionPartnerDeactivated, NeedsAction: true,
            $"Joint review {round.FinancialYear.Label}: {name} deactivated during its revision",
            $"{Who(actor)} deactivated {name} while {await NameAsync(db, round, ct)} was being revised"
            + (agreedByGone ? ", after it had agreed to publish the revision as it stands. " : ", before it had agreed to publish the revision. ")
            + $"Its people can no longer sign in, so it can no longer agree anything in the app. Your side's press of publish on the meeting "
            + "page now publishes the revision alone: first record there any agreed ratings and actions as agreed with "
            + $"{name} outside the app. Until then the public page keeps what was published, marked as being revised.",
            PageLink.ReviewMeeting(round.Id)));
    }

    /// <summary>
    /// The organisation that owns an action agreed at a review, not yet done, was deactivated: only it could mark the
    /// action done (<see cref="ReviewService.CanCompleteAction"/>), and its reminders (<see cref="ReviewReminders"/>) reach
    /// nobody now, so it stays open unreminded. The other side of the round is told, as it is of an action done.
    /// </summary>
    /// <param name="db">The deactivation's context; the notices are added, not saved, and go with its save.</param>
    /// <param name="actor">The administrator who deactivated the owner, who is not told.</param>
    /// <param name="round">The action's round.</param>
    /// <param name="action">The action, not done.</param>
    /// <param name="ownerName">The deactivated owner's name.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads of who is told.</param>
    public static async Task ActionOwnerDeactivatedAsync(
        EngagementHubDbContext db, Actor actor, ReviewRound round, ReviewAction action, string ownerName, DateTimeOffset now, CancellationToken ct = default)
    {
        var ownerSide = action.OwnerOrganisationId == round.LinkOrganisationId ? ReviewSide.Link : ReviewSide.Commissioners;
        var owner = UntrustedText.Isolate(ownerName);
        await NotifyAsync(db, actor, await SideAsync(db, round, Other(ownerSide), ct), null, null, now, ct, new Notice(
            NotificationCategory.Reviews, WorkflowEvents.ReviewActionOwnerDeactivated, NeedsAction: false,
            $"Review action left open: {UntrustedText.Isolate(InputValidation.Shorten(action.Text, 120))}",
            $"{Who(actor)} deactivated {owner}, which was to \"{UntrustedText.Isolate(InputValidation.Shorten(action.Text, 160))}\" by {UkTime.FormatDate(action.DueOn)}, "
            + $"as agreed at {await NameAsync(db, round, ct)}. Only {owner} could mark it done: it stays open, and nobody is reminded of it any more.",
            round.BothSubmitted ? PageLink.ReviewMeeting(round.Id) : PageLink.Review(round.Id)));
    }

    /// <returns>The organisations of one side of the round: the LINk; the commissioner reviewed, or every active
    /// commissioner when the round is with all (as the closing reminder counts them).</returns>
    internal static async Task<int[]> SideAsync(EngagementHubDbContext db, ReviewRound round, ReviewSide side, CancellationToken ct) =>
        side == ReviewSide.Link ? [round.LinkOrganisationId]
        : round.CommissionerOrganisationId is { } commissioner ? [commissioner]
        : [.. await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Commissioner && o.IsActive).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(ct)];

    private static ReviewSide Other(ReviewSide side) => side == ReviewSide.Link ? ReviewSide.Commissioners : ReviewSide.Link;

    private static string SideName(ReviewSide side) => side == ReviewSide.Link ? "LINk's" : "commissioners'";

    /// <returns>"the 2026/27 joint review between Birmingham LINk and NHS South Birmingham", the names isolated.</returns>
    private static async Task<string> NameAsync(EngagementHubDbContext db, ReviewRound round, CancellationToken ct)
    {
        var names = await db.OrganisationNamesAsync([round.LinkOrganisationId, round.CommissionerOrganisationId ?? round.LinkOrganisationId], ct);
        var commissioners = round.CommissionerOrganisationId is { } id ? UntrustedText.Isolate(names.GetValueOrDefault(id, "the commissioner")) : ReviewTerms.AllCommissioners;
        return $"the {round.FinancialYear.Label} joint review between {UntrustedText.Isolate(names.GetValueOrDefault(round.LinkOrganisationId, "the LINk"))} and {commissioners}";
    }
}
