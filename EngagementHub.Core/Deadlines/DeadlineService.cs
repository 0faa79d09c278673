using System.Linq.Expressions;
using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// The commissioners' response deadlines. The LINk logs what it sent and follows it up (withdraw, escalate); the
/// organisation it went to acknowledges and answers; either side proposes an extension and the other agrees or declines
/// it, or the side that proposed it withdraws it.
/// Everyone in the partnership reads them.
/// </summary>
/// <param name="dbFactory">One context per operation.</param>
/// <param name="holidays">The bank holidays that working days are counted around.</param>
/// <param name="access">Who may do what to which organisation's deadlines; refusals throw <see cref="AccessDeniedException"/>.</param>
/// <param name="clock">The time; "today" is the UK calendar date (<see cref="UkTime.Today(TimeProvider)"/>).</param>
/// <param name="decisions">Records the LINk's decision to send what it logs itself; none, and nothing is recorded.</param>
public sealed partial class DeadlineService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, BankHolidayCalendar holidays, OrganisationAccess access, TimeProvider clock,
    IDeadlineDecisionLog? decisions = null)
{
    private DateOnly Today => UkTime.Today(clock);

    /// <summary>The three statutory kinds, in a database that has no rules yet. Refuses nothing: the app's start and
    /// the demo's seeding call it.</summary>
    public static async Task EnsureRulesAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        if (!await db.DeadlineRules.AnyAsync(ct))
        {
            db.DeadlineRules.AddRange(DeadlineRule.Defaults());
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// May this person log a request, report or referral? Only an editor (or administrator) of the LINk may: the check
    /// <see cref="LogAsync"/> makes, and the one the pages ask before offering it.
    /// </summary>
    /// <param name="actor">The person asking, as signed in.</param>
    /// <param name="actorOrganisationKind">The kind of the actor's own organisation; null when they have none.</param>
    /// <returns>True when they may log one; false otherwise (the service refuses with <see cref="AccessDeniedException"/>).</returns>
    public static bool CanLog(Actor actor, OrganisationKind? actorOrganisationKind) => ActingFor.TheLink(actor, actorOrganisationKind);

    /// <summary>The LINk's side: editors of the organisation that sent it.</summary>
    /// <returns>True when the actor may act for the sending organisation; refuses nothing (a question, not a check).</returns>
    public static bool IsSender(Actor actor, ResponseDeadline deadline) => OrganisationAccess.CanActFor(actor, deadline.SentByOrganisationId);

    /// <summary>The answering side: editors of the organisation it was sent to.</summary>
    /// <returns>True when the actor may act for the answering organisation; refuses nothing (a question, not a check).</returns>
    public static bool IsRecipient(Actor actor, ResponseDeadline deadline) => OrganisationAccess.CanActFor(actor, deadline.ToOrganisationId);

    /// <summary>
    /// What <paramref name="actor"/> may do now on <paramref name="deadline"/>, as its page offers it: each step on the
    /// side the step belongs to (the LINk that sent it, the organisation it was sent to, or either, as the step's own
    /// method checks) and in a state the deadline allows it (<see cref="ResponseDeadline"/> refuses the others).
    /// </summary>
    /// <param name="actor">The person asking, as signed in.</param>
    /// <param name="deadline">The deadline as loaded.</param>
    /// <param name="today">Today, a UK calendar date: escalation needs the deadline overdue.</param>
    /// <param name="recipientKind">The kind of the organisation it was sent to: one sent to the scrutiny committee is
    /// not escalated to it (<see cref="EscalatesToScrutiny"/>).</param>
    /// <param name="proposalOvertaken">The bank holidays have made the waiting proposal impossible to agree
    /// (<see cref="DeadlineDetails.ProposalOvertaken"/>): agreeing it is not offered, as it is not once its date has come.</param>
    /// <returns>The steps open to them; none for someone on neither side. A question: it refuses nothing.</returns>
    public static DeadlineSteps StepsOpenTo(Actor actor, ResponseDeadline deadline, DateOnly today, OrganisationKind recipientKind, bool proposalOvertaken = false)
    {
        var sender = IsSender(actor, deadline);
        var recipient = IsRecipient(actor, deadline);
        var either = sender || recipient;
        var recommendations = deadline.State != DeadlineState.Withdrawn;
        return new DeadlineSteps(
            Acknowledge: recipient && deadline.State == DeadlineState.Awaiting,
            RecordAnswer: either && deadline.AnswerAwaited,
            ProposeExtension: either && deadline.IsOpen,
            // The side that proposed an extension waits for the other to agree it; a proposal whose date has come, or that
            // the holidays have made impossible to agree, is refused (AgreeExtension), so only a new one is offered.
            AgreeExtension: either && deadline.IsOpen && deadline.ExtensionAwaitingAgreement && deadline.ProposalByLink != sender
                && deadline.ProposedDueDate > today && !proposalOvertaken,
            Escalate: sender && deadline.IsOverdueOn(today) && EscalatesToScrutiny(recipientKind),
            Withdraw: sender && deadline.IsOpen,
            RespondToRecommendations: recipient && recommendations,
            RecordImplementation: recipient && recommendations,
            GiveVerdicts: sender && recommendations)
        {
            // Declining sets a proposal aside, also one that can no longer be agreed; only its proposer's side withdraws it.
            DeclineExtension = either && deadline.IsOpen && deadline.ExtensionAwaitingAgreement && deadline.ProposalByLink != sender,
            WithdrawExtensionProposal = either && deadline.IsOpen && deadline.ExtensionAwaitingAgreement && deadline.ProposalByLink == sender,
            HandOver = CanHandOver(actor, deadline),
        };
    }

    /// <summary>
    /// Whether a deadline sent to an organisation of this kind can be escalated to the Overview and Scrutiny Committee
    /// (and its owner advised to, by the escalation reminder): not one the committee itself owes, which is already
    /// where escalation would send it.
    /// </summary>
    /// <returns>False for a scrutiny committee; true for every other kind. A question: it refuses nothing.</returns>
    public static bool EscalatesToScrutiny(OrganisationKind recipientKind) => recipientKind != OrganisationKind.Scrutiny;

    /// <summary>The kinds of deadline, for everyone to read: the statutory kinds in <see cref="DeadlineKind"/>'s order, then custom kinds by name.</summary>
    /// <param name="activeOnly">Only the kinds new deadlines may be logged under.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The kinds with their working days and reminder days; refuses nobody.</returns>
    public async Task<IReadOnlyList<DeadlineRule>> RulesAsync(bool activeOnly = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await db.DeadlineRules.AsNoTracking().Where(r => !activeOnly || r.IsActive).OrderBy(r => r.Name).ToListAsync(ct);

        // The statutory kinds in their enum's order and custom kinds last, sorted here: kinds are stored by name, so the
        // database would put "Custom" first. The sort is stable, so custom kinds keep the name order.
        return [.. rules.OrderBy(r => r.Kind)];
    }

    /// <summary>
    /// The deadlines that match the filter, for everyone in the partnership to read, by due date. "Overdue" and "due this
    /// week" count only open deadlines and judge by today's UK date; the week runs Monday to Sunday. Not paged.
    /// </summary>
    /// <returns>The rows, soonest due first; refuses nobody.</returns>
    public async Task<IReadOnlyList<DeadlineRow>> ListAsync(DeadlineFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Deadlines.AsNoTracking();
        if (filter.ToOrganisationId is { } to)
        {
            query = query.Where(d => d.ToOrganisationId == to);
        }

        if (filter.InvolvingOrganisationId is { } involving)
        {
            query = query.Where(d => d.ToOrganisationId == involving || d.SentByOrganisationId == involving);
        }

        if (filter.State is { } state)
        {
            query = query.Where(d => d.State == state);
        }

        if (filter.RuleId is { } rule)
        {
            query = query.Where(d => d.RuleId == rule);
        }

        if (filter.OwnerUserId is { Length: > 0 } owner)
        {
            query = query.Where(d => d.OwnerUserId == owner);
        }

        var today = Today;
        if (filter.OverdueOnly)
        {
            query = query.Where(ResponseDeadline.Open).Where(d => d.DueDate < today);
        }

        if (filter.DueThisWeekOnly)
        {
            var weekEnd = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7) - 1);
            query = query.Where(ResponseDeadline.Open).Where(d => d.DueDate >= today && d.DueDate <= weekEnd);
        }

        return await (from d in query
                      join o in db.Organisations on d.ToOrganisationId equals o.Id
                      orderby d.DueDate, d.Id
                      select new DeadlineRow(d.Id, d.KindName, d.Kind, d.Subject, d.ToOrganisationId, o.Name, d.OwnerName, d.Received, d.DueDate,
                          d.State, d.AnsweredOn, d.WorkingDaysLate, d.ExtensionAgreedAt != null, d.DischargedBy, d.LapsedDueDate, d.AcknowledgedAt,
                          d.ExtensionDueDate, d.OriginalDueDate))
            .ToListAsync(ct);
    }

    /// <summary>
    /// The LINk's people who follow up at least one deadline (its owners, as a hand-over leaves them), for the list's
    /// "Followed up by" filter. For everyone in the partnership to read, as the list shows each deadline's owner.
    /// </summary>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>Each owner once, by name, with the name the latest deadline they follow up gives them; empty when no
    /// deadline was logged. Refuses nobody.</returns>
    public async Task<IReadOnlyList<OwnerOption>> OwnersAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var owners = await db.Deadlines.AsNoTracking().OrderByDescending(d => d.Id).Select(d => new { d.OwnerUserId, d.OwnerName }).ToListAsync(ct);
        return [.. owners.DistinctBy(o => o.OwnerUserId).Select(o => new OwnerOption(o.OwnerUserId, o.OwnerName, IsYou: false))
            .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// One deadline for its page, with its recommendations and their milestones, the names of the organisations, the
    /// named contact and the exercise it refers to, and how its due date is worked out from today's holiday data. For
    /// everyone in the partnership to read.
    /// </summary>
    /// <returns>The deadline's details, untracked, or null when it does not exist; refuses nobody.</returns>
    /// <exception cref="Exception">The database's own failure.</exception>
    public async Task<DeadlineDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deadline = await db.Deadlines.AsNoTracking().Include(d => d.Recommendations).ThenInclude(r => r.Milestones).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deadline is null)
        {
            return null;
        }

        var (from, to) = (deadline.SentByOrganisationId, deadline.ToOrganisationId);
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Id == from || o.Id == to)
            .Select(o => new { o.Id, o.Name, o.Kind }).ToDictionaryAsync(o => o.Id, ct);
        var contact = deadline.ToContactId is { } contactId
            ? await db.Contacts.AsNoTracking().Where(c => c.Id == contactId && c.OrganisationId == deadline.ToOrganisationId).Select(c => new NamedContact(c.Name, c.JobTitle)).FirstOrDefaultAsync(ct)
            : null;
        var exerciseTitle = deadline.ExerciseId is { } exerciseId
            ? await db.Exercises.AsNoTracking().Where(e => e.Id == exerciseId).Select(e => e.Title).FirstOrDefaultAsync(ct)
            : null;
        var calendar = await holidays.GetAsync(ct);
        var working = calendar.DueDate(deadline.Received, deadline.WorkingDays);
        // A waiting proposal is no date of the deadline's yet, so a holiday change does not move it; one the holidays have
        // made impossible to agree is refused when agreed (AgreeExtension), and the page says so beforehand, with the way on.
        var overtaken = deadline.ProposalOvertakenOn(calendar, Today)?.Reason;
        return new DeadlineDetails(deadline, organisations.GetValueOrDefault(from)?.Name ?? Organisation.UnknownName,
            organisations.GetValueOrDefault(to)?.Name ?? Organisation.UnknownName, organisations.GetValueOrDefault(to)?.Kind ?? default,
            contact, exerciseTitle, working, overtaken);
    }

    /// <summary>
    /// The LINk logs a request, report or referral it sent; the due date is worked out from the kind's working days. Its
    /// decision to send it goes into the decisions log in the same save (<see cref="IDeadlineDecisionLog"/>). A second
    /// submission of the same form (<paramref name="key"/>) logs nothing and returns the first one's id.
    /// </summary>
    /// <returns>The new deadline's id, or field messages (on "ToOrganisationId" also when the organisation is no longer
    /// active: <see cref="OrganisationChoice"/>; or is of a kind the deadline's kind does not go to,
    /// <see cref="DeadlineRule.RecipientKinds"/>, a refusal that is logged; on "ExerciseId" when the exercise was cancelled
    /// or no longer exists).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the LINk.</exception>
    public async Task<Outcome<int>> LogAsync(Actor actor, DeadlineInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.EarlierIdAsync(actor, key, nameof(ResponseDeadline), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        var prepared = await AddAsync(db, actor, input, ct);
        if (!prepared.Succeeded)
        {
            return Outcome<int>.From(prepared);
        }

        var deadline = prepared.Value!;
        return Outcome<int>.Ok(await db.SaveOnceAsync(actor, key, nameof(ResponseDeadline), () => deadline.Id, clock, ct,
            async () =>
            {
                await DeadlineNotices.DeadlineLoggedAsync(db, actor, deadline, clock.GetUtcNow(), ct);
                await LogDecisionAsync(db, actor, deadline, input.Reasons, ct);
            }));
    }

    private Task LogDecisionAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, string? reasons, CancellationToken ct) =>
        decisions?.AddAsync(db, actor, deadline, reasons, clock.GetUtcNow(), ct) ?? Task.CompletedTask;

    /// <summary>
    /// The organisations the deadline form offers as the one a deadline was sent to: every active organisation but the
    /// actor's own, which sends it. The same rule as <see cref="LogAsync"/> checks.
    /// </summary>
    /// <param name="actor">The person logging, as signed in.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The options, as <see cref="OrganisationChoice.OptionsAsync"/> orders them; refuses nobody (the form's page checks who may log, <see cref="CanLog"/>).</returns>
    public async Task<IReadOnlyList<OrganisationOption>> RecipientChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OrganisationChoice.OptionsAsync(db, MayReceiveFrom(actor.OrganisationId ?? 0), ct: ct);
    }

    // Who a deadline may be sent to: anyone but the organisation sending it (the form's choices and the check).
    private static Expression<Func<Organisation, bool>> MayReceiveFrom(int senderId) => o => o.Id != senderId;

    /// <summary>
    /// The one create path of a deadline the LINk sent: checks the actor and the input and adds the deadline to
    /// <paramref name="db"/> without saving, so a caller can save it with a record of its own in one transaction (a panel
    /// decision that refers an issue). <see cref="LogAsync"/> saves it on its own.
    /// </summary>
    /// <returns>The added deadline, or field messages (nothing added), among them "ToOrganisationId" for an organisation of
    /// a kind the chosen kind of deadline is not sent to (<see cref="DeadlineRule.RefuseRecipient"/>, logged).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the LINk.</exception>
    internal async Task<Outcome<ResponseDeadline>> AddAsync(EngagementHubDbContext db, Actor actor, DeadlineInput input, CancellationToken ct)
    {
        var own = actor.OrganisationId is { } ownId ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownId, ct) : null;
        if (own is null || !CanLog(actor, own.Kind))
        {
            access.Deny(actor, "log a deadline", "deadlines");
            throw new AccessDeniedException("Only editors of the LINk log requests, reports and referrals.");
        }

        var errors = InputValidation.Validate(input).ToList();
        var rule = await db.DeadlineRules.AsNoTracking().FirstOrDefaultAsync(r => r.Id == input.RuleId && r.IsActive, ct);
        if (input.RuleId > 0 && rule is null)
        {
            errors.Add(new FieldError(nameof(input.RuleId), "Choose a kind from the list."));
        }

        var to = await db.Organisations.AsNoTracking().Include(o => o.Contacts).FirstOrDefaultAsync(o => o.Id == input.ToOrganisationId, ct);
        if (input.ToOrganisationId > 0 && await OrganisationChoice.CheckAsync(db, nameof(input.ToOrganisationId), input.ToOrganisationId,
                "Choose the organisation it was sent to.", MayReceiveFrom(own.Id), ct: ct) is { } notTo)
        {
            errors.Add(notTo);
        }

        // Each kind goes to the kinds of organisation the LINk's powers name (DeadlineRule.RecipientKinds): the form offers
        // only those, so another reaches here from a form left open or a crafted post, and is logged as a refusal.
        if (rule is not null && to is not null && errors.All(e => e.Field != nameof(input.ToOrganisationId))
            && rule.RefuseRecipient(to.Name, to.Kind) is { } misdirected)
        {
            access.Deny(actor, $"send a deadline of kind {rule.Id} to an organisation of kind {to.Kind}", $"organisation {to.Id}");
            errors.Add(new FieldError(nameof(input.ToOrganisationId), misdirected));
        }

        if (input.ToContactId is { } contactId && to is not null && to.Contacts.All(c => c.Id != contactId))
        {
            errors.Add(new FieldError(nameof(input.ToContactId), "Choose a contact of that organisation."));
        }

        // A cancelled exercise was withdrawn before it ran: nothing is reported on it, and "you said, we did" would name it.
        if (input.ExerciseId is { } exerciseId
            && await db.Exercises.AsNoTracking().Where(x => x.Id == exerciseId).Select(x => (ExerciseState?)x.State).FirstOrDefaultAsync(ct) is var state
            && state is null or ExerciseState.Cancelled)
        {
            errors.Add(new FieldError(nameof(input.ExerciseId), state is null
                ? "That exercise no longer exists. Choose another, or none."
                : "That exercise was cancelled before it ran. Choose another, or none."));
        }

        if (input.Recommendations.Select(text => InputValidation.TooLong(nameof(input.Recommendations), text, Recommendation.TextLimit, "Each recommendation")).FirstOrDefault(e => e is not null) is { } tooLong)
        {
            errors.Add(tooLong);
        }

        if (input.Received is { } received && received > Today)
        {
            errors.Add(new FieldError(nameof(input.Received), $"The date received cannot be in the future. Today is {UkTime.FormatDate(Today)}."));
        }
        else if (input.Received is { } early && WorkingDayCalendar.RefuseReceived(early) is { } refused)
        {
            errors.Add(new FieldError(nameof(input.Received), refused));
        }

        if (errors.Count > 0)
        {
            return Outcome<ResponseDeadline>.Invalid([.. errors]);
        }

        var calendar = await holidays.GetAsync(ct);
        var deadline = new ResponseDeadline(rule!, input.Subject, input.Details, own.Id, to!.Id,
            input.ToContactId ?? to.FindLinkRequestsContact()?.Id,
            actor.UserId!, actor.DisplayName, input.ExerciseId, calendar.DueDate(input.Received!.Value, rule!.WorkingDays), clock.GetUtcNow());
        foreach (var text in input.Recommendations.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            deadline.AddRecommendation(text);
        }

        db.Deadlines.Add(deadline);
        return Outcome<ResponseDeadline>.Ok(deadline);
    }

    /// <summary>The organisation it was sent to acknowledges it; for a scrutiny referral that meets the duty (lateness in working days).</summary>
    /// <returns>Success; a problem when it no longer exists, is not awaiting, or someone changed it first.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the organisation it was sent to (logged).</exception>
    public Task<Outcome> AcknowledgeAsync(Actor actor, int id, CancellationToken ct = default) =>
        ChangeAsync(actor, id, Side.Recipient, "acknowledge a deadline", async (d, _) => d.Acknowledge(actor.DisplayName, clock.GetUtcNow(), Today, await holidays.GetAsync(ct)), ct,
            DeadlineNotices.DeadlineAcknowledgedAsync);

    /// <summary>Either side records the answer (the LINk may have received it by post); lateness is counted in working days.</summary>
    /// <param name="actor">An editor of either side.</param>
    /// <param name="id">The deadline.</param>
    /// <param name="answer">The answer, or a summary of it with where it can be read.</param>
    /// <param name="answeredOn">The UK date of the answer: not in the future, not before the day of receipt.</param>
    /// <param name="key">The form's submission; a repeat of it records nothing more.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success (also for a repeat of the same submission); field messages on "Answer" (blank, too long) or "AnsweredOn";
    /// a problem when it no longer exists, awaits no answer, or someone changed it first.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is an editor of neither side (logged).</exception>
    public Task<Outcome> RecordAnswerAsync(Actor actor, int id, string answer, DateOnly answeredOn, SubmissionKey key = default, CancellationToken ct = default) =>
        ChangeAsync(actor, id, Side.Either, "record an answer", async (d, _) =>
            answeredOn > Today
                ? Outcome.Invalid(new FieldError("AnsweredOn", $"The answer date cannot be in the future. Today is {UkTime.FormatDate(Today)}."))
                : d.RecordAnswer(answer, answeredOn, actor.DisplayName, await holidays.GetAsync(ct)), ct,
            DeadlineNotices.DeadlineAnsweredAsync, key);

    /// <summary>The LINk withdraws what it sent: no more reminders, and it leaves the responsiveness figures.</summary>
    /// <returns>Success; a problem when it no longer exists, is already closed, or someone changed it first.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the LINk that sent it (logged).</exception>
    public Task<Outcome> WithdrawAsync(Actor actor, int id, CancellationToken ct = default) =>
        ChangeAsync(actor, id, Side.Sender, "withdraw a deadline", (d, _) => Task.FromResult(d.Withdraw(clock.GetUtcNow())), ct,
            DeadlineNotices.DeadlineWithdrawnAsync);

    /// <summary>
    /// Either side proposes a later due date with its reason; the proposal counts as the proposer's agreement and waits
    /// for the other side's. Who proposed and agreed it, and why, stay on the deadline.
    /// </summary>
    /// <param name="actor">An editor of either side.</param>
    /// <param name="id">The deadline.</param>
    /// <param name="newDueDate">The UK date proposed: a working day after today's UK date (the service's clock), later than
    /// the current due date and at most five years beyond it (ADR 0012).</param>
    /// <param name="reason">Why the extension is needed; required.</param>
    /// <param name="waitingSeen">The date of the proposal the person's page showed waiting; null when it showed none.</param>
    /// <param name="key">The form's submission; a repeat of it proposes nothing more.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success (also for a repeat of the same submission); field messages on "NewDueDate" (today or already passed, or not
    /// later than the due date, naming the earliest date that can be proposed; too far; or a weekend or bank holiday, naming
    /// the next working day) or "Reason"; a problem when it no longer exists, is closed,
    /// a proposal came or changed since the page showed <paramref name="waitingSeen"/>, or someone changed it first.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is an editor of neither side (logged).</exception>
    public async Task<Outcome> ProposeExtensionAsync(
        Actor actor, int id, DateOnly newDueDate, string reason, DateOnly? waitingSeen, SubmissionKey key = default, CancellationToken ct = default)
    {
        var calendar = await holidays.GetAsync(ct);
        return await ChangeAsync(actor, id, Side.Either, "propose an extension",
            (d, _) => Task.FromResult(d.ProposeExtension(newDueDate, reason, IsSender(actor, d), actor.DisplayName, Today, calendar, waitingSeen)), ct,
            DeadlineNotices.ExtensionProposedAsync, key);
    }

    /// <summary>
    /// The other side agrees the proposed date, which becomes the due date. Agreed after the due date had passed, the
    /// passed date is kept and lateness is still counted from it (ADR 0012).
    /// </summary>
    /// <param name="actor">An editor of the side that did not propose it.</param>
    /// <param name="id">The deadline.</param>
    /// <param name="proposedSeen">The proposed date the person's page showed and they agree to.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success; a problem when it no longer exists, it closed since the page was read (answered, withdrawn, escalated or
    /// met by its acknowledgement: the problem says which, and when, and that the extension is no longer needed), no
    /// extension waits, the actor's side proposed it, the proposal is no longer the one shown
    /// (<paramref name="proposedSeen"/>: replaced by another date, or agreed), its date is today or has passed (today's UK
    /// date, from the service's clock: the problem asks for a new proposal), the due date has moved past it, its date has
    /// become a bank holiday since it was proposed, or someone changed it first.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is an editor of neither side (logged).</exception>
    public Task<Outcome> AgreeExtensionAsync(Actor actor, int id, DateOnly proposedSeen, CancellationToken ct = default) =>
        ChangeAsync(actor, id, Side.Either, "agree an extension",
            async (d, _) => d.AgreeExtension(IsSender(actor, d), actor.DisplayName, clock.GetUtcNow(), Today, proposedSeen, await holidays.GetAsync(ct)), ct,
            DeadlineNotices.ExtensionAgreedAsync);

    /// <summary>
    /// The side asked to agree the proposed extension declines it, saying why: the proposal is set aside, the due date
    /// (and the extension in force, if any) stays, and the decline is kept on the deadline and in its history, naming who
    /// declined which date, when and why. The side that proposed it is told (<see cref="DeadlineNotices.ExtensionDeclinedAsync"/>).
    /// Not keyed: the deadline refuses to decline a proposal twice.
    /// </summary>
    /// <param name="actor">An editor of the side that did not propose it.</param>
    /// <param name="id">The deadline.</param>
    /// <param name="reason">Why they decline it; required, at most <see cref="ResponseDeadline.ExtensionReasonLimit"/> characters.</param>
    /// <param name="proposedSeen">The proposed date the person's page showed and they decline.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success; a message on "Reason" (blank, too long); a problem when it no longer exists, it closed since the page was
    /// read (answered, withdrawn, escalated or met by its acknowledgement: the problem says which, and when), no
    /// extension waits, the proposal is no longer the one shown (<paramref name="proposedSeen"/>: replaced by another
    /// date, agreed, declined or withdrawn), the actor's side proposed it (the problem says to withdraw it instead), or
    /// someone changed it first.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is an editor of neither side (logged).</exception>
    public Task<Outcome> DeclineExtensionAsync(Actor actor, int id, string reason, DateOnly proposedSeen, CancellationToken ct = default) =>
        ChangeAsync(actor, id, Side.Either, "decline an extension",
            (d, _) => Task.FromResult(d.DeclineExtension(IsSender(actor, d), actor.DisplayName, reason, clock.GetUtcNow(), proposedSeen)), ct,
            DeadlineNotices.ExtensionDeclinedAsync);

    /// <summary>
    /// The side that proposed an extension withdraws it while it waits for the other side: the proposal is set aside and
    /// the due date (and the extension in force, if any) stays. The other side is told
    /// (<see cref="DeadlineNotices.ExtensionWithdrawnAsync"/>), and no longer asked to agree it. Not keyed: the deadline
    /// refuses to withdraw a proposal twice.
    /// </summary>
    /// <param name="actor">An editor of the side that proposed it.</param>
    /// <param name="id">The deadline.</param>
    /// <param name="proposedSeen">The proposed date the person's page showed and they withdraw.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success; a problem when it no longer exists, it closed since the page was read (the problem says what closed it,
    /// and when), no extension waits, the proposal is no longer the one shown (<paramref name="proposedSeen"/>: the other
    /// side proposed another date, or it was agreed or declined), the other side proposed it (the problem says to agree or
    /// decline it instead), or someone changed it first.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is an editor of neither side (logged).</exception>
    public Task<Outcome> WithdrawExtensionProposalAsync(Actor actor, int id, DateOnly proposedSeen, CancellationToken ct = default) =>
        ChangeAsync(actor, id, Side.Either, "withdraw an extension proposal",
            (d, _) => Task.FromResult(d.WithdrawExtensionProposal(IsSender(actor, d), proposedSeen)), ct,
            // Withdrawn only when it was the proposal shown, so that is the date withdrawn.
            (db, by, d, now, c) => DeadlineNotices.ExtensionWithdrawnAsync(db, by, d, proposedSeen, now, c));

    /// <summary>
    /// The organisation a report was sent to responds to one of its recommendations ("you said, we did"), or changes its
    /// response: the earlier one is kept as such, and what no longer holds is set aside (<see cref="Recommendation.Respond"/>);
    /// the LINk is told, and asked again for its view when one was set aside. A second submission of the same form
    /// (<paramref name="key"/>) changes nothing.
    /// </summary>
    /// <returns>
    /// Success (also when nothing changed); field messages on "Response" (none chosen) or "ResponseText" (missing where
    /// the response needs it, too long); a problem when the report or the recommendation no longer exists, the LINk
    /// withdrew the report, or someone saved the recommendation since <paramref name="input"/>'s version was read (who,
    /// when and what).
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the organisation it was sent to (logged).</exception>
    public Task<Outcome> RespondToRecommendationAsync(
        Actor actor, int id, int recommendationId, RecommendationResponseInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        var errors = InputValidation.Validate(input);
        if (errors.Length > 0)
        {
            return Task.FromResult(Outcome.Invalid(errors));
        }

        var before = RecommendationResponse.Pending;
        return ChangeRecommendationAsync(actor, id, recommendationId, Side.Recipient, "respond to a recommendation", input.Version,
            (r, _) =>
            {
                before = r.Response;
                return r.Respond(input.Response, input.ResponseText, actor.DisplayName, clock.GetUtcNow());
            },
            (db, by, d, r, verdictSetAside, now, c) => DeadlineNotices.RecommendationRespondedAsync(db, by, d, r, before, verdictSetAside, now, c),
            key, ct);
    }

    /// <summary>
    /// Escalates a late deadline to the Overview and Scrutiny Committee: the referral is logged as a new deadline of the
    /// scrutiny kind, received today, sent to the committee's contact who receives LINk requests, and linked both ways. The referral's
    /// subject is "Referral: " and the original's, or the original's alone when both do not fit in
    /// <see cref="ResponseDeadline.SubjectMaxLength"/> characters (<see cref="InputValidation.Fit"/>): never cut.
    /// </summary>
    /// <returns>
    /// The referral's id; a problem when the deadline no longer exists, is not overdue (or already escalated), was sent to
    /// the scrutiny committee itself (<see cref="EscalatesToScrutiny"/>), someone escalated or changed it first (naming
    /// who), or the partnership has no active scrutiny committee or referral kind.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the LINk that sent it (logged).</exception>
    public async Task<Outcome<int>> EscalateAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ResponseDeadline? referral = null;
        // The escalation, the referral (saved first for its id) and the notices that link to it land together or not at
        // all; a second escalation racing this one is refused at the deadline's version, naming who escalated first.
        var escalated = await db.ChangeAsync(actor, access,
            () => db.Deadlines.FirstOrDefaultAsync(d => d.Id == id, ct),
            "This deadline no longer exists.", _ => new ChangedRow(nameof(ResponseDeadline), id, "deadline", DeadlineRecounts.Describe),
            deadline => NotOnSide(actor, deadline, Side.Sender, "escalate a deadline"),
            async deadline =>
            {
                var rule = await db.DeadlineRules.AsNoTracking().FirstOrDefaultAsync(r => r.Kind == DeadlineKind.ScrutinyReferral && r.IsActive, ct);
                var scrutiny = await db.Organisations.AsNoTracking().Include(o => o.Contacts)
                    .FirstOrDefaultAsync(o => o.Kind == OrganisationKind.Scrutiny && o.IsActive, ct);
                if (rule is null || scrutiny is null)
                {
                    return Outcome.Failed("The partnership has no active scrutiny committee, or no scrutiny referral kind, to escalate to.");
                }

                var recipient = await db.Organisations.AsNoTracking().Where(o => o.Id == deadline.ToOrganisationId)
                    .Select(o => new { o.Name, o.Kind }).FirstAsync(ct);
                if (!EscalatesToScrutiny(recipient.Kind))
                {
                    return Outcome.Failed($"This was sent to {UntrustedText.Isolate(recipient.Name)}, the scrutiny committee itself, so it cannot be escalated to it. "
                        + "Follow it up with the committee, or withdraw it if it is no longer needed.");
                }

                var marked = deadline.MarkEscalated(Today);
                if (!marked.Succeeded)
                {
                    return marked;
                }

                referral = new ResponseDeadline(rule, InputValidation.Fit(ResponseDeadline.SubjectMaxLength, $"Referral: {deadline.Subject}", deadline.Subject),
                    $"Escalated because {UntrustedText.Isolate(recipient.Name)} had not answered \"{UntrustedText.Isolate(deadline.Subject)}\" (due {UkTime.FormatDate(deadline.DueDate)}).",
                    deadline.SentByOrganisationId, scrutiny.Id, scrutiny.FindLinkRequestsContact()?.Id,
                    actor.UserId!, actor.DisplayName, deadline.ExerciseId, (await holidays.GetAsync(ct)).DueDate(Today, rule.WorkingDays), clock.GetUtcNow());
                referral.LinkEscalation(deadline.Id);
                db.Deadlines.Add(referral);
                // The escalation is held back until it can name its referral: one history entry for one act.
                await db.SaveAddedRowsAsync(actor, ct);
                deadline.LinkReferral(referral.Id);
                // Escalating is the LINk's decision to refer to scrutiny: logged with the referral's own reasons.
                await LogDecisionAsync(db, actor, referral, referral.Details, ct);
                await DeadlineNotices.DeadlineEscalatedAsync(db, actor, deadline, clock.GetUtcNow(), ct);
                await DeadlineNotices.DeadlineLoggedAsync(db, actor, referral, clock.GetUtcNow(), ct);
                return Outcome.Success;
            },
            ct, oneTransaction: true);
        return escalated.Succeeded ? Outcome<int>.Ok(referral!.Id) : Outcome<int>.From(escalated);
    }

    /// <summary>
    /// The LINk's reports on an exercise, with each recommendation and the response to it: "you said, we did".
    /// Withdrawn reports are left out.
    /// </summary>
    /// <returns>The reports in order of receipt, untracked; empty for an exercise with none. Refuses nobody.</returns>
    public async Task<IReadOnlyList<ResponseDeadline>> ReportsForExerciseAsync(int exerciseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Deadlines.AsNoTracking().Include(d => d.Recommendations)
            .Where(d => d.ExerciseId == exerciseId && d.Kind == DeadlineKind.ReportResponse && d.State != DeadlineState.Withdrawn)
            .OrderBy(d => d.Received).ThenBy(d => d.Id)
            .ToListAsync(ct);
    }

    /// <summary>
    /// Admins change a kind of deadline (or add a custom one, when <paramref name="id"/> is null). Existing deadlines keep
    /// the working days they were logged with.
    /// </summary>
    /// <returns>
    /// The kind's id (the first one's for a repeated submission); field messages on "Name" (missing, taken, also a moment
    /// before by someone else), "WorkingDays"
    /// (1 to 1,000), "RemindDaysBefore" (whole working days from 1 to 1,000), "EscalateAfterWorkingDays" (0 to 1,000) or
    /// "IsActive" (a statutory kind stays in use); a problem when the kind no longer exists, or when another administrator
    /// saved it after <see cref="DeadlineRuleInput.Version"/> (saying who, when and what; theirs is kept).
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<Outcome<int>> SaveRuleAsync(Actor actor, int? id, DeadlineRuleInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "change a kind of deadline");
        var errors = InputValidation.Validate(input).ToList();
        var reminders = new List<int>();
        foreach (var part in (input.RemindDaysBefore ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= WorkingDayCalendar.MaxWorkingDays)
            {
                reminders.Add(days);
            }
            else
            {
                errors.Add(new FieldError(nameof(input.RemindDaysBefore), "List whole numbers of working days from 1 to 1000, separated by commas, e.g. \"5, 1\"."));
                break;
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (id is null && await db.EarlierIdAsync(actor, key, nameof(DeadlineRule), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        var name = input.Name?.Trim() ?? "";
        async Task<FieldError?> NameTakenAsync() =>
            name.Length > 0 && await db.DeadlineRules.AnyAsync(r => r.Name.ToLower() == name.ToLower() && r.Id != (id ?? 0), ct)
                ? new FieldError(nameof(input.Name), "Another kind already has this name.")
                : null;

        if (await NameTakenAsync() is { } taken)
        {
            errors.Add(taken);
        }

        if (errors.Count > 0)
        {
            return Outcome<int>.Invalid([.. errors]);
        }

        if (id is { } existing)
        {
            var replan = false;
            var changed = await db.ChangeAsync(actor, access, () => db.DeadlineRules.FirstOrDefaultAsync(r => r.Id == existing, ct),
                "This kind of deadline no longer exists.", _ => new ChangedRow(nameof(DeadlineRule), existing, "kind of deadline"),
                refuse: null, // An administrator's right, checked above: it does not depend on the kind.
                rule =>
                {
                    if (!input.IsActive && rule.Kind != DeadlineKind.Custom)
                    {
                        return Task.FromResult(Outcome.Invalid(new FieldError(nameof(input.IsActive), "The statutory kinds stay in use; change their working days instead.")));
                    }

                    var (daysBefore, escalateAfter) = (rule.RemindDaysBefore.ToList(), rule.EscalateAfterWorkingDays);
                    rule.Change(name, input.WorkingDays!.Value, reminders, input.EscalateAfterWorkingDays!.Value, input.IsActive, input.DischargedBy);
                    replan = !daysBefore.SequenceEqual(rule.RemindDaysBefore) || escalateAfter != rule.EscalateAfterWorkingDays;
                    return Task.FromResult(Outcome.Success);
                },
                ct, seenVersion: input.Version, taken: NameTakenAsync);
            if (!changed.Succeeded)
            {
                return Outcome<int>.From(changed);
            }

            if (replan)
            {
                // The sweep plans with the kind's current settings: its open deadlines are planned again with the new ones.
                // After the save, so a sweep that reads the deadlines after this reads the new settings too.
                await ReminderSchedule.PlanAgainAsync(db.Deadlines.Where(d => d.RuleId == existing), Today, ct);
            }

            return Outcome<int>.Ok(existing);
        }

        var rule = new DeadlineRule(DeadlineKind.Custom, name, input.WorkingDays!.Value);
        db.DeadlineRules.Add(rule);
        rule.Change(name, input.WorkingDays!.Value, reminders, input.EscalateAfterWorkingDays!.Value, input.IsActive, input.DischargedBy);
        return await db.SaveOnceAsync(actor, key, nameof(DeadlineRule), () => rule.Id, clock, taken: NameTakenAsync, ct);
    }

    /// <summary>
    /// Responsiveness per responding organisation over a financial year (by date of receipt), the acknowledgement and the
    /// full answer counted apart (see <see cref="ResponsivenessRules"/>); organisations that received nothing are left out.
    /// </summary>
    /// <param name="year">The financial year (1 April to 31 March) the deadlines were received in.</param>
    /// <param name="organisationId">Only this organisation, or all.</param>
    /// <param name="ct">Cancels the reads.</param>
    /// <returns>The figures per organisation, ordered by name; empty when nothing was received in the year. Refuses
    /// nobody: the figures are public, as the public responsiveness page shows them.</returns>
    public async Task<IReadOnlyList<ResponsivenessFigures>> ResponsivenessAsync(FinancialYear year, int? organisationId = null, CancellationToken ct = default)
    {
        var records = await ResponsivenessRecordsAsync(year, organisationId, ct);
        return ResponsivenessRules.Compute(records.Select(r => r.Record), year, await holidays.GetAsync(ct), Today);
    }

    /// <summary>
    /// The deadlines behind <see cref="ResponsivenessAsync"/>, each with its id, kind and subject (no names of people),
    /// ordered by date received.
    /// </summary>
    /// <returns>One line per deadline received in <paramref name="year"/> (sent to <paramref name="organisationId"/>
    /// when given), oldest first; empty when none was. Refuses nobody: the lines name no person.</returns>
    public async Task<IReadOnlyList<ResponsivenessLine>> ResponsivenessRecordsAsync(FinancialYear year, int? organisationId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (start, end) = (year.Start, year.End);
        var query = db.Deadlines.AsNoTracking().Where(d => d.Received >= start && d.Received <= end);
        if (organisationId is { } only)
        {
            query = query.Where(d => d.ToOrganisationId == only);
        }

        var rows = await (from d in query
                          join o in db.Organisations on d.ToOrganisationId equals o.Id
                          orderby d.Received, d.Id
                          select new
                          {
                              d.Id, d.KindName, d.Subject, OrganisationId = o.Id, o.Name, o.Kind, d.State, d.DischargedBy, d.Received, d.DueDate,
                              d.LapsedDueDate, d.AcknowledgedAt, d.AnsweredOn, d.WorkingDaysLate, WasEscalated = d.EscalatedToDeadlineId != null,
                          })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ResponsivenessLine(r.Id, r.KindName, r.Subject, new ResponsivenessRecord(
            r.OrganisationId, r.Name, r.Kind, r.State, r.DischargedBy, r.Received, r.DueDate, r.LapsedDueDate,
            r.AcknowledgedAt is { } at ? UkTime.Today(at) : null, r.AnsweredOn, r.WorkingDaysLate, r.WasEscalated)))];
    }

    private enum Side
    {
        Sender,
        Recipient,
        Either,
    }

    private static Refusal? NotOnSide(Actor actor, ResponseDeadline deadline, Side side, string action)
    {
        var allowed = side switch
        {
            Side.Sender => IsSender(actor, deadline),
            Side.Recipient => IsRecipient(actor, deadline),
            _ => IsSender(actor, deadline) || IsRecipient(actor, deadline),
        };
        return allowed ? null : new Refusal(action, $"deadline {deadline.Id}", side switch
        {
            Side.Sender => "Only the LINk that sent it can do this.",
            Side.Recipient => "Only the organisation it was sent to can do this.",
            _ => "Only the LINk that sent it, or the organisation it was sent to, can do this.",
        });
    }

    /// <summary>Records the notices of a deadline step in the step's own save (see <see cref="DeadlineNotices"/>).</summary>
    private delegate Task Notify(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, DateTimeOffset now, CancellationToken ct);

    /// <summary>Every step on a deadline: <see cref="ChangePath"/>, with the step's notices once the deadline's behaviour succeeded.</summary>
    private async Task<Outcome> ChangeAsync(
        Actor actor, int id, Side side, string action, Func<ResponseDeadline, EngagementHubDbContext, Task<Outcome>> change, CancellationToken ct,
        Notify? notify = null,
        SubmissionKey key = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access,
            () => db.Deadlines.Include(d => d.Recommendations).FirstOrDefaultAsync(d => d.Id == id, ct),
            "This deadline no longer exists.", _ => new ChangedRow(nameof(ResponseDeadline), id, "deadline", DeadlineRecounts.Describe),
            deadline => NotOnSide(actor, deadline, side, action),
            async deadline =>
            {
                var outcome = await change(deadline, db);
                if (outcome.Succeeded && notify is not null)
                {
                    await notify(db, actor, deadline, clock.GetUtcNow(), ct);
                }

                return outcome;
            },
            ct, key: key, keyAction: action, clock: clock);
    }
}
