using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
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
/// agreement, the decisions its engagement should reach, the timetable warnings that concern it, and their unread
/// notifications. Built by <see cref="MyWorkService.ForAsync"/>.
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
/// <param name="Deadlines">Open deadlines overdue or due within <paramref name="DueSoonDays"/> (and, for the LINk, feedback it owes referrers); overdue first.</param>
/// <param name="OverdueCount">How many of <paramref name="Deadlines"/> are overdue.</param>
/// <param name="Agreements">Exercises, extensions and timetable years awaiting the organisation's agreement.</param>
/// <param name="Decisions">Decisions within <paramref name="DecisionWeeks"/> that the organisation's engagement should reach.</param>
/// <param name="Warnings">The timetable's warnings for the year that concern the organisation (late input, decisions without engagement, consultation fatigue, community gaps).</param>
/// <param name="Unread">The newest unread notifications, at most <see cref="MyWorkService.UnreadShown"/>.</param>
/// <param name="UnreadCount">How many unread notifications there are in all, so the page can say more exist.</param>
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
    IReadOnlyList<DecisionItem> Decisions,
    IReadOnlyList<WorkItem> Warnings,
    IReadOnlyList<Notification> Unread,
    int UnreadCount,
    int? FailedReminders);

/// <summary>
/// Reads everything the home page shows for one person, in a handful of queries on one context, and phrases each item's
/// next step for that person (an editor is told what to do; a viewer, who their organisation's editors are waiting on).
/// </summary>
/// <remarks>
/// "What changed since my last visit" is the person's unread notifications: read state is already stored per person,
/// so nothing new is recorded on each visit, and reading a notification is what marks it as seen.
/// The verdict on each decision is <see cref="TimetableAnalysis.AheadOfTheAgenda"/>'s and the warnings are
/// <see cref="TimetableAnalysis.Warnings"/>', the same as on the timetable page, narrowed to the organisation.
/// </remarks>
public sealed class MyWorkService(IDbContextFactory<EngagementHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Deadlines due within this many calendar days count as due soon (two working weeks).</summary>
    public const int DueSoonDays = 14;

    /// <summary>How far ahead the decisions reach, as the timetable's "Ahead of the agenda" panel opens.</summary>
    public const int DecisionWeeks = 12;

    /// <summary>At most this many unread notifications are listed (the count says how many there are).</summary>
    public const int UnreadShown = 10;

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
        var organisations = await db.Organisations.AsNoTracking()
            .Select(o => new TimetableOrganisation(o.Id, o.Name, o.ShortName, o.Kind))
            .ToDictionaryAsync(o => o.Id, ct);
        if (!organisations.TryGetValue(orgId, out var own))
        {
            return null;
        }

        var canAct = OrganisationAccess.CanActFor(actor, orgId);
        var isLink = own.Kind == OrganisationKind.Link;
        string Name(int id) => organisations.TryGetValue(id, out var o) ? o.Name : $"Organisation {id}";

        var deadlines = await DeadlinesAsync(db, orgId, isLink, canAct, today, Name, ct);
        if (isLink)
        {
            deadlines = [.. deadlines.Concat(await FeedbackOwedAsync(db, orgId, canAct, today, ct)).OrderByDescending(d => d.Urgent)];
        }
        var agreements = new List<WorkItem>();
        agreements.AddRange(await ExerciseAgreementsAsync(db, orgId, own.Name, canAct, ct));
        agreements.AddRange(await ExtensionsAsync(db, orgId, own.Name, canAct, ct));
        agreements.AddRange(await TimetableYearsAsync(db, orgId, own.Name, canAct, Name, ct));

        // The year's events for the warnings, and the decisions of the coming weeks (which may run into next year).
        var until = today.AddDays(DecisionWeeks * 7);
        var events = await db.TimetableEvents.AsNoTracking()
            .Where(e => e.Year == year.StartYear || (e.Kind == TimetableEventKind.DecisionPoint && e.StartDate >= today && e.StartDate <= until))
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
        var yearEvents = events.Where(e => e.Year == year.StartYear).ToList();
        var eventOwners = yearEvents.ToDictionary(e => e.Id, e => e.OrganisationId);
        var warnings = TimetableAnalysis.Warnings(year, yearEvents, spans, communities, localities)
            .Where(w => Concerns(w, orgId, isLink, eventOwners, ours))
            .Select(w => Warning(w, year))
            .ToList();

        var unreadQuery = db.Notifications.AsNoTracking().Where(n => n.UserId == actor.UserId && n.ReadAt == null);
        var unreadCount = await unreadQuery.CountAsync(ct);
        var unread = unreadCount == 0
            ? []
            : await unreadQuery.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(UnreadShown).ToListAsync(ct);

        int? failed = OrganisationAccess.CanAdminister(actor)
            ? await db.ReminderDeliveries.CountAsync(r => r.Channel == DeliveryChannel.Email && r.Status == DeliveryStatus.Failed, ct)
            : null;

        return new MyWork(orgId, own.Name, own.Kind, canAct, isLink, today, DueSoonDays, DecisionWeeks, year,
            deadlines, deadlines.Count(d => d.Urgent), agreements, decisions, warnings, unread, unreadCount, failed);
    }

    /// <summary>
    /// Open deadlines that are overdue or due within <see cref="DueSoonDays"/>: sent to the organisation, or (for the LINk)
    /// sent by it; and, for the organisation that must answer, those escalated to the scrutiny committee unanswered, whose
    /// answer is still owed (ADR 12). Overdue first, then by due date.
    /// </summary>
    private static async Task<List<WorkItem>> DeadlinesAsync(
        EngagementHubDbContext db, int orgId, bool isLink, bool canAct, DateOnly today, Func<int, string> name, CancellationToken ct)
    {
        var soon = today.AddDays(DueSoonDays);
        var rows = await db.Deadlines.AsNoTracking()
            .Where(d => ((d.State == DeadlineState.Awaiting || d.State == DeadlineState.Acknowledged) && d.DueDate <= soon
                         && (isLink ? d.SentByOrganisationId == orgId : d.ToOrganisationId == orgId))
                        || (!isLink && d.State == DeadlineState.Escalated && d.ToOrganisationId == orgId))
            .OrderBy(d => d.DueDate).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Subject, d.KindName, d.State, d.DueDate, d.ToOrganisationId, d.SentByOrganisationId })
            .ToListAsync(ct);
        return [.. rows.Select(d =>
        {
            var overdue = d.DueDate < today;
            var due = overdue ? $"was due {Day(d.DueDate)}" : d.DueDate == today ? "due today" : $"due {Day(d.DueDate)}";
            var detail = isLink
                ? $"{d.KindName} to {name(d.ToOrganisationId)}, {due}"
                : $"{d.KindName} from {name(d.SentByOrganisationId)}, {due}";
            var step = (isLink, overdue, d.State, canAct) switch
            {
                (false, _, DeadlineState.Escalated, true) => "Record the answer: it is late, and the LINk has referred it to the scrutiny committee.",
                (true, true, _, true) => $"Chase {name(d.ToOrganisationId)}, or escalate it to the scrutiny committee.",
                (true, false, _, true) => $"Follow it up with {name(d.ToOrganisationId)} before {Day(d.DueDate)}.",
                (true, _, _, false) => $"The LINk's editors follow it up with {name(d.ToOrganisationId)}.",
                (false, _, DeadlineState.Awaiting, true) => overdue ? "Acknowledge it and record the answer: it is late." : $"Acknowledge it, then record the answer by {Day(d.DueDate)}.",
                (false, _, _, true) => overdue ? "Record the answer: it is late." : $"Record the answer by {Day(d.DueDate)}.",
                _ => "Your organisation's editors acknowledge and answer it.",
            };
            return new WorkItem(d.Subject, detail, step, PageLink.Deadline(d.Id), overdue);
        })];
    }

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
        return [.. rows.Select(i =>
        {
            var overdue = i.Due < today;
            var due = overdue ? $"was due {Day(i.Due)}" : i.Due == today ? "due today" : $"due {Day(i.Due)}";
            return new WorkItem(i.Title, $"Feedback to the person who raised it, {due}",
                canAct ? "Tell them the panel's decision and its reasons, then record it." : "The LINk's editors tell them the panel's decision.",
                PageLink.RaisedIssue(i.Id), overdue);
        })];
    }

    /// <summary>
    /// Exercises led by (or run with) the organisation whose joint-working option the other side proposed and this side
    /// has not answered; and the organisation's own proposals the other side asked to change.
    /// </summary>
    private static async Task<List<WorkItem>> ExerciseAgreementsAsync(
        EngagementHubDbContext db, int orgId, string ownName, bool canAct, CancellationToken ct)
    {
        var rows = await (from x in db.Exercises.AsNoTracking()
                          where (x.LeadCommissionerId == orgId || x.LinkOrganisationId == orgId)
                                && x.State != ExerciseState.Cancelled && x.State != ExerciseState.Closed
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
        var items = new List<WorkItem>();
        foreach (var r in rows)
        {
            var side = r.LeadCommissionerId == orgId ? AgreementSide.Commissioner : AgreementSide.Link;
            var option = JointWorkingOptions.Get(r.PrimaryOption);
            if (r.Status == ProposalStatus.AwaitingAgreement && r.ProposedBySide != side)
            {
                items.Add(new WorkItem(r.Title, $"{r.ProposedByOrganisation} proposed {option.Label}: {option.Name}.",
                    canAct ? "Agree the option, or ask for a change." : $"Editors of {ownName} agree it or ask for a change.",
                    PageLink.Exercise(r.Id)));
            }
            else if (r.Status == ProposalStatus.ChangeRequested && r.ProposedBySide == side)
            {
                items.Add(new WorkItem(r.Title, $"{r.ChangeRequestedBy} asked for a change to {option.Label}: \"{r.ChangeRequestComment}\"",
                    canAct ? "Read the comment and propose the option again." : $"Editors of {ownName} propose the option again.",
                    PageLink.Exercise(r.Id)));
            }
        }

        return items;
    }

    /// <summary>Extensions of open deadlines proposed by the other side and not yet agreed.</summary>
    private static async Task<List<WorkItem>> ExtensionsAsync(EngagementHubDbContext db, int orgId, string ownName, bool canAct, CancellationToken ct)
    {
        var rows = await db.Deadlines.AsNoTracking()
            .Where(d => (d.State == DeadlineState.Awaiting || d.State == DeadlineState.Acknowledged)
                        && d.ProposedDueDate != null
                        && ((d.SentByOrganisationId == orgId && d.ProposalByLink == false)
                            || (d.ToOrganisationId == orgId && d.ProposalByLink == true)))
            .OrderBy(d => d.DueDate).ThenBy(d => d.Id)
            .Select(d => new { d.Id, d.Subject, d.DueDate, d.ProposedDueDate, d.ProposalBy, d.ProposalReason })
            .ToListAsync(ct);
        return [.. rows.Select(d => new WorkItem(d.Subject,
            $"{d.ProposalBy} proposed moving the due date from {Day(d.DueDate)} to {Day(d.ProposedDueDate!.Value)}: {d.ProposalReason}",
            canAct ? "Agree the extension, or talk to them and keep the due date." : $"Editors of {ownName} agree the extension or keep the due date.",
            PageLink.Deadline(d.Id)))];
    }

    /// <summary>Timetable years out for agreement that the organisation was asked to agree and has not.</summary>
    private static async Task<List<WorkItem>> TimetableYearsAsync(
        EngagementHubDbContext db, int orgId, string ownName, bool canAct, Func<int, string> name, CancellationToken ct)
    {
        var proposed = await db.AnnualTimetables.AsNoTracking().Include(t => t.Agreements)
            .Where(t => t.Status == TimetableStatus.Proposed)
            .OrderBy(t => t.Year)
            .ToListAsync(ct);
        return [.. proposed
            .Where(t => t.AwaitingAgreementFrom.Contains(orgId))
            .Select(t => new WorkItem($"The {t.FinancialYear.Label} timetable",
                $"Proposed by {(t.ProposedByOrganisationId is { } by ? name(by) : t.ProposedBy)}"
                + (t.ProposedAt is { } at ? $" on {Day(UkTime.Today(at))}" : "")
                + $"; {t.AwaitingAgreementFrom.Count()} of {t.ParticipantIds.Count} still to agree.",
                canAct ? "Check your organisation's events, then agree the year or ask for changes." : $"Editors of {ownName} agree the year or ask for changes.",
                PageLink.Timetable(t.FinancialYear)))];
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
}
