using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.Timetables;
using EngagementHub.Core.WorkProgramme;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Home;

/// <summary>One thing waiting on the person's organisation: what it is, what to do next, and where that is done.</summary>
/// <param name="Title">What it is, e.g. the deadline's subject or the exercise's title.</param>
/// <param name="Detail">One line of context: its kind, the other organisation and the date it is due (UK date).</param>
/// <param name="NextStep">What to do next, phrased for this person (an editor's step, or whom a viewer's organisation waits on).</param>
/// <param name="Link">The page where the next step is taken (the web app turns it into an address).</param>
/// <param name="Urgent">Overdue: past the date by which it should have been done.</param>
public sealed record WorkItem(string Title, string Detail, string NextStep, PageLink Link, bool Urgent = false);

/// <summary>A decision coming up that the organisation's engagement should reach, with the ahead-of-the-agenda verdict.</summary>
public sealed record DecisionItem(DecisionOutlook Outlook, string Organisation, string NextStep);

/// <summary>
/// The "my work" home page of one person: what their organisation owes (or, for the LINk, is owed), what awaits its
/// agreement or its proposal, its part in the joint reviews, its work-programme issues, the decisions its engagement
/// should reach, the timetable warnings that concern it, and their unread notifications. Built by
/// <see cref="MyWorkService.ForAsync"/>. Every notice that tells the person their side must act (a notification with
/// <see cref="Notification.NeedsAction"/>) has an item here, on the same page, for as long as the step is not taken.
/// </summary>
/// <param name="OrganisationId">The person's organisation.</param>
/// <param name="OrganisationName">Its name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="CanAct">An editor or admin of the organisation: the one who takes the next steps. A viewer reads them.</param>
/// <param name="IsLink">The organisation is a LINk: deadlines are what it is owed, not what it owes.</param>
/// <param name="Today">The UK calendar date the page was worked out for.</param>
/// <param name="DueSoonDays">How many calendar days ahead count as "due soon".</param>
/// <param name="DecisionWeeks">How many weeks ahead the decisions reach.</param>
/// <param name="Year">The financial year (1 April to 31 March) containing today, whose timetable the warnings read.</param>
/// <param name="Deadlines">Every open deadline the organisation owes, and the accepted recommendations in them whose
/// planned date passed with nothing recorded or that the LINk does not agree were met; for the LINk, the open deadlines
/// it sent that are overdue or due within <paramref name="DueSoonDays"/> (whenever due, those sent to an organisation
/// deactivated since) and the feedback it owes referrers. Overdue first.</param>
/// <param name="OverdueCount">How many of <paramref name="Deadlines"/> are overdue.</param>
/// <param name="Agreements">Exercises awaiting the organisation's agreement or a first proposal (for the LINk, also those it
/// proposed whose lead commissioner was deactivated), extensions awaiting its agreement and those it proposed that can no
/// longer be agreed, timetable years awaiting its
/// agreement, sent back to it as their proposer or changed since agreement by another, and for the LINk, reports whose
/// recommendations await its view.</param>
/// <param name="Reviews">Joint reviews awaiting the organisation's side's ratings or the meeting, and the review actions
/// it owns not yet done.</param>
/// <param name="Programme">For the LINk, its issues the panel has not decided yet; for another organisation, issues the
/// LINk's panel decided to work with it on, until the LINk has told the referrer.</param>
/// <param name="Decisions">Decisions within <paramref name="DecisionWeeks"/> that the organisation's engagement should reach.</param>
/// <param name="Warnings">The timetable's warnings for the year that concern the organisation (late input, decisions without engagement, consultation fatigue, community gaps).</param>
/// <param name="Unread">The newest unread notifications, at most <see cref="MyWorkService.UnreadShown"/>; none addressed
/// under an organisation the person has left (<see cref="Notification.StillTheirs"/>).</param>
/// <param name="UnreadCount">How many unread notifications there are in all, as the bell counts them, so the page can say more exist.</param>
/// <param name="FailedReminders">For an admin, how many e-mails (reminders, notifications, digests) failed and wait to be resent; null for others.</param>
public sealed record MyWork(
    int OrganisationId,
    string OrganisationName,
    OrganisationKind Kind,
    bool CanAct,
    bool IsLink,
    DateOnly Today,
    int DueSoonDays,
    int DecisionWeeks,
    FinancialYear Year,
    IReadOnlyList<WorkItem> Deadlines,
    int OverdueCount,
    IReadOnlyList<WorkItem> Agreements,
    IReadOnlyList<WorkItem> Reviews,
    IReadOnlyList<WorkItem> Programme,
    IReadOnlyList<DecisionItem> Decisions,
    IReadOnlyList<WorkItem> Warnings,
    IReadOnlyList<Notification> Unread,
    int UnreadCount,
    int? FailedReminders);

/// <summary>
/// Reads everything the home page shows for one person, in about twenty small queries on one context (one for each kind
/// of item, none for each item), and phrases each item's
/// next step for that person (an editor is told what to do; a viewer, who their organisation's editors are waiting on).
/// </summary>
/// <remarks>
/// "What changed since my last visit" is the person's unread notifications: read state is already stored per person,
/// so nothing new is recorded on each visit, and reading a notification is what marks it as seen.
/// The verdict on each decision is <see cref="TimetableAnalysis.AheadOfTheAgenda"/>'s and the warnings are
/// <see cref="TimetableAnalysis.Warnings"/>', the same as on the timetable page, narrowed to the organisation.
/// </remarks>
public sealed class MyWorkService(IDbContextFactory<EngagementHubDbContext> dbFactory, TimeProvider clock) : IOutstandingWork
{
    /// <summary>Deadlines due within this many calendar days count as due soon (two working weeks).</summary>
    public const int DueSoonDays = 14;

    /// <summary>How far ahead the decisions reach, as the timetable's "Ahead of the agenda" panel opens.</summary>
    public const int DecisionWeeks = 12;

    /// <summary>At most this many unread notifications are listed (the count says how many there are).</summary>
    public const int UnreadShown = 10;

    /// <inheritdoc/>
    public async Task<IReadOnlySet<string>> StillAskedAsync(string userId, CancellationToken ct = default)
    {
        Actor? person;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            person = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new Actor(u.Id, u.DisplayName, u.OrganisationId, null, u.Role)).FirstOrDefaultAsync(ct);
        }

        return person is not null && await ForAsync(person, ct) is { } work
            ? work.Deadlines.Concat(work.Agreements).Concat(work.Reviews).Concat(work.Programme).Select(i => i.Link.Stored).ToHashSet()
            : new HashSet<string>();
    }

    /// <summary>
    /// Refuses nobody: everyone signed in reads the partnership's plan, and the notifications read are the actor's own.
    /// Throws only what the database throws.
    /// </summary>
    /// <returns>
    /// The person's home page, or null for the system actor or a person whose organisation no longer exists (nothing
    /// is theirs to do).
    /// </returns>
    public async Task<MyWork?> ForAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.IsSystem || actor.OrganisationId is not { } orgId)
        {
            return null;
        }

        var today = UkTime.Today(clock);
        var year = FinancialYear.Containing(today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var directory = await db.Organisations.AsNoTracking()
            .Select(o => new { Organisation = new TimetableOrganisation(o.Id, o.Name, o.ShortName, o.Kind), o.IsActive })
            .ToListAsync(ct);
        var organisations = directory.ToDictionary(o => o.Organisation.Id, o => o.Organisation);
        if (!organisations.TryGetValue(orgId, out var own))
        {
            return null;
        }

        var canAct = OrganisationAccess.CanActFor(actor, orgId);
        var isLink = own.Kind == OrganisationKind.Link;
        var ownName = UntrustedText.Isolate(own.Name);
        // Names are typed by people: isolated, so right-to-left text in one cannot reverse the sentence around it.
        string Name(int id) => UntrustedText.Isolate(organisations.TryGetValue(id, out var o) ? o.Name : $"Organisation {id}");

        // Organisations deactivated since (ADR 7): nothing more can be agreed with them, so what waits on them is listed
        // as what the LINk can still do about it.
        var inactive = directory.Where(o => !o.IsActive).Select(o => o.Organisation.Id).ToList();
        var deadlines = await DeadlinesAsync(db, actor, orgId, isLink, canAct, today, Name, inactive, ct);
        deadlines = [.. deadlines
            .Concat(isLink ? await FeedbackOwedAsync(db, orgId, canAct, today, ct) : await RecommendationsToUpdateAsync(db, orgId, canAct, today, ct))
            .OrderByDescending(d => d.Urgent)];
        // The answers the other side awaits first, then what this side may start: a long list of exercises with no option
        // yet, or of recommendations to judge, does not push an extension or a timetable year down the page.
        var agreements = new List<WorkItem>();
        agreements.AddRange(await ExerciseAgreementsAsync(db, orgId, ownName, canAct, inactive, ct));
        agreements.AddRange(await ExtensionsAsync(db, orgId, ownName, canAct, today, ct));
        agreements.AddRange(await TimetableYearsAsync(db, orgId, ownName, canAct, Name, today, ct));
        if (isLink)
        {
            agreements.AddRange(await ExercisesWithoutTheirLeadAsync(db, orgId, ownName, canAct, Name, inactive, ct));
        }

        agreements.AddRange(await ExercisesAwaitingAProposalAsync(db, orgId, ownName, canAct, Name, inactive, ct));
        if (isLink)
        {
            agreements.AddRange(await RecommendationsToJudgeAsync(db, orgId, ownName, canAct, Name, ct));
        }

        var reviews = await ReviewsAsync(db, orgId, own.Kind, ownName, canAct, today, Name, inactive, ct);
        var programme = isLink ? await IssuesBeforeThePanelAsync(db, orgId, ownName, canAct, ct) : await IssuesHandedToAsync(db, orgId, ownName, canAct, ct);

        // The year's events for the warnings (every one overlapping it, as the timetable's year view reads them), and the
        // decisions of the coming weeks (which may run into next year).
        var until = today.AddDays(DecisionWeeks * 7);
        var (yearStart, yearEnd) = (year.Start, year.End);
        var events = await db.TimetableEvents.AsNoTracking()
            .Where(e => (e.StartDate <= yearEnd && e.EndDate >= yearStart) || (e.Kind == TimetableEventKind.DecisionPoint && e.StartDate >= today && e.StartDate <= until))
            .InDateOrder()
            .ToListAsync(ct);
        var linked = events.SelectMany(e => e.ExerciseIds).Distinct().ToArray();
        var from = year.Start < today.AddYears(-1) ? year.Start : today.AddYears(-1);
        var spans = await TimetableQueries.ExerciseSpansAsync(db, from, until > year.End ? until : year.End, linked, ct);
        var ourExerciseIds = await db.Exercises.AsNoTracking()
            .Where(x => x.LeadCommissionerId == orgId || x.LinkOrganisationId == orgId || x.ProposedByOrganisationId == orgId || x.PartnerIds.Contains(orgId))
            .Select(x => x.Id)
            .ToListAsync(ct);
        var ours = ourExerciseIds.ToHashSet();
        var decisions = TimetableAnalysis.AheadOfTheAgenda(events, spans, today, DecisionWeeks)
            .Where(o => isLink || o.Decision.OrganisationId == orgId || o.Informing.Any(x => ours.Contains(x.Id)))
            .Select(o => new DecisionItem(o, Name(o.Decision.OrganisationId), DecisionStep(o, own.Name, canAct)))
            .ToList();

        var communities = await db.Communities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var localities = organisations.Values.Where(o => o.Kind == OrganisationKind.Locality).ToDictionary(o => o.Id, o => o.Name);
        var yearEvents = events.Where(e => year.Overlaps(e.StartDate, e.EndDate)).ToList();
        var eventOwners = yearEvents.ToDictionary(e => e.Id, e => e.OrganisationId);
        var warnings = TimetableAnalysis.Warnings(year, yearEvents, spans, communities, localities)
            .Where(w => Concerns(w, orgId, isLink, eventOwners, ours))
            .Select(w => Warning(w, year))
            .ToList();

        // As the bell counts them: none addressed under an organisation the person has left since (NotificationCentre).
        var unreadQuery = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId && n.ReadAt == null).Where(Notification.StillTheirs(db));
        var unreadCount = await unreadQuery.CountAsync(ct);
        var unread = unreadCount == 0
            ? []
            : await unreadQuery.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(UnreadShown).ToListAsync(ct);

        int? failed = OrganisationAccess.CanAdminister(actor)
            ? await db.ReminderDeliveries.CountAsync(r => r.Channel == DeliveryChannel.Email && r.Status == DeliveryStatus.Failed, ct)
            : null;

        return new MyWork(orgId, own.Name, own.Kind, canAct, isLink, today, DueSoonDays, DecisionWeeks, year,
            deadlines, deadlines.Count(d => d.Urgent), agreements, reviews, programme, decisions, warnings, unread, unreadCount, failed);
    }

    /// <summary>
    /// For the organisation that must answer, every deadline it owes (<see cref="ResponseDeadline.Open"/>: a referral whose
    /// duty its acknowledgement discharged awaits a follow-up with no due date, so it is not listed as due), and those
    /// escalated to the scrutiny committee unanswered, whose answer is still owed (ADR 12). For the LINk, the open ones
    /// it sent that are overdue or due within <see cref="DueSoonDays"/>, and whenever they are due, those sent to an
    /// organisation deactivated since, which nobody there can answer in the app any more (ADR 12). Overdue first, then by
    /// due date. The LINk's say who follows each up: the person reading, another of its people, or an owner who has left
    /// (disabled, or moved out), whose deadline its editors hand over on its page (ADR 12).
    /// </summary>
    private static async Task<List<WorkItem>> DeadlinesAsync(
        EngagementHubDbContext db, Actor actor, int orgId, bool isLink, bool canAct, DateOnly today, Func<int, string> name, List<int> inactive,
        CancellationToken ct)
    {
        var soon = today.AddDays(DueSoonDays);
        var open = db.Deadlines.AsNoTracking().Where(ResponseDeadline.Open);
        // The LINk's: by due date (the state and due date index), and only when there are any, those to organisations
        // deactivated since (an "or" on them would read every row).
        var owed = isLink
            ? inactive.Count == 0
                ? open.Where(d => d.SentByOrganisationId == orgId && d.DueDate <= soon)
                : open.Where(d => d.SentByOrganisationId == orgId && (d.DueDate <= soon || inactive.Contains(d.ToOrganisationId)))
            : open.Where(d => d.ToOrganisationId == orgId);
        var escalated = isLink ? [] : await RowsAsync(db.Deadlines.AsNoTracking().Where(d => d.ToOrganisationId == orgId && d.State == DeadlineState.Escalated));
        var rows = (await RowsAsync(owed)).Concat(escalated).OrderBy(d => d.DueDate).ThenBy(d => d.Id).ToList();
        // The owners who still follow up the LINk's deadlines: may use the app, and are in it (as the reminder sweep decides).
        var ownerIds = isLink ? rows.Select(d => d.OwnerUserId).Distinct().ToList() : [];
        var following = ownerIds.Count == 0
            ? []
            : (await db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db)).Where(u => ownerIds.Contains(u.Id) && u.OrganisationId == orgId)
                .Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        string FollowedUp(DeadlineRow d) =>
            d.OwnerUserId == actor.UserId ? "; you follow it up"
            : following.Contains(d.OwnerUserId) ? $"; {UntrustedText.Isolate(d.OwnerName)} follows it up"
            : $"; {UntrustedText.Isolate(d.OwnerName)}, who followed it up, has left the LINk" + (canAct ? ": hand it over on its page" : "");
        return [.. rows.Select(d =>
        {
            var overdue = d.DueDate < today;
            var due = DueText(d.DueDate, today);
            var detail = isLink
                ? $"{d.KindName} to {name(d.ToOrganisationId)}, {due}{FollowedUp(d)}"
                : $"{d.KindName} from {name(d.SentByOrganisationId)}, {due}";
            // The organisation's own proposal still waiting on the other side: said here, as nothing else lists it until it
            // can no longer be agreed (then ExtensionsAsync asks for another date). Until it is agreed, the due date stands.
            if (d.ProposalByLink == isLink && d.ProposedDueDate is { } proposed && proposed > today)
            {
                detail += $"; your extension to {Day(proposed)} awaits {(isLink ? name(d.ToOrganisationId) : "the LINk")}'s agreement";
            }

            var step = (isLink, overdue, d.State, canAct) switch
            {
                (true, _, _, true) when inactive.Contains(d.ToOrganisationId) =>
                    $"{name(d.ToOrganisationId)} has been deactivated: if the answer reaches you another way, record it; if it is no longer needed, withdraw it"
                    + (overdue ? "; as it is late, you can also escalate it to the scrutiny committee." : "."),
                (false, _, DeadlineState.Escalated, true) => "Record the answer: it is late, and the LINk has referred it to the scrutiny committee.",
                (true, true, _, true) => $"Chase {name(d.ToOrganisationId)}, or escalate it to the scrutiny committee.",
                (true, false, _, true) => $"Follow it up with {name(d.ToOrganisationId)} before {Day(d.DueDate)}.",
                (true, _, _, false) => $"The LINk's editors follow it up with {name(d.ToOrganisationId)}.",
                // A referral's duty is its acknowledgement, by the due date (ADR 12).
                (false, _, DeadlineState.Awaiting, true) when d.DischargedBy == DutyStep.Acknowledgement =>
                    overdue ? "Acknowledge it: it is late." : $"Acknowledge it by {Day(d.DueDate)}.",
                (false, _, DeadlineState.Awaiting, true) => overdue ? "Acknowledge it and record the answer: it is late." : $"Acknowledge it, then record the answer by {Day(d.DueDate)}.",
                (false, _, _, true) => overdue ? "Record the answer: it is late." : $"Record the answer by {Day(d.DueDate)}.",
                _ => "Your organisation's editors acknowledge and answer it.",
            };
            return new WorkItem(d.Subject, detail, step, PageLink.Deadline(d.Id), overdue);
        })];

        Task<List<DeadlineRow>> RowsAsync(IQueryable<ResponseDeadline> query) =>
            query.Select(d => new DeadlineRow(d.Id, d.Subject, d.KindName, d.State, d.DischargedBy, d.DueDate, d.ToOrganisationId, d.SentByOrganisationId,
                d.OwnerUserId, d.OwnerName, d.ProposedDueDate, d.ProposalByLink)).ToListAsync(ct);
    }

    private sealed record DeadlineRow(
        int Id, string Subject, string KindName, DeadlineState State, DutyStep DischargedBy, DateOnly DueDate, int ToOrganisationId, int SentByOrganisationId,
        string OwnerUserId, string OwnerName, DateOnly? ProposedDueDate, bool? ProposalByLink);

    /// <summary>
    /// The LINk's issues decided by its panel whose referrer has not yet been told, with feedback overdue or due within
    /// <see cref="DueSoonDays"/> (ADR 0022): a date the LINk owes a member of the public, not another organisation.
    /// </summary>
    private static async Task<List<WorkItem>> FeedbackOwedAsync(EngagementHubDbContext db, int linkId, bool canAct, DateOnly today, CancellationToken ct)
    {
        var soon = today.AddDays(DueSoonDays);
        var rows = await db.RaisedIssues.AsNoTracking()
            .Where(i => i.LinkOrganisationId == linkId && i.Step == WorkProgramme.IssueStep.Decided && i.FeedbackDue <= soon)
            .OrderBy(i => i.FeedbackDue).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, Due = i.FeedbackDue!.Value })
            .ToListAsync(ct);
        return [.. rows.Select(i => new WorkItem(i.Title, $"Feedback to the person who raised it, {DueText(i.Due, today)}",
            canAct ? "Tell them the panel's decision and its reasons, then record it." : "The LINk's editors tell them the panel's decision.",
            PageLink.RaisedIssue(i.Id), i.Due < today))];
    }

    /// <summary>
    /// Exercises led by (or run with) the organisation whose joint-working option the other side proposed and this side
    /// has not answered (a lead commissioner's proposal stays the LINk's to answer after the commissioner was deactivated,
    /// ADR 11), and the organisation's own proposals the other side asked to change, except where that other side (the
    /// lead commissioner, or the LINk) was deactivated since (<see cref="ExercisesWithoutTheirLeadAsync"/> lists what the LINk can do then).
    /// Cancelled and closed exercises are left out: their option can no longer change.
    /// </summary>
    private static async Task<List<WorkItem>> ExerciseAgreementsAsync(
        EngagementHubDbContext db, int orgId, string ownName, bool canAct, List<int> inactive, CancellationToken ct)
    {
        var items = new List<WorkItem>();
        var rows = await (from x in db.Exercises.AsNoTracking().Where(EngagementExercise.OptionMayChange)
                          where (x.LeadCommissionerId == orgId || x.LinkOrganisationId == orgId)
                                && (x.AgreementStatus == AgreementStatus.AwaitingAgreement || x.AgreementStatus == AgreementStatus.ChangeRequested)
                          from p in db.JointWorkingProposals
                          where p.ExerciseId == x.Id && (p.Status == ProposalStatus.AwaitingAgreement || p.Status == ProposalStatus.ChangeRequested)
                          orderby p.ProposedAt
                          select new
                          {
                              x.Id, x.Title, x.LeadCommissionerId, x.LinkOrganisationId, p.Status, p.ProposedBySide, p.PrimaryOption,
                              p.ProposedByOrganisation, p.ChangeRequestedBy, p.ChangeRequestComment,
                          })
            .ToListAsync(ct);
        foreach (var r in rows)
        {
            var side = r.LeadCommissionerId == orgId ? AgreementSide.Commissioner : AgreementSide.Link;
            var option = JointWorkingOptions.Get(r.PrimaryOption);
            if (r.Status == ProposalStatus.AwaitingAgreement && r.ProposedBySide != side)
            {
                items.Add(new WorkItem(r.Title, $"{UntrustedText.Isolate(r.ProposedByOrganisation)} proposed {option.Label}: {option.Name}.",
                    canAct ? "Agree the option, or ask for a change." : $"Editors of {ownName} agree it or ask for a change.",
                    PageLink.Exercise(r.Id)));
            }
            // Proposing again is asking the other side to agree: not of a side deactivated since (the lead, or the LINk).
            else if (r.Status == ProposalStatus.ChangeRequested && r.ProposedBySide == side
                     && !inactive.Contains(side == AgreementSide.Commissioner ? r.LinkOrganisationId : r.LeadCommissionerId))
            {
                items.Add(new WorkItem(r.Title, $"{UntrustedText.Isolate(r.ChangeRequestedBy ?? "")} asked for a change to {option.Label}: \"{UntrustedText.Isolate(r.ChangeRequestComment ?? "")}\"",
                    canAct ? "Read the comment and propose the option again." : $"Editors of {ownName} propose the option again.",
                    PageLink.Exercise(r.Id)));
            }
        }

        return items;
    }

    /// <summary>
    /// Exercises led by (or run with) the organisation with no joint-working option proposed yet, which either side
    /// proposes (the notice of a new exercise asks for it), earliest first; not those whose lead commissioner or LINk was
    /// deactivated since, with whom nothing can be agreed. Cancelled and closed exercises are left out.
    /// </summary>
    private static async Task<List<WorkItem>> ExercisesAwaitingAProposalAsync(
        EngagementHubDbContext db, int orgId, string ownName, bool canAct, Func<int, string> name, List<int> inactive, CancellationToken ct)
    {
        var rows = await db.Exercises.AsNoTracking().Where(EngagementExercise.OptionMayChange)
            .Where(x => (x.LeadCommissionerId == orgId || x.LinkOrganisationId == orgId)
                        && !inactive.Contains(x.LeadCommissionerId) && !inactive.Contains(x.LinkOrganisationId)
                        && x.AgreementStatus == AgreementStatus.NoneProposed)
            .OrderBy(x => x.StartDate).ThenBy(x => x.Id)
            .Select(x => new { x.Id, x.Title, x.StartDate, x.EndDate, x.LeadCommissionerId, x.LinkOrganisationId })
            .ToListAsync(ct);
        return [.. rows.Select(x => new WorkItem(x.Title,
            $"No joint-working option proposed yet with {name(x.LeadCommissionerId == orgId ? x.LinkOrganisationId : x.LeadCommissionerId)}; "
            + $"it runs {Day(x.StartDate)} to {Day(x.EndDate)}.",
            canAct ? "Propose how you will work together: one of the six options, with your reasons." : $"Editors of {ownName} or of the other side propose how you will work together.",
            PageLink.Exercise(x.Id)))];
    }

    /// <summary>
    /// For the LINk, the exercises it proposed whose lead commissioner was deactivated while the option still waited on
    /// it (<see cref="EngagementExercise.OptionWaitsOn"/>, the rule of the notice that asks for this): the LINk may move
    /// such an exercise to another lead commissioner (<see cref="ExerciseService.StepsOpenTo"/>) or cancel it. One a
    /// commissioner proposed only its lead may move, so nothing of it is the LINk's to do.
    /// </summary>
    private static async Task<List<WorkItem>> ExercisesWithoutTheirLeadAsync(
        EngagementHubDbContext db, int linkId, string ownName, bool canAct, Func<int, string> name, List<int> inactive, CancellationToken ct)
    {
        if (inactive.Count == 0)
        {
            return [];
        }

        var exercises = await db.Exercises.AsNoTracking().Include(x => x.Proposals).Where(EngagementExercise.OptionMayChange)
            .Where(x => x.LinkOrganisationId == linkId && x.ProposedByOrganisationId == linkId && inactive.Contains(x.LeadCommissionerId)
                        && x.AgreementStatus != AgreementStatus.Agreed)
            .OrderBy(x => x.StartDate).ThenBy(x => x.Id)
            .ToListAsync(ct);
        return [.. exercises.Where(x => x.OptionWaitsOn(AgreementSide.Commissioner)).Select(x => new WorkItem(x.Title,
            $"Its lead commissioner, {name(x.LeadCommissionerId)}, has been deactivated, so the joint-working option can no longer be agreed with it.",
            canAct ? "Edit the exercise and choose another lead commissioner, or cancel it if it will not go ahead." : $"Editors of {ownName} choose another lead commissioner.",
            PageLink.Exercise(x.Id)))];
    }

    /// <summary>
    /// Extensions of open deadlines (<see cref="ResponseDeadline.Open"/>: not a referral its acknowledgement met) proposed
    /// by the other side and not yet agreed: agree it, or decline it with a reason, and then the LINk, which is owed the
    /// answer, keeps the due date; the organisation that owes it, answers by it. A proposal whose date has come
    /// (<paramref name="today"/> or before), or that the bank holidays have made impossible to agree since
    /// (<see cref="ResponseDeadline.ProposalOvertakenOn"/>), can no longer be agreed, so its next step is another date
    /// instead, or declining it (ADR 12). And the organisation's own proposals that can no longer be agreed for those
    /// reasons: the side that proposed it proposes another date, named, or withdraws it; one still agreeable waits on the
    /// other side and is not listed.
    /// </summary>
    private static async Task<List<WorkItem>> ExtensionsAsync(EngagementHubDbContext db, int orgId, string ownName, bool canAct, DateOnly today, CancellationToken ct)
    {
        var rows = await db.Deadlines.AsNoTracking().Where(ResponseDeadline.Open)
            .Where(d => d.ProposedDueDate != null && d.ProposalByLink != null && (d.SentByOrganisationId == orgId || d.ToOrganisationId == orgId))
            .OrderBy(d => d.DueDate).ThenBy(d => d.Id)
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return [];
        }

        var calendar = await BankHolidayCalendar.ReadAsync(db, ct);
        var items = new List<WorkItem>();
        foreach (var d in rows)
        {
            var owesTheAnswer = d.ToOrganisationId == orgId;
            var ours = d.ProposalByLink == !owesTheAnswer;
            var overtaken = d.ProposalOvertakenOn(calendar, today);
            var dateCome = d.ProposedDueDate <= today;
            var keep = owesTheAnswer ? "answer by the due date" : "keep the due date";
            var detail = $"{UntrustedText.Isolate(d.ProposalBy ?? "")} proposed moving the due date from {Day(d.DueDate)} to {Day(d.ProposedDueDate!.Value)}: "
                         + UntrustedText.Isolate(d.ProposalReason ?? "");
            if (ours)
            {
                // Our own proposal waits on the other side until it can no longer be agreed; then it is ours to replace or withdraw.
                if (!dateCome && overtaken is null)
                {
                    continue;
                }

                var whyNot = overtaken?.Reason ?? DeadlineTerms.ProposedDateCome(d.ProposedDueDate!.Value, d.EarliestExtension(today, calendar));
                items.Add(new WorkItem(d.Subject, detail,
                    canAct ? DeadlineTerms.OwnProposalNextStep(whyNot, owesTheAnswer) : $"Editors of {ownName} propose another date or withdraw the proposal.",
                    PageLink.Deadline(d.Id)));
                continue;
            }

            var next = !canAct
                ? dateCome ? $"Editors of {ownName} propose a later date, or decline it and {keep}."
                : overtaken is not null ? $"Editors of {ownName} propose another date, or decline it and {keep}."
                : $"Editors of {ownName} agree the extension, or decline it and {keep}."
                : overtaken is { Reason: var reason } ? $"{reason} Or decline it and {keep}."
                : DeadlineTerms.ExtensionNextStep(owesTheAnswer, proposedDateCome: dateCome);
            items.Add(new WorkItem(d.Subject, detail, next, PageLink.Deadline(d.Id)));
        }

        return items;
    }

    /// <summary>
    /// Timetable years out for agreement that the organisation was asked to agree and has not; and years it proposed that
    /// came back to it unagreed (a partner asked for changes, an event changed while out for agreement, or everyone else
    /// left the round), to change and propose again (<see cref="AnnualTimetable.ChangesRequested"/>); and agreed years it
    /// took part in that changed since, for it to check (ADR 7).
    /// </summary>
    private static async Task<List<WorkItem>> TimetableYearsAsync(
        EngagementHubDbContext db, int orgId, string ownName, bool canAct, Func<int, string> name, DateOnly today, CancellationToken ct)
    {
        var thisYear = FinancialYear.Containing(today).StartYear;
        // A year not out for agreement is read only while still to come or under way (one over is not agreed again), so
        // the lists below need not ask again. Only other organisations' changes are read.
        var years = await db.AnnualTimetables.AsNoTracking().AsSplitQuery()
            .Include(t => t.Agreements).Include(t => t.Changes.Where(c => c.OrganisationId != orgId)).Include(t => t.ChangeChecks.Where(c => c.OrganisationId == orgId))
            .Where(t => t.Status == TimetableStatus.Proposed
                        || (t.Year >= thisYear && ((t.ChangesRequested != null && t.ProposedByOrganisationId == orgId)
                                                   || (t.Status == TimetableStatus.Agreed && t.ChangedSinceAgreement))))
            .OrderBy(t => t.Year)
            .ToListAsync(ct);
        var sentBack = years.Where(t => t.Status != TimetableStatus.Proposed && t.ChangesRequested != null && t.ProposedByOrganisationId == orgId)
            .Select(t => new WorkItem($"The {t.FinancialYear.Label} timetable", $"Back with {ownName}, not agreed. {t.ChangesRequested}",
                canAct ? "Make any changes needed, then propose the year again." : $"Editors of {ownName} make any changes needed and propose the year again.",
                PageLink.Timetable(t.FinancialYear)));
        // An agreed year changed since is no longer the one its partners agreed: each partner another changed it under
        // checks the changes (the notice asks it to), until it records them as checked, or the year is agreed again or
        // is over (AnnualTimetable.ChangesToCheckFor). A year sent back to its proposer waits on the proposer alone.
        var changed = years.Select(t => (Year: t, Count: t.ChangesToCheckFor(orgId, today).Count())).Where(c => c.Count > 0)
            .Select(c => new WorkItem($"The {c.Year.FinancialYear.Label} timetable",
                $"Changed since it was agreed: {Counted.Of(c.Count, "change")} to check, listed with the year.",
                canAct ? "Check the changes, then record them as checked, or propose the year again if they need agreeing." : $"Editors of {ownName} check the changes.",
                PageLink.Timetable(c.Year.FinancialYear)));
        return [.. sentBack, .. changed, .. years
            .Where(t => t.Status == TimetableStatus.Proposed && t.AwaitingAgreementFrom.Contains(orgId))
            .Select(t => new WorkItem($"The {t.FinancialYear.Label} timetable",
                $"Proposed by {(t.ProposedByOrganisationId is { } by ? name(by) : UntrustedText.Isolate(t.ProposedBy ?? ""))}"
                + (t.ProposedAt is { } at ? $" on {Day(UkTime.Today(at))}" : "")
                + $"; {t.AwaitingAgreementFrom.Count()} of {t.ParticipantIds.Count} still to agree.",
                canAct ? "Check your organisation's events, then agree the year or ask for changes." : $"Editors of {ownName} agree the year or ask for changes.",
                PageLink.Timetable(t.FinancialYear)))];
    }

    /// <summary>
    /// Accepted recommendations in what the LINk sent the organisation (withdrawn deadlines left out, as the register
    /// leaves them out, ADR 16): those whose planned date passed with nothing recorded since
    /// (<see cref="Recommendation.PlannedDatePassedWithoutUpdate"/>, the rule of the reminder that asks for an update),
    /// overdue; and those the LINk does not agree have been met, until the organisation records more or the LINk changes
    /// its view.
    /// </summary>
    private static async Task<List<WorkItem>> RecommendationsToUpdateAsync(EngagementHubDbContext db, int orgId, bool canAct, DateOnly today, CancellationToken ct)
    {
        // Two plain joins from the organisation's deadlines (by their index): a union of the two filters first would be
        // joined row by row.
        var owed = db.Deadlines.AsNoTracking().Where(YouSaidWeDidRegister.Listed).Where(d => d.ToOrganisationId == orgId);
        Task<List<RecommendationRow>> RowsAsync(System.Linq.Expressions.Expression<Func<Recommendation, bool>> which) =>
            (from d in owed
             join r in db.Recommendations.AsNoTracking().Where(which) on d.Id equals r.DeadlineId
             orderby r.PlannedDate, r.Id
             select new RecommendationRow(d.Id, d.Subject, r.Number, r.Implementation, r.PlannedDate, r.ImplementationUpdatedAt))
            .ToListAsync(ct);
        var mayBeLate = await RowsAsync(Recommendation.MayBeImplementationOverdueOn(today));
        var disputed = await RowsAsync(Recommendation.DisputedByTheLink);
        var late = mayBeLate.Where(r => Recommendation.PlannedDatePassedWithoutUpdate(r.Implementation, r.PlannedDate, r.ImplementationUpdatedAt, today))
            .Select(r => new WorkItem(r.Subject,
                $"Recommendation {r.Number}: planned for {Day(r.PlannedDate!.Value)}, nothing recorded since",
                canAct ? "Record where it stands: done, still in progress with a new planned date, or dropped with the reason."
                       : "Your organisation's editors record where it stands.",
                PageLink.Deadline(r.DeadlineId), Urgent: true));
        var notMet = disputed.Select(r => new WorkItem(r.Subject,
                $"Recommendation {r.Number}: the LINk does not agree it has been met",
                canAct ? "Read the LINk's reasons, then talk to the LINk, or record what changed since (the LINk is asked again)."
                       : "Your organisation's editors answer the LINk's view.",
                PageLink.Deadline(r.DeadlineId)));
        return [.. late, .. notMet];
    }

    private sealed record RecommendationRow(
        int DeadlineId, string Subject, int Number, ImplementationStatus? Implementation, DateOnly? PlannedDate, DateTimeOffset? ImplementationUpdatedAt);

    /// <summary>
    /// The LINk's reports with recommendations that await its view of whether they were met
    /// (<see cref="Recommendation.AwaitsLinkVerdict"/>, the rule of the notice that asks for it), one item a report (its
    /// page takes each view), the oldest report first.
    /// </summary>
    private static async Task<List<WorkItem>> RecommendationsToJudgeAsync(
        EngagementHubDbContext db, int linkId, string ownName, bool canAct, Func<int, string> name, CancellationToken ct)
    {
        var rows = await (from r in db.Recommendations.AsNoTracking().Where(Recommendation.AwaitingLinkVerdict)
                          join d in db.Deadlines.Where(YouSaidWeDidRegister.Listed) on r.DeadlineId equals d.Id
                          where d.SentByOrganisationId == linkId
                          group r by new { d.Id, d.Subject, d.ToOrganisationId } into report
                          select new { report.Key.Id, report.Key.Subject, report.Key.ToOrganisationId, Count = report.Count(), First = report.Min(r => r.Number), Since = report.Min(r => r.Id) })
            .ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Since).Select(r => new WorkItem(r.Subject,
            r.Count == 1
                ? $"Recommendation {r.First}: recorded done or dropped by {name(r.ToOrganisationId)}"
                : $"{r.Count} recommendations recorded done or dropped by {name(r.ToOrganisationId)}",
            canAct ? $"Say whether the LINk agrees {(r.Count == 1 ? "it has" : "each has")} been met." : $"Editors of {ownName} say whether the LINk agrees it has been met.",
            PageLink.Deadline(r.Id)))];
    }

    /// <summary>
    /// The joint reviews (ADR 23) in which the organisation takes a side (<see cref="ReviewService.SideOf"/>), not yet
    /// published: those awaiting its side's ratings (overdue after the closing date) and those both sides submitted,
    /// awaiting the meeting; then published rounds reopened for revision whose other side agreed to publish the revision as
    /// it stands, or whose other side was deactivated, so that this side's press publishes it alone (ADR 23); then the review actions it owns not yet done, overdue first. A round whose side it is waits
    /// on the other side once it has submitted: nothing is listed then. Copies of a round kept by the upgrade that made
    /// rounds unique are left out.
    /// </summary>
    private static async Task<List<WorkItem>> ReviewsAsync(
        EngagementHubDbContext db, int orgId, OrganisationKind kind, string ownName, bool canAct, DateOnly today, Func<int, string> name, List<int> inactive,
        CancellationToken ct)
    {
        if (kind is not (OrganisationKind.Link or OrganisationKind.Commissioner))
        {
            return [];
        }

        var isCommissioner = kind == OrganisationKind.Commissioner;
        var rounds = await db.ReviewRounds.AsNoTracking()
            .Where(r => r.PublishedAt == null && r.DuplicateOfRoundId == null
                        && (r.LinkOrganisationId == orgId || r.CommissionerOrganisationId == orgId || (isCommissioner && r.CommissionerOrganisationId == null)))
            .OrderBy(r => r.ClosesOn).ThenBy(r => r.Id)
            .ToListAsync(ct);
        string With(ReviewSide side, int linkId, int? commissionerId) =>
            side == ReviewSide.Link ? (commissionerId is { } c ? name(c) : ReviewTerms.AllCommissioners) : name(linkId);
        var items = new List<WorkItem>();
        foreach (var round in rounds)
        {
            if (ReviewService.SideOf(round, orgId, kind) is not { } side)
            {
                continue;
            }

            var title = $"The {round.FinancialYear.Label} joint review with {With(side, round.LinkOrganisationId, round.CommissionerOrganisationId)}";
            if (round.BothSubmitted)
            {
                items.Add(new WorkItem(title, "Both sides have submitted their ratings, so each can read the other's.",
                    canAct ? "Meet, agree a rating for each criterion and the actions that follow, then publish." : $"Editors of {ownName} meet the other side to agree the ratings.",
                    PageLink.ReviewMeeting(round.Id)));
            }
            else if (round.SubmittedAt(side) is null && !round.CannotGoOn(inactive))
            {
                // A round whose LINk, or only commissioner, was deactivated before its side rated cannot go on to its
                // meeting (ADR 23): nothing is left for the other side to rate it for.
                var late = today > round.ClosesOn;
                var other = round.SubmittedAt(side == ReviewSide.Link ? ReviewSide.Commissioners : ReviewSide.Link) is null ? "has not submitted yet" : "has submitted";
                items.Add(new WorkItem(title,
                    $"Ratings {(late ? "closed" : "close")} on {Day(round.ClosesOn)}; the other side {other}.",
                    canAct ? (late ? "Rate both sides' criteria and submit: the closing date has passed." : $"Rate both sides' criteria and submit by {Day(round.ClosesOn)}.")
                           : $"Editors of {ownName} rate the criteria and submit.",
                    PageLink.Review(round.Id), late));
            }
        }

        // A published round reopened for revision, whose other side agreed to publish the revision as it stands, waits on
        // this side's agreement (ADR 23); an agreement the revision has changed since asks nobody. One whose other side is
        // deactivated waits on this side alone, whose press publishes it, agreed or not.
        var revisions = await db.ReviewRounds.AsNoTracking().Include(r => r.Items).Include(r => r.Actions).AsSplitQuery()
            .Where(r => r.RevisingSince != null && (r.RevisionAgreedBy != null || inactive.Contains(r.LinkOrganisationId)
                                                     || (r.CommissionerOrganisationId != null && inactive.Contains(r.CommissionerOrganisationId.Value)))
                        && r.DuplicateOfRoundId == null
                        && (r.LinkOrganisationId == orgId || r.CommissionerOrganisationId == orgId || (isCommissioner && r.CommissionerOrganisationId == null)))
            .OrderBy(r => r.RevisionAgreedAt).ThenBy(r => r.Id)
            .ToListAsync(ct);
        foreach (var round in revisions)
        {
            if (ReviewService.SideOf(round, orgId, kind) is { } alone && round.OtherSideGone(alone, inactive) is { } gone)
            {
                items.Add(new WorkItem($"The {round.FinancialYear.Label} joint review with {With(alone, round.LinkOrganisationId, round.CommissionerOrganisationId)}",
                    $"{name(gone)} was deactivated while the review was being revised, so it can no longer agree to publish the revision; the public page shows it as being revised.",
                    canAct ? "Record the revision as agreed on the meeting page, and publish it: your side's press publishes it alone." : $"Editors of {ownName} publish the revision.",
                    PageLink.ReviewMeeting(round.Id)));
            }
            else if (ReviewService.SideOf(round, orgId, kind) is { } side && round.RevisionAgreedAsItStands is { } agreedBy && agreedBy != side)
            {
                items.Add(new WorkItem($"The {round.FinancialYear.Label} joint review with {With(side, round.LinkOrganisationId, round.CommissionerOrganisationId)}",
                    $"The other side agreed to publish its revision on {Day(UkTime.Today(round.RevisionAgreedAt!.Value))}; the public page shows it as being revised.",
                    canAct ? "Check the revised ratings and actions on the meeting page, and agree to publish them." : $"Editors of {ownName} agree to publish the revision.",
                    PageLink.ReviewMeeting(round.Id)));
            }
        }

        var actions = await (from a in db.ReviewActions.AsNoTracking()
                             join r in db.ReviewRounds on a.RoundId equals r.Id
                             where a.OwnerOrganisationId == orgId && a.DoneOn == null
                             orderby a.DueOn, a.Id
                             select new { a.Text, a.DueOn, a.RoundId, r.Year, r.LinkOrganisationId, r.CommissionerOrganisationId })
            .ToListAsync(ct);
        items.AddRange(actions
            .Select(a => new WorkItem(InputValidation.Shorten(a.Text, 160),
                $"Agreed at the {new FinancialYear(a.Year).Label} joint review"
                + $" with {With(a.LinkOrganisationId == orgId ? ReviewSide.Link : ReviewSide.Commissioners, a.LinkOrganisationId, a.CommissionerOrganisationId)}"
                + $"; {DueText(a.DueOn, today)}",
                canAct ? "Do it, then mark it done on the review's meeting page." : $"Editors of {ownName} do it and mark it done.",
                PageLink.ReviewMeeting(a.RoundId), a.DueOn < today))
            .OrderByDescending(i => i.Urgent));
        return items;
    }

    /// <summary>
    /// The LINk's issues its panel has not decided yet (ADR 22), oldest first, each with its next step: its editors take
    /// every issue through the programme's steps (the notice of an issue raised from outside asks for it).
    /// </summary>
    private static async Task<List<WorkItem>> IssuesBeforeThePanelAsync(EngagementHubDbContext db, int linkId, string ownName, bool canAct, CancellationToken ct)
    {
        var rows = await db.RaisedIssues.AsNoTracking()
            .Where(i => i.LinkOrganisationId == linkId && i.Step != IssueStep.Decided && i.Step != IssueStep.FeedbackGiven)
            .OrderBy(i => i.RaisedOn).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.Step, i.RaisedOn })
            .ToListAsync(ct);
        return [.. rows.Select(i => new WorkItem(i.Title, $"Raised on {Day(i.RaisedOn)}; " + (i.Step == IssueStep.Raised ? "not yet discussed." : $"last step: {i.Step.Label().ToLowerInvariant()}."),
            canAct ? i.Step switch
            {
                IssueStep.Raised => "Discuss it with the person who raised it (or record why not), then take it on to the panel.",
                IssueStep.Discussed => "Consult the people it affects (or record why not), then take it on to the panel.",
                IssueStep.Consulted => "Write the business case for the panel (or record why it needs none).",
                _ => "Record the panel's decision and its reasons.",
            } : $"Editors of {ownName} take it on to the panel's decision.",
            PageLink.RaisedIssue(i.Id)))];
    }

    /// <summary>
    /// Issues the LINk's panel decided to work with the organisation on (the notice of the hand-off asks it to agree with
    /// the LINk how it takes it on), while the LINk has not yet told the person who raised it.
    /// </summary>
    private static async Task<List<WorkItem>> IssuesHandedToAsync(EngagementHubDbContext db, int orgId, string ownName, bool canAct, CancellationToken ct)
    {
        var rows = await db.RaisedIssues.AsNoTracking()
            .Where(i => i.PartnerOrganisationId == orgId && i.Outcome == PanelOutcome.WorkWithAnotherOrganisation && i.Step == IssueStep.Decided)
            .OrderBy(i => i.DecidedOn).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Title, i.DecidedOn, i.HandOffContact })
            .ToListAsync(ct);
        return [.. rows.Select(i => new WorkItem(i.Title,
            $"The LINk's panel decided on {Day(i.DecidedOn!.Value)} to work with {ownName} on it"
            + (string.IsNullOrWhiteSpace(i.HandOffContact) ? "." : $", with {UntrustedText.Isolate(i.HandOffContact)} as the contact here."),
            canAct ? "Agree with the LINk how you take it on." : $"Editors of {ownName} agree with the LINk how to take it on.",
            PageLink.RaisedIssue(i.Id)))];
    }

    private static string DecisionStep(DecisionOutlook outlook, string ownName, bool canAct) => (outlook.Timing, canAct) switch
    {
        (InputTiming.Ahead, _) => "Nothing to do: the engagement reports in time. Check it stays on track.",
        (InputTiming.Late, true) => "End the engagement earlier, or ask for the decision to wait.",
        (InputTiming.NoEngagement, true) => "Plan engagement to inform it, or link the exercise that does.",
        _ => $"Editors of {ownName} plan or move the engagement.",
    };

    /// <summary>
    /// A warning concerns the LINk whatever it is about (its engagement is the input); another organisation when it is
    /// about the organisation's own decision point or an exercise it takes part in.
    /// </summary>
    private static bool Concerns(TimetableWarning warning, int orgId, bool isLink, Dictionary<int, int> eventOwners, HashSet<int> ourExercises) =>
        isLink
        || (warning.EventId is { } eventId && eventOwners.GetValueOrDefault(eventId) == orgId)
        || (warning.ExerciseIds ?? []).Any(ourExercises.Contains);

    private static WorkItem Warning(TimetableWarning warning, FinancialYear year)
    {
        var (step, link) = warning switch
        {
            { EventId: { } eventId } => ("Plan engagement to inform it, or link the exercise that does.", PageLink.TimetableEvent(eventId)),
            { Kind: TimetableWarningKind.LateInput, ExerciseIds: [var id, ..] } => ("End the exercise earlier, or ask for the decision to wait.", PageLink.Exercise(id)),
            { Kind: TimetableWarningKind.ConsultationFatigue, ExerciseIds: [var id, ..] } => ("Join the exercises up, or move one.", PageLink.Exercise(id)),
            _ => ("Plan engagement that reaches them.", PageLink.Timetable(year)),
        };
        var title = warning.Kind switch
        {
            TimetableWarningKind.LateInput => "Input lands after the decision",
            TimetableWarningKind.DecisionWithoutEngagement => "A decision with no engagement planned",
            TimetableWarningKind.ConsultationFatigue => "Consultation fatigue",
            _ => "A community nobody engages",
        };
        return new WorkItem(title, warning.Message, step, link);
    }

    private static string Day(DateOnly date) => UkTime.FormatDate(date);

    /// <returns>"was due Mon 2 Nov 2026", "due today" or "due Fri 27 Nov 2026", as <paramref name="today"/> (UK) finds it.</returns>
    private static string DueText(DateOnly due, DateOnly today) => due < today ? $"was due {Day(due)}" : due == today ? "due today" : $"due {Day(due)}";
}
