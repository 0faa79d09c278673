using System.Linq.Expressions;
using EngagementHub.Core.Common;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// Where a deadline stands. "Overdue" is not stored: it is open (see <see cref="ResponseDeadline.IsOpen"/>) past its due
/// date. "Acknowledged" is open for a kind discharged by its answer, and done for one discharged by its acknowledgement.
/// </summary>
public enum DeadlineState
{
    Awaiting,
    Acknowledged,
    Answered,
    Withdrawn,
    Escalated,
}

/// <summary>The dates of a deadline counted in working days, as one calendar counts them (<see cref="ResponseDeadline.DatesOn"/>).</summary>
/// <param name="DueDate">The date the duty is due by (<see cref="ResponseDeadline.DueDate"/>).</param>
/// <param name="Statutory">The statutory count from receipt (<see cref="ResponseDeadline.OriginalDueDate"/>).</param>
/// <param name="Lapsed">The due date missed before a late extension (<see cref="ResponseDeadline.LapsedDueDate"/>); null for none.</param>
public sealed record CountedDates(DateOnly DueDate, DateOnly Statutory, DateOnly? Lapsed);

/// <summary>
/// Something the LINk sent that the other side must answer by a statutory due date: a request for information, a
/// report with recommendations, or a referral to the scrutiny committee.
/// </summary>
public class ResponseDeadline : IVersioned
{
    /// <summary>The longest subject the database keeps, in characters (the form refuses longer ones at the field).</summary>
    public const int SubjectMaxLength = 300;

    /// <summary>The longest answer the form and <see cref="RecordAnswer"/> take, in characters.</summary>
    public const int AnswerLimit = 4000;

    /// <summary>The longest reason for an extension the form and <see cref="ProposeExtension"/> take, in characters (its column's length).</summary>
    public const int ExtensionReasonLimit = 2000;

    private readonly List<Recommendation> _recommendations = [];

    private ResponseDeadline()
    {
        KindName = "";
        Subject = "";
        OwnerUserId = "";
        OwnerName = "";
    }

    /// <summary>A deadline logged by the LINk, awaiting its answer, with the next sweep planned to look at it.</summary>
    /// <param name="rule">The kind of deadline; its name, duty step and kind are copied, so a later change to the kind
    /// leaves this deadline as it was logged.</param>
    /// <param name="subject">What was sent, in a line; trimmed.</param>
    /// <param name="details">More about it; blank is stored as nothing.</param>
    /// <param name="sentByOrganisationId">The organisation that sent it (the LINk).</param>
    /// <param name="toOrganisationId">The organisation that must answer.</param>
    /// <param name="toContactId">The named contact there, who gets the reminders with the owner; null for none.</param>
    /// <param name="ownerUserId">The account of the LINk's person who follows it up.</param>
    /// <param name="ownerName">That person's name as shown, kept with the deadline.</param>
    /// <param name="exerciseId">The engagement exercise it belongs to, if any.</param>
    /// <param name="due">The due date worked out for the day of receipt, from the rule's working days.</param>
    /// <param name="createdAt">The moment it was logged (UTC).</param>
    /// <exception cref="ArgumentException">The subject is blank (the service refuses it at the field first).</exception>
    public ResponseDeadline(
        DeadlineRule rule, string subject, string? details, int sentByOrganisationId, int toOrganisationId, int? toContactId,
        string ownerUserId, string ownerName, int? exerciseId, DueDateCalculation due, DateTimeOffset createdAt)
        : this()
    {
        RuleId = rule.Id;
        Kind = rule.Kind;
        KindName = rule.Name;
        Subject = string.IsNullOrWhiteSpace(subject) ? throw new ArgumentException("Say what was sent.", nameof(subject)) : subject.Trim();
        Details = InputValidation.Clean(details);
        SentByOrganisationId = sentByOrganisationId;
        ToOrganisationId = toOrganisationId;
        ToContactId = toContactId;
        OwnerUserId = ownerUserId;
        OwnerName = ownerName;
        ExerciseId = exerciseId;
        Received = due.Received;
        WorkingDays = due.WorkingDays;
        DueDate = due.DueDate;
        OriginalDueDate = due.DueDate;
        LoggedDueDate = due.DueDate;
        DischargedBy = rule.DischargedBy;
        State = DeadlineState.Awaiting;
        CreatedAt = createdAt;
        // Planned from the start: the next sweep works out which reminder is due, and when the next one comes.
        NextReminderOn = due.Received;
    }

    public int Id { get; private set; }
    public int RuleId { get; private set; }
    public DeadlineKind Kind { get; private set; }

    /// <summary>The kind's name when the deadline was logged.</summary>
    public string KindName { get; private set; }

    public string Subject { get; private set; }
    public string? Details { get; private set; }
    public int SentByOrganisationId { get; private set; }
    public int ToOrganisationId { get; private set; }

    /// <summary>The named person who received it (e.g. the senior manager who receives LINk requests).</summary>
    public int? ToContactId { get; private set; }

    /// <summary>The LINk's own person who logged it and follows it up (its owner): reminders are worded for them.</summary>
    public string OwnerUserId { get; private set; }
    public string OwnerName { get; private set; }
    public int? ExerciseId { get; private set; }

    public DateOnly Received { get; private set; }

    /// <summary>The rule's working days when the deadline was logged: a later change to the rule does not move it.</summary>
    public int WorkingDays { get; private set; }

    /// <summary>
    /// The date the duty is due by now: the statutory count on today's calendar, or an agreed extension's date
    /// (<see cref="ExtensionDueDate"/>, the next working day when a bank holiday falls on it), whichever is later: an
    /// extension never gives less time than the law (<see cref="DueDateOn"/>, ADR 0012).
    /// </summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>The statutory count before any extension; moves with the bank holidays while the deadline is open, also
    /// while an agreed extension sets the due date (<see cref="Recount"/>).</summary>
    public DateOnly OriginalDueDate { get; private set; }

    /// <summary>
    /// The due date when the deadline was logged, never changed: reminders for it are recorded under plain step keys,
    /// reminders for any later due date under keys that carry that date, so each date gets its own reminders.
    /// </summary>
    public DateOnly LoggedDueDate { get; private set; }

    /// <summary>
    /// The due date that had already passed when an extension was agreed, or null. Lateness is counted against it: an
    /// extension agreed too late moves the date to work to, not the record of having missed one (ADR 0012). Recounted with
    /// the statutory date while the deadline is open (<see cref="Recount"/>), so lateness stays measured against the count
    /// as the current bank holidays make it.
    /// </summary>
    public DateOnly? LapsedDueDate { get; private set; }

    /// <summary>
    /// When an extension agreed earlier was in force as the due date was missed (<see cref="LapsedDueDate"/>), that
    /// extension's date as both sides agreed it, also when the statutory count had come to end after it; null when no
    /// extension was in force, and when none was missed. A recount treats the missed date as it treats an agreed date (the
    /// next working day when a bank holiday falls on it, never earlier than the count), always from this date, so it comes
    /// back when a holiday declared on it is removed again, and to the agreed date when holidays that made the count
    /// overtake it are (ADR 12, 2026-12-04).
    /// </summary>
    public DateOnly? LapsedExtensionDate { get; private set; }

    /// <summary>
    /// The UK date the first extension agreed after the due date had passed was agreed: the day the deadline's lateness
    /// was settled, which no recount moves the missed date onto or past (ADR 12). Null when none was agreed late, and for
    /// one agreed late before this was recorded (2026-12-04), for which the latest agreement's day stands in.
    /// </summary>
    public DateOnly? LateExtensionAgreedOn { get; private set; }

    /// <summary>
    /// Why the dates counted in working days last moved without anyone acting on the deadline (a recount,
    /// <see cref="Recount"/>), e.g. "Due date moved from Wed 28 Sep 2022 to Thu 29 Sep 2022 because bank holiday Mon 19 Sep
    /// 2022 was added", or the statutory date or the missed one when only they moved; written to the history with the new
    /// dates, and only by a recount, which is how an edit conflict with one is told apart from a person's save
    /// (<see cref="DeadlineRecounts.Describe"/>). The app composes it, so a note longer than its 2,000-character column
    /// (many holidays changed at once) is cut, ending "…".
    /// </summary>
    public string? DueDateNote { get; private set; }

    /// <summary>The rule's duty step when the deadline was logged.</summary>
    public DutyStep DischargedBy { get; private set; }

    public DeadlineState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>
    /// The UK date from which the reminder sweep looks at this deadline again: the day its next reminder comes, or an
    /// earlier day when a change means its reminders must be planned again (logged, an extension agreed, the bank
    /// holidays or its kind's reminder settings changed); null once it is closed (answered, withdrawn, escalated, or
    /// acknowledged where that meets the duty). The sweep reads only open deadlines with this date on or before today
    /// (indexed) and, once it has recorded what was due, moves it on to <see cref="ReminderPlanner.NextOn"/> in the same
    /// transaction. Never later than the next reminder: an early date costs one extra look, a late one a lost reminder.
    /// </summary>
    public DateOnly? NextReminderOn { get; private set; }

    /// <summary>
    /// Renewed whenever the deadline's reminders must be planned again though the deadline itself did not change (the bank
    /// holidays, or its kind's reminder settings, changed: <see cref="ReminderSchedule.PlanAgainAsync"/>). The reminder
    /// sweep stores a next reminder date only where this is still the one it read, as well as <see cref="Version"/>, so a
    /// date planned on the old calendar or settings is never stored. Apart from <see cref="Version"/> on purpose: such a
    /// change is no edit of the deadline, and must not refuse the save of someone who has its page open (ADR 3). Not
    /// audited (it says nothing to a reader).
    /// </summary>
    public Guid ReminderPlanToken { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>The UK date the acknowledgement was recorded; null when none was.</summary>
    public DateOnly? AcknowledgedOn => AcknowledgedAt is { } at ? UkTime.Today(at) : null;
    public string? AcknowledgedBy { get; private set; }

    public DateOnly? AnsweredOn { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredBy { get; private set; }

    /// <summary>
    /// Working days after the due date the duty was discharged (the answer, or the acknowledgement for a kind discharged
    /// by it), counted from <see cref="LapsedDueDate"/> when an extension came too late; 0 when on time.
    /// </summary>
    public int? WorkingDaysLate { get; private set; }

    // An extension is held in two parts, so that proposing another never unsettles the one in force: the proposal waiting
    // for the other side (Proposed*, Proposal*), and the last extension both sides agreed (Extension*), which stays as it
    // was, with who agreed it and why, until a new proposal is agreed in its place.

    /// <summary>The due date one side proposed and the other has not agreed yet; null when no proposal waits.</summary>
    public DateOnly? ProposedDueDate { get; private set; }

    /// <summary>Why the waiting proposal is needed, as its proposer wrote it; null when no proposal waits.</summary>
    public string? ProposalReason { get; private set; }

    /// <summary>Who made the waiting proposal; it counts as their side's agreement. Null when no proposal waits.</summary>
    public string? ProposalBy { get; private set; }

    /// <summary>Whether the waiting proposal came from the LINk (true) or the organisation answering (false); null when none waits.</summary>
    public bool? ProposalByLink { get; private set; }

    // The last proposal the side asked declined (DeclineExtension), kept apart from both: the history shows the decline
    // as one entry, and the deadline's page reads who declined which date, when and why, until another is declined.

    /// <summary>The due date of the last proposal the other side declined (<see cref="DeclineExtension"/>); null when none was declined.</summary>
    public DateOnly? DeclinedDueDate { get; private set; }

    /// <summary>Why the last proposal declined was declined, as the person who declined it wrote it; null when none was declined.</summary>
    public string? DeclineReason { get; private set; }

    /// <summary>Who declined the last proposal declined; null when none was declined.</summary>
    public string? DeclinedBy { get; private set; }

    /// <summary>Whether the LINk (true) or the organisation answering (false) declined the last proposal declined, which the
    /// other side had proposed; null when none was declined.</summary>
    public bool? DeclinedByLink { get; private set; }

    /// <summary>When the last proposal declined was declined (UTC); null when none was declined.</summary>
    public DateTimeOffset? DeclinedAt { get; private set; }

    /// <summary>Why the extension in force was needed; null until an extension is agreed.</summary>
    public string? ExtensionReason { get; private set; }

    /// <summary>Who proposed the extension in force; null until an extension is agreed.</summary>
    public string? ExtensionProposedBy { get; private set; }

    /// <summary>Whether the extension in force was proposed by the LINk; null until an extension is agreed.</summary>
    public bool? ExtensionProposedByLink { get; private set; }

    /// <summary>Who agreed the extension in force for the LINk (its proposer, when the LINk proposed it).</summary>
    public string? ExtensionAgreedByLink { get; private set; }

    /// <summary>Who agreed the extension in force for the organisation answering (its proposer, when that side proposed it).</summary>
    public string? ExtensionAgreedByRecipient { get; private set; }

    /// <summary>When the extension in force was agreed (the other side's agreement); null until an extension is agreed.</summary>
    public DateTimeOffset? ExtensionAgreedAt { get; private set; }

    /// <summary>
    /// The UK date both sides agreed in the extension in force, as agreed; null until an extension is agreed. The due date
    /// is this date, or the next working day when a bank holiday has come to fall on it, or the statutory count when a
    /// holiday change has moved that past it (<see cref="DueDateOn"/>); kept as agreed meanwhile, so that the date comes
    /// back when the holiday change is undone.
    /// </summary>
    public DateOnly? ExtensionDueDate { get; private set; }

    /// <summary>
    /// An extension was agreed, but the statutory count has since come to end later than it (bank holidays added within
    /// the count), so the deadline is due by that count: the extension no longer extends (ADR 0012).
    /// </summary>
    public bool ExtensionOvertaken => DeadlineTerms.ExtensionOvertaken(ExtensionAgreedAt is not null, ExtensionDueDate, DueDate, OriginalDueDate);

    public int? EscalatedToDeadlineId { get; private set; }
    public int? EscalatedFromDeadlineId { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public Guid Version { get; set; }

    public IReadOnlyCollection<Recommendation> Recommendations => _recommendations.AsReadOnly();

    /// <summary>The duty is not yet discharged: reminders, overdue and escalation apply.</summary>
    public bool IsOpen => State == DeadlineState.Awaiting || (State == DeadlineState.Acknowledged && DischargedBy == DutyStep.Answer);

    /// <summary><see cref="IsOpen"/> for queries the database runs.</summary>
    public static readonly Expression<Func<ResponseDeadline, bool>> Open =
        d => d.State == DeadlineState.Awaiting || (d.State == DeadlineState.Acknowledged && d.DischargedBy == DutyStep.Answer);

    /// <summary>
    /// Discharged by its acknowledgement, with the answer still to come: an open follow-up (the committee keeps the LINk
    /// informed), never overdue, with no reminders. Recording the answer closes it.
    /// </summary>
    public bool AwaitsFollowUp => State == DeadlineState.Acknowledged && DischargedBy == DutyStep.Acknowledgement;

    /// <summary>
    /// <see cref="AnswerAwaited"/> for queries the database runs: the organisation it was sent to still owes a step, the
    /// duty (<see cref="Open"/>), the follow-up answer of a kind met by its acknowledgement (<see cref="AwaitsFollowUp"/>),
    /// or the answer to a deadline escalated unanswered (escalating does not release it, ADR 12). Answered and withdrawn
    /// ones are not.
    /// </summary>
    public static readonly Expression<Func<ResponseDeadline, bool>> AnswerStillOwed =
        d => d.State == DeadlineState.Awaiting || d.State == DeadlineState.Acknowledged || d.State == DeadlineState.Escalated;

    /// <summary>
    /// An answer can be recorded: the duty is open, the follow-up of an acknowledged referral is awaited, or the deadline was
    /// escalated to the scrutiny committee unanswered (escalating does not release the organisation from answering).
    /// </summary>
    public bool AnswerAwaited => IsOpen || AwaitsFollowUp || State == DeadlineState.Escalated;

    /// <summary>The due date lateness is counted against: the lapsed one when an extension came too late.</summary>
    public DateOnly LatenessMeasuredFrom => LapsedDueDate ?? DueDate;

    public bool IsOverdueOn(DateOnly today) => IsOpen && today > DueDate;

    /// <returns>The state as people say it on <paramref name="today"/> (<see cref="DeadlineTerms.StateLabel"/>).</returns>
    public string StateLabel(DateOnly today) => DeadlineTerms.StateLabel(State, DischargedBy, IsOverdueOn(today));

    /// <returns>How late the step that meets the duty (<see cref="DischargedBy"/>) was taken, or null before it is
    /// (<see cref="DeadlineTerms.DutyLateness"/>).</returns>
    public string? DutyLateness => DeadlineTerms.DutyLateness(WorkingDaysLate, LapsedDueDate, DutyMetOn);

    /// <returns>Whether its answer is the step that meets its duty (<see cref="DeadlineTerms.AnswerMeetsTheDuty"/>).</returns>
    public bool AnswerMeetsTheDuty => DeadlineTerms.AnswerMeetsTheDuty(DischargedBy, AcknowledgedOn, AnsweredOn);

    /// <summary>The UK date the duty was met: the answer's when it meets the duty, else the acknowledgement's; null before.</summary>
    public DateOnly? DutyMetOn => DeadlineTerms.TakenOn(DischargedBy, AcknowledgedOn, AnsweredOn);

    /// <summary>
    /// Has the reminder sweep plan this deadline again from <paramref name="day"/> (or sooner, if it was already due
    /// sooner); a closed deadline gets no more reminders (<see cref="NextReminderOn"/> null).
    /// </summary>
    public void PlanRemindersFrom(DateOnly day) =>
        NextReminderOn = !IsOpen ? null : NextReminderOn is { } planned && planned < day ? planned : day;

    public Recommendation AddRecommendation(string text)
    {
        var recommendation = new Recommendation(_recommendations.Count + 1, text);
        _recommendations.Add(recommendation);
        return recommendation;
    }

    internal void LinkEscalation(int fromDeadlineId) => EscalatedFromDeadlineId = fromDeadlineId;

    /// <summary>
    /// Records the acknowledgement. For a kind discharged by it, this meets the deadline: its lateness is recorded (in
    /// working days after the due date, on <paramref name="today"/>), the answer becomes a follow-up, and an extension
    /// proposal waiting is set aside (<see cref="SetAsideWaitingProposal"/>).
    /// </summary>
    public Outcome Acknowledge(string byName, DateTimeOffset at, DateOnly today, WorkingDayCalendar calendar)
    {
        if (State != DeadlineState.Awaiting)
        {
            return Outcome.Failed(State == DeadlineState.Acknowledged ? "This has already been acknowledged." : $"This is {Describe()}; it cannot be acknowledged.");
        }

        State = DeadlineState.Acknowledged;
        AcknowledgedAt = at;
        AcknowledgedBy = byName;
        if (DischargedBy == DutyStep.Acknowledgement)
        {
            WorkingDaysLate = calendar.WorkingDaysLate(LatenessMeasuredFrom, today);
            SetAsideWaitingProposal();
        }

        // Met by the acknowledgement: no more reminders. Still open for the answer: the same reminders, planned again
        // today in case a kind's reminders ever depend on the acknowledgement.
        PlanRemindersFrom(today);
        return Outcome.Success;
    }

    /// <summary>
    /// Records the answer, however late; lateness is counted in working days after the due date (for a kind discharged by
    /// its acknowledgement, only when none was recorded: the answer then meets the duty). An answer to a deadline
    /// escalated to the scrutiny committee is still recorded (a late answer is still recorded, with how late it was): it
    /// becomes answered, and stays linked to its referral. An extension proposal waiting is set aside
    /// (<see cref="SetAsideWaitingProposal"/>).
    /// </summary>
    public Outcome RecordAnswer(string answer, DateOnly answeredOn, string byName, WorkingDayCalendar calendar)
    {
        if (!AnswerAwaited)
        {
            return Outcome.Failed($"This is {Describe()}; no answer is awaited.");
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(answer))
        {
            errors.Add(new FieldError("Answer", "Give the answer, or a summary of it with where it can be read."));
        }
        else if (InputValidation.TooLong("Answer", answer, AnswerLimit, "The answer") is { } tooLong)
        {
            errors.Add(tooLong);
        }

        errors.AddRange(InputValidation.CheckText(("Answer", answer)));

        if (answeredOn < Received)
        {
            errors.Add(new FieldError("AnsweredOn", $"The answer cannot come before the request was received, on {UkTime.FormatDate(Received)}: enter that day or a later one."));
        }

        if (errors.Count > 0)
        {
            return Outcome.Invalid([.. errors]);
        }

        State = DeadlineState.Answered;
        Answer = answer.Trim();
        AnsweredOn = answeredOn;
        AnsweredBy = byName;
        // A kind discharged by its acknowledgement was measured then, and the answer is the follow-up; answered without
        // one, or dated before the day one was recorded, the answer is the first step taken and meets the duty, as the
        // responsiveness figures count it (ResponsivenessRules.TakenOn), so its lateness is recorded here, in place of
        // the acknowledgement's.
        if (AnswerMeetsTheDuty)
        {
            WorkingDaysLate = calendar.WorkingDaysLate(LatenessMeasuredFrom, answeredOn);
        }

        NextReminderOn = null;
        SetAsideWaitingProposal();
        return Outcome.Success;
    }

    /// <summary>The LINk withdraws an open deadline: no answer is needed any more, and an extension waiting is not either.</summary>
    /// <returns>Success; a failure when it is no longer open.</returns>
    public Outcome Withdraw(DateTimeOffset at)
    {
        if (!IsOpen)
        {
            return Outcome.Failed($"This is {Describe()}; it cannot be withdrawn.");
        }

        State = DeadlineState.Withdrawn;
        WithdrawnAt = at;
        NextReminderOn = null;
        SetAsideWaitingProposal();
        return Outcome.Success;
    }

    /// <summary>A late one is escalated: the caller creates the scrutiny referral and links it here. Its due date no longer
    /// changes, so an extension proposal waiting is set aside (<see cref="SetAsideWaitingProposal"/>).</summary>
    public Outcome MarkEscalated(DateOnly today)
    {
        if (!IsOverdueOn(today))
        {
            return Outcome.Failed("Only an overdue deadline can be escalated to the scrutiny committee.");
        }

        State = DeadlineState.Escalated;
        NextReminderOn = null;
        SetAsideWaitingProposal();
        return Outcome.Success;
    }

    /// <summary>
    /// A step that closes the deadline (an answer, a withdrawal, an escalation, an acknowledgement that meets the duty)
    /// ends any extension proposal waiting: nothing is left for it to extend, so no page or list offers it any more. So
    /// does declining the proposal (<see cref="DeclineExtension"/>) or withdrawing it (<see cref="WithdrawExtensionProposal"/>).
    /// The extension already in force, if any, stays as the record of the date met. Saved, and audited, with the step.
    /// </summary>
    private void SetAsideWaitingProposal()
    {
        ProposedDueDate = null;
        ProposalReason = null;
        ProposalBy = null;
        ProposalByLink = null;
    }

    /// <summary>
    /// Why an extension can no longer be agreed, declined or withdrawn: what closed the deadline, and when (UK dates), in
    /// words for the person who tried. Null while it is open.
    /// </summary>
    private string? ClosedSince()
    {
        const string notNeeded = "the extension proposed is no longer needed. Nothing was saved.";
        return IsOpen ? null
            : State == DeadlineState.Escalated ? $"{WhatClosedIt()}; its due date no longer changes, so {notNeeded}"
            : $"{WhatClosedIt()}; {notNeeded}";
    }

    internal void LinkReferral(int referralId) => EscalatedToDeadlineId = referralId;

    /// <summary>
    /// Whether the extension proposal waiting now is the one the person's screen showed (<paramref name="seen"/>, its
    /// date; null for none). An agreement binds both sides to a date, so it must be the date the person was shown, and a
    /// proposal must not replace, unseen, one the other side is waiting on.
    /// </summary>
    /// <returns>Null when it is the same; otherwise a failure saying what happened since, to reload and see: another date
    /// proposed, or the one shown agreed, declined or withdrawn (each by whom, where the deadline keeps it).</returns>
    private Outcome? ProposalChangedSince(DateOnly? seen)
    {
        if (ProposedDueDate == seen)
        {
            return null;
        }

        if (ProposedDueDate is { } now)
        {
            return Outcome.Failed($"{UntrustedText.Isolate(ProposalBy ?? "The other side")} proposed {UkTime.FormatDate(now)} as the new due date after you opened this page. "
                                  + "Nothing was saved: reload to see the proposal, then agree or decline it, or propose another date.");
        }

        // The one shown is no longer waiting: say what became of it, as the other side's page or a colleague's left it.
        var shown = UkTime.FormatDate(seen!.Value);
        var agreedBy = ExtensionProposedByLink == true ? ExtensionAgreedByRecipient : ExtensionAgreedByLink;
        return Outcome.Failed(
            ExtensionAgreedAt is not null && ExtensionDueDate == seen
                ? $"{UntrustedText.Isolate(agreedBy ?? "The other side")} agreed the extension to {shown} after you opened this page: it is the due date now. Nothing was saved."
            : DeclinedDueDate == seen && DeclinedBy is { } declinedBy
                ? $"{UntrustedText.Isolate(declinedBy)} declined the extension to {shown} after you opened this page: the due date stays {UkTime.FormatDate(DueDate)}. "
                  + "Nothing was saved; the deadline's page gives their reason."
            : $"The extension to {shown} you were shown was withdrawn after you opened this page: the due date stays {UkTime.FormatDate(DueDate)}. Nothing was saved.");
    }

    /// <summary>"Tue 29 Sep 2026 is today." or "Mon 28 Sep 2026 has already passed.", for a date proposed or agreed.</summary>
    private static string NotStillToCome(DateOnly date, DateOnly today) =>
        date == today ? $"{UkTime.FormatDate(date)} is today." : $"{UkTime.FormatDate(date)} has already passed.";

    /// <summary>The earliest date an extension can be proposed on <paramref name="today"/>, as <see cref="ProposeExtension"/>
    /// takes it: the first working day on <paramref name="calendar"/> after both today and the due date.</summary>
    /// <returns>That UK date. A calculation: it refuses nothing.</returns>
    public DateOnly EarliestExtension(DateOnly today, WorkingDayCalendar calendar) => EarliestExtension(today, DueDate, calendar);

    private static DateOnly EarliestExtension(DateOnly today, DateOnly dueDate, WorkingDayCalendar calendar) =>
        calendar.NextWorkingDay((today > dueDate ? today : dueDate).AddDays(1));

    /// <summary>
    /// Why the extension waiting to be agreed cannot be agreed on <paramref name="calendar"/>, as <see cref="AgreeExtension"/>
    /// would refuse it, though its date is still to come: a bank holiday has been declared on it (a due date is always a
    /// working day, ADR 12), or the bank holidays have moved the due date onto or past it (an extension must be later). A
    /// holiday change does not move a proposal, which is no date of the deadline yet, so the deadline's page says this
    /// beside it and the change's preview lists it. A date that is today or has passed is not asked here: any proposal
    /// comes to that, and the page says so in its own words.
    /// </summary>
    /// <param name="calendar">The working days: today's, or in a preview, as the change would make them.</param>
    /// <param name="today">The UK date: the date to propose instead is after it.</param>
    /// <param name="dueDate">The due date to compare with: in a preview, the one the change would give
    /// (<see cref="DatesOn"/>); null for the current one.</param>
    /// <returns>The proposal, the earliest working day to propose instead and the reason, e.g. "Fri 13 Nov 2026 has become
    /// a bank holiday (Day of mourning) since it was proposed, and a due date must be a working day, so it cannot be
    /// agreed: propose Mon 16 Nov 2026 or another working day instead."; null when no proposal waits, the deadline is
    /// closed, the date is not after <paramref name="today"/>, or it can be agreed. A calculation: it refuses nothing.</returns>
    public ProposalOvertaken? ProposalOvertakenOn(WorkingDayCalendar calendar, DateOnly today, DateOnly? dueDate = null)
    {
        if (!IsOpen || ProposedDueDate is not { } proposed || proposed <= today)
        {
            return null;
        }

        var due = dueDate ?? DueDate;
        if (proposed <= due)
        {
            var later = EarliestExtension(today, due, calendar);
            return new ProposalOvertaken(proposed, later, $"{UkTime.FormatDate(proposed)} is no longer later than the due date, which the bank holidays "
                + $"have moved to {UkTime.FormatDate(due)} since it was proposed, so it cannot be agreed: propose {UkTime.FormatDate(later)} or a later working day instead.");
        }

        if (calendar.IsWorkingDay(proposed))
        {
            return null;
        }

        var instead = calendar.NextWorkingDay(proposed);
        return new ProposalOvertaken(proposed, instead, $"{UkTime.FormatDate(proposed)} has become {calendar.DayNobodyWorks(proposed)} since it was proposed, and a due date must be a "
            + $"working day, so it cannot be agreed: propose {UkTime.FormatDate(instead)} or another working day instead.");
    }

    /// <summary>
    /// One side proposes a later due date, with the reason; the other side agrees it. A new proposal replaces one still
    /// waiting, when the person saw it (<paramref name="waitingSeen"/>): a counter-proposal. An extension already agreed
    /// stays in force, with who agreed it, until the new one is agreed.
    /// </summary>
    /// <param name="newDueDate">The UK date proposed: a working day after <paramref name="today"/>, later than the due date,
    /// at most five years beyond it (ADR 0012).</param>
    /// <param name="reason">Why; required, at most <see cref="ExtensionReasonLimit"/> characters.</param>
    /// <param name="byLink">Whether the LINk's side proposes.</param>
    /// <param name="byName">Who proposes, as they are named.</param>
    /// <param name="today">The UK date it is proposed on (<see cref="UkTime.Today(TimeProvider)"/>): a date on or before it
    /// would leave the deadline overdue the moment it was agreed.</param>
    /// <param name="calendar">The working days: a due date on a day nobody is at work would be met, or missed, on the
    /// next working day, so that day is proposed instead.</param>
    /// <param name="waitingSeen">The date of the proposal waiting when the person's screen was read; null when none was.</param>
    /// <returns>Success; field messages on "NewDueDate" (today or already passed, not later than the due date, too far, a
    /// weekend or bank holiday: each naming the earliest date that can be proposed where there is one) or "Reason"; a
    /// failure when it is closed, or when a proposal
    /// came or changed since the screen was read (<see cref="ProposalChangedSince"/>), so nobody replaces, unseen, a date the
    /// other side is waiting on.</returns>
    public Outcome ProposeExtension(DateOnly newDueDate, string reason, bool byLink, string byName, DateOnly today, WorkingDayCalendar calendar, DateOnly? waitingSeen)
    {
        if (!IsOpen)
        {
            return Outcome.Failed($"This is {Describe()}; its due date cannot change.");
        }

        if (ProposalChangedSince(waitingSeen) is { } changed)
        {
            return changed;
        }

        var errors = new List<FieldError>();
        if (newDueDate <= today)
        {
            // An extension to a day already here, or gone, would leave the deadline overdue as soon as it was agreed.
            errors.Add(new FieldError("NewDueDate", $"{NotStillToCome(newDueDate, today)} A new due date must be a working day after today: "
                + $"the earliest you can propose is {UkTime.FormatDate(EarliestExtension(today, calendar))}."));
        }
        else if (newDueDate <= DueDate)
        {
            errors.Add(new FieldError("NewDueDate", $"{UkTime.FormatDate(newDueDate)} is not later than the current due date, "
                + $"{UkTime.FormatDate(DueDate)}. An extension must be later: the earliest you can propose is {UkTime.FormatDate(EarliestExtension(today, calendar))}."));
        }
        else if (newDueDate > DueDate.AddYears(5))
        {
            errors.Add(new FieldError("NewDueDate", $"An extension can be at most five years beyond the current due date, {UkTime.FormatDate(DueDate)}: "
                + $"the latest you can propose is {UkTime.FormatDate(DueDate.AddYears(5))}."));
        }
        else if (!calendar.IsWorkingDay(newDueDate))
        {
            var day = calendar.DayNobodyWorks(newDueDate);
            errors.Add(new FieldError("NewDueDate",
                $"{UkTime.FormatDate(newDueDate)} is {day}. A due date must be a working day: the next is {UkTime.FormatDate(calendar.NextWorkingDay(newDueDate))}."));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("Reason", "Say why the extension is needed."));
        }
        else if (InputValidation.TooLong("Reason", reason, ExtensionReasonLimit, "The reason") is { } tooLong)
        {
            errors.Add(tooLong);
        }

        errors.AddRange(InputValidation.CheckText(("Reason", reason)));

        if (errors.Count > 0)
        {
            return Outcome.Invalid([.. errors]);
        }

        // Replaces a proposal still waiting, never the extension in force: that stands until this one is agreed.
        ProposedDueDate = newDueDate;
        ProposalReason = reason.Trim();
        ProposalBy = byName;
        ProposalByLink = byLink;
        return Outcome.Success;
    }

    /// <summary>
    /// The other side agrees the proposed date, which becomes the due date. Agreed after the due date had passed
    /// (<paramref name="today"/> later than it), the passed date is kept as <see cref="LapsedDueDate"/>. A note on an
    /// earlier recount (<see cref="DueDateNote"/>) no longer explains the dates and is cleared; the history keeps it.
    /// </summary>
    /// <param name="byLink">Whether the LINk's side agrees.</param>
    /// <param name="byName">Who agrees, as they are named.</param>
    /// <param name="at">When.</param>
    /// <param name="today">The UK date of <paramref name="at"/>.</param>
    /// <param name="proposedSeen">The proposed date the person was shown and agrees to: a proposal replaced since is not
    /// agreed in its place.</param>
    /// <param name="calendar">Today's working days: the date agreed must be one (ADR 12), though it was when proposed.</param>
    /// <returns>Success; a failure when the deadline has closed since (answered, withdrawn, escalated, or met by its
    /// acknowledgement: the message says which and when, <see cref="ClosedSince"/>), no extension waits, the person's own
    /// side proposed it, the proposal changed since it was shown, its date is <paramref name="today"/> or has passed (the
    /// message asks for a new proposal, naming the earliest date), the due date has moved past it, or it has become a bank
    /// holiday since it was proposed.</returns>
    public Outcome AgreeExtension(bool byLink, string byName, DateTimeOffset at, DateOnly today, DateOnly proposedSeen, WorkingDayCalendar calendar)
    {
        // First: a page left open after the other side answered must not move the date of an answered deadline, and
        // the person is told what happened rather than that the proposal changed.
        if (ClosedSince() is { } closed)
        {
            return Outcome.Failed(closed);
        }

        // A proposal gone since the page was read is told as what became of it, not as "none waiting".
        if (ProposalChangedSince(proposedSeen) is { } changed)
        {
            return changed;
        }

        if (ProposedDueDate is not { } proposed || ProposalByLink is not { } proposedByLink)
        {
            return Outcome.Failed("There is no extension waiting to be agreed.");
        }

        if (proposedByLink == byLink)
        {
            return Outcome.Failed("The other side agrees an extension, not the side that proposed it.");
        }

        if (proposed <= today)
        {
            // Proposed while still to come, and not agreed in time: agreed now, the deadline would be overdue at once.
            return Outcome.Failed($"The proposed date, {UkTime.FormatDate(proposed)}, {(proposed == today ? "is today" : "has already passed")}, so it can no longer be agreed: "
                + $"the deadline would be overdue as soon as it was. Nothing was saved. Propose a new date instead: a working day after today, "
                + $"{UkTime.FormatDate(EarliestExtension(today, calendar))} at the earliest.");
        }

        // The bank holidays changed since it was proposed: a holiday declared on it (a due date is always a working day,
        // ADR 12, or the deadline would read overdue on the day an answer still counts as on time), or a recount that moved
        // the due date onto or past it (it would shorten the time). The words are those the deadline's page shows beside it.
        if (ProposalOvertakenOn(calendar, today) is { } overtaken)
        {
            return Outcome.Failed($"{overtaken.Reason} Nothing was saved.");
        }

        // Agreed after the due date had passed: that date is missed, and lateness is counted from it (ADR 12). The first one
        // missed stands through later extensions, with what set it (the extension then in force, even one the count had
        // overtaken, or the count alone) and the day it was settled, so that a recount treats it as it was and never moves
        // it onto or past that day.
        if (today > DueDate && LapsedDueDate is null)
        {
            LapsedDueDate = DueDate;
            LapsedExtensionDate = ExtensionAgreedAt is not null ? ExtensionDueDate ?? DueDate : null;
            LateExtensionAgreedOn = today;
        }

        // The proposal becomes the extension in force, with both sides' agreement, and no proposal waits any more.
        ExtensionReason = ProposalReason;
        ExtensionProposedBy = ProposalBy;
        ExtensionProposedByLink = proposedByLink;
        ExtensionAgreedByLink = byLink ? byName : ProposalBy;
        ExtensionAgreedByRecipient = byLink ? ProposalBy : byName;
        ExtensionAgreedAt = at;
        ExtensionDueDate = proposed;
        ProposedDueDate = null;
        ProposalReason = null;
        ProposalBy = null;
        ProposalByLink = null;
        DueDate = proposed;
        // The dates as both sides agreed them now: a note on an earlier recount no longer explains them (the history keeps it).
        DueDateNote = null;
        // A new due date starts a fresh cycle of reminders: planned again today.
        PlanRemindersFrom(today);
        return Outcome.Success;
    }

    /// <summary>
    /// The side asked to agree the extension waiting declines it, saying why: the proposal is set aside and the due date
    /// stays as it is, with the extension in force, if any. The decline is kept (<see cref="DeclinedDueDate"/>,
    /// <see cref="DeclineReason"/>, <see cref="DeclinedBy"/>, <see cref="DeclinedByLink"/>, <see cref="DeclinedAt"/>), so
    /// both sides read who declined which date, when and why. A proposal that can no longer be agreed (its date has come,
    /// or the bank holidays have overtaken it, <see cref="ProposalOvertakenOn"/>) may still be declined, which sets it aside.
    /// </summary>
    /// <param name="byLink">Whether the LINk's side declines.</param>
    /// <param name="byName">Who declines, as they are named.</param>
    /// <param name="reason">Why; required, at most <see cref="ExtensionReasonLimit"/> characters.</param>
    /// <param name="at">When (UTC).</param>
    /// <param name="proposedSeen">The proposed date the person was shown and declines: a proposal replaced since is not
    /// declined in its place.</param>
    /// <returns>Success; a message on "Reason" when it is blank, longer than <see cref="ExtensionReasonLimit"/> or holds
    /// a control character; a failure when the deadline has closed since (answered, withdrawn, escalated, or met by its
    /// acknowledgement: the message says which and when, <see cref="ClosedSince"/>), no extension waits, the proposal
    /// changed since it was shown (<see cref="ProposalChangedSince"/>), or the person's own side proposed it (the message
    /// says to withdraw it instead).</returns>
    public Outcome DeclineExtension(bool byLink, string byName, string reason, DateTimeOffset at, DateOnly proposedSeen)
    {
        if (ClosedSince() is { } closed)
        {
            return Outcome.Failed(closed);
        }

        // A proposal gone since the page was read is told as what became of it, not as "none waiting".
        if (ProposalChangedSince(proposedSeen) is { } changed)
        {
            return changed;
        }

        if (ProposedDueDate is not { } proposed || ProposalByLink is not { } proposedByLink)
        {
            return Outcome.Failed("There is no extension waiting to be declined.");
        }

        if (proposedByLink == byLink)
        {
            return Outcome.Failed("The other side declines an extension, not the side that proposed it: withdraw the proposal instead.");
        }

        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("Reason", "Say why you decline the extension."));
        }
        else if (InputValidation.TooLong("Reason", reason, ExtensionReasonLimit, "The reason") is { } tooLong)
        {
            errors.Add(tooLong);
        }

        errors.AddRange(InputValidation.CheckText(("Reason", reason)));
        if (errors.Count > 0)
        {
            return Outcome.Invalid([.. errors]);
        }

        // The proposal is set aside; the due date, and the extension in force with it, stand.
        DeclinedDueDate = proposed;
        DeclineReason = reason.Trim();
        DeclinedBy = byName;
        DeclinedByLink = byLink;
        DeclinedAt = at;
        SetAsideWaitingProposal();
        return Outcome.Success;
    }

    /// <summary>
    /// The side that proposed the extension waiting withdraws it before the other side has agreed it: the proposal is set
    /// aside and the due date stays as it is, with the extension in force, if any. The history says who withdrew it, and
    /// when.
    /// </summary>
    /// <param name="byLink">Whether the LINk's side withdraws it.</param>
    /// <param name="proposedSeen">The proposed date the person was shown and withdraws: a counter-proposal the other side
    /// made since is not withdrawn in its place.</param>
    /// <returns>Success; a failure when the deadline has closed since (the message says what closed it and when,
    /// <see cref="ClosedSince"/>), no extension waits, the proposal changed since it was shown
    /// (<see cref="ProposalChangedSince"/>), or the other side proposed it (the message says to agree or decline it
    /// instead).</returns>
    public Outcome WithdrawExtensionProposal(bool byLink, DateOnly proposedSeen)
    {
        if (ClosedSince() is { } closed)
        {
            return Outcome.Failed(closed);
        }

        if (ProposalChangedSince(proposedSeen) is { } changed)
        {
            return changed;
        }

        if (ProposedDueDate is null || ProposalByLink is not { } proposedByLink)
        {
            return Outcome.Failed("There is no proposed extension waiting to be withdrawn.");
        }

        if (proposedByLink != byLink)
        {
            return Outcome.Failed("Only the side that proposed an extension withdraws it: agree or decline it instead.");
        }

        SetAsideWaitingProposal();
        return Outcome.Success;
    }

    /// <summary>
    /// The due date on <paramref name="calendar"/>: for an open deadline without an agreed extension, the statutory count
    /// from receipt; for an agreed extension, the date both sides agreed (<see cref="ExtensionDueDate"/>), or the next
    /// working day when a bank holiday has come to fall on it (a time limit that ends on a day the office is closed is met
    /// on the next day it is open, CPR 2.8(5)), so a due date is always a working day and "overdue" means the same in
    /// every list, reminder and figure; but never earlier than the statutory count: when bank holidays added within the
    /// count make it end after the agreed date, the deadline is due by the count (an extension never gives less time than
    /// the regulations' "20 working days beginning with" receipt), and when they are removed again, by the agreed date.
    /// An answered (or otherwise closed) deadline keeps the date it was answered against.
    /// </summary>
    /// <returns>The due date it would have; its current one when nothing moves it. A calculation: it refuses nothing.</returns>
    public DateOnly DueDateOn(WorkingDayCalendar calendar) => DatesOn(calendar).DueDate;

    /// <summary>
    /// Every date of the deadline counted in working days, as <paramref name="calendar"/> counts them (ADR 0012, "Recount
    /// on every holiday change"): the due date (<see cref="DueDateOn"/>), the statutory count from receipt
    /// (<see cref="OriginalDueDate"/>, whether or not an extension sets the due date), and the due date missed before a
    /// late extension (<see cref="LapsedDueDate"/>), from which lateness is counted. A missed date that was the statutory
    /// count is the count on this calendar; one that was an earlier extension's agreed date is treated as that date is
    /// (the next working day when a bank holiday falls on it, never earlier than the count). Whether an extension came
    /// late is settled on the day the first one was agreed late (<see cref="LateExtensionAgreedOn"/>): a missed date the
    /// calendar would put on or after that day stays as it was recorded (an extension agreed late was agreed after the date
    /// it missed), and a deadline whose extensions were agreed in time never gains one. A closed deadline keeps the dates it was closed against.
    /// </summary>
    /// <returns>The three dates it would have; its current ones when nothing moves them. A calculation: it refuses nothing.</returns>
    public CountedDates DatesOn(WorkingDayCalendar calendar)
    {
        if (!IsOpen)
        {
            return new CountedDates(DueDate, OriginalDueDate, LapsedDueDate);
        }

        var statutory = calendar.DueDate(Received, WorkingDays).DueDate;
        var due = ExtensionAgreedAt is null ? statutory : NoEarlierThanTheCount(calendar, statutory, ExtensionDueDate ?? DueDate);
        var lapsed = MissedOn(calendar, statutory);
        // A date is missed when the extension is agreed after it (AgreeExtension), and that is settled on the agreement
        // day. A holiday added afterwards can count the missed date onto or past that day, which would say the extension
        // was agreed late though it was agreed before the date it missed: the date then stays as recorded, and the
        // lateness with it. Clearing it instead would erase the lateness for good, since removing the holiday again
        // could not bring it back (ADR 12, "Lateness cannot be erased").
        if (lapsed is { } recounted && LatenessSettledOn is { } settled && recounted >= settled)
        {
            lapsed = LapsedDueDate;
        }

        return new CountedDates(due, statutory, lapsed);
    }

    /// <summary>
    /// Counts the deadline again on a changed calendar (<see cref="DatesOn"/>), every date counted in working days
    /// together: an open deadline without an agreed extension is counted again from receipt; an agreed date on which a bank
    /// holiday now falls moves to the next working day; an agreed date that the statutory count now ends after gives way
    /// to the count, and comes back once the count ends before it again. The statutory date (<see cref="OriginalDueDate"/>)
    /// is recorded again whenever the count moves, also while an extension still sets the due date, and the date missed
    /// before a late extension (<see cref="LapsedDueDate"/>) with it, so lateness stays measured against the count as the
    /// current holidays make it. The note says what moved and why.
    /// </summary>
    /// <param name="calendar">The working days after the change (Monday to Friday, not a bank holiday).</param>
    /// <param name="because">Given the old and new dates of the count that moved, the reason for the note, e.g. "bank
    /// holiday Mon 19 Sep 2022 was added".</param>
    /// <returns>True when any of its dates moved (the deadline is then saved, with its note in the history); false when
    /// none did, and nothing on it changed.</returns>
    public bool Recount(WorkingDayCalendar calendar, Func<DateOnly, DateOnly, string> because)
    {
        var dates = DatesOn(calendar);
        if (dates == new CountedDates(DueDate, OriginalDueDate, LapsedDueDate))
        {
            return false;
        }

        var (before, statutoryBefore, lapsedBefore) = (DueDate, OriginalDueDate, LapsedDueDate);
        var missedNow = MissedOn(calendar, dates.Statutory);
        (DueDate, OriginalDueDate, LapsedDueDate) = (dates.DueDate, dates.Statutory, dates.Lapsed);
        string note;
        if (DueDate == before)
        {
            // The count moved, but the extension agreed still sets the due date: the statutory date is recorded again.
            note = OriginalDueDate == statutoryBefore ? ""
                : $"The statutory due date moved from {UkTime.FormatDate(statutoryBefore)} to {UkTime.FormatDate(OriginalDueDate)} because "
                  + $"{because(statutoryBefore, OriginalDueDate)}; the due date stays {UkTime.FormatDate(DueDate)}, as the extension agreed "
                  + $"to {UkTime.FormatDate(ExtensionDueDate ?? DueDate)} still sets it.";
        }
        else
        {
            note = $"Due date moved from {UkTime.FormatDate(before)} to {UkTime.FormatDate(DueDate)} because {because(before, DueDate)}.";
            if (ExtensionAgreedAt is not null)
            {
                var agreed = ExtensionDueDate ?? before;
                note += ExtensionOvertaken
                    ? $" The count of {Counted.Of(WorkingDays, "working day")} beginning with the day it was received now ends after the extension agreed to "
                      + $"{UkTime.FormatDate(agreed)}, so it is due by that count: an extension never gives less time than the law."
                    : DueDate == agreed
                        ? $" The extension agreed to {UkTime.FormatDate(agreed)} applies again."
                        : " The agreed date is no longer a working day, so it is met on the next one.";
            }

            // Planned again from the start; the holiday change also has every other open deadline planned again today, as
            // a holiday moves the "days before" and overdue reminders of deadlines whose due date stays.
            PlanRemindersFrom(Received);
        }

        if (LapsedDueDate != lapsedBefore && (LapsedDueDate, lapsedBefore) is ({ } lapsed, { } was))
        {
            var missed = $"The due date missed before the extension was agreed, from which lateness is counted, moved from {UkTime.FormatDate(was)} to {UkTime.FormatDate(lapsed)}";
            note += note.Length == 0 ? $"{missed} because {because(was, lapsed)}." : $" {missed}.";
        }
        else if (LapsedDueDate is { } kept && missedNow is { } counted && counted != kept)
        {
            // The count would put the missed date on or after the day an extension was first agreed late (DatesOn): it stays.
            note += $" The due date missed before the extension was agreed stays {UkTime.FormatDate(kept)}, although the bank holidays as they are now "
                + $"count it to {UkTime.FormatDate(counted)}: an extension was first agreed on {UkTime.FormatDate(LatenessSettledOn!.Value)}, "
                + "after that date had passed, and the lateness recorded that day stands.";
        }

        DueDateNote = InputValidation.Shorten(note.Trim(), 2000);
        return true;
    }

    /// <summary>An agreed date as <paramref name="calendar"/> treats it: the next working day when a bank holiday falls on
    /// it, never earlier than the statutory count <paramref name="statutory"/>.</summary>
    private static DateOnly NoEarlierThanTheCount(WorkingDayCalendar calendar, DateOnly statutory, DateOnly agreed) =>
        calendar.NextWorkingDay(agreed) is var day && day > statutory ? day : statutory;

    /// <summary>The date missed before a late extension as <paramref name="calendar"/> counts it (the statutory count
    /// <paramref name="statutory"/>, or the earlier extension's agreed date, <see cref="LapsedExtensionDate"/>, treated as
    /// an agreed date is), before <see cref="DatesOn"/> asks whether it had passed when the extension was agreed; null for
    /// none.</summary>
    private DateOnly? MissedOn(WorkingDayCalendar calendar, DateOnly statutory) =>
        LapsedDueDate is null ? null : LapsedExtensionDate is { } agreed ? NoEarlierThanTheCount(calendar, statutory, agreed) : statutory;

    /// <summary>The day the lateness was settled (<see cref="LateExtensionAgreedOn"/>); for an extension agreed late before
    /// that was recorded, the latest agreement's day, all there is.</summary>
    private DateOnly? LatenessSettledOn =>
        LateExtensionAgreedOn ?? (LapsedDueDate is not null && ExtensionAgreedAt is { } at ? UkTime.Today(at) : null);

    /// <summary>A proposed extension waits for the other side's agreement (an extension already in force may stand meanwhile).</summary>
    public bool ExtensionAwaitingAgreement => ProposedDueDate is not null;

    /// <summary>
    /// Hands the deadline to another person of the LINk, who follows it up from now on: its reminders, and the notices of
    /// its steps, go to them (ADR 12, "A deadline handed to a new owner"). Who may take it (an active editor or
    /// administrator of the LINk that sent it) is the service's check; this one checks the deadline itself.
    /// </summary>
    /// <param name="ownerUserId">The new owner's account.</param>
    /// <param name="ownerName">Their name as shown, kept with the deadline.</param>
    /// <returns>Success; a message on "NewOwnerUserId" when the deadline is no longer open (answered, withdrawn, escalated
    /// or met by its acknowledgement, saying which and when: nobody follows it up any more), or when that person already
    /// follows it up.</returns>
    public Outcome HandOver(string ownerUserId, string ownerName)
    {
        if (!IsOpen)
        {
            var escalated = State == DeadlineState.Escalated ? ", whose referral is followed up in its place" : "";
            return Outcome.Invalid(new FieldError(DeadlineHandOverInput.NewOwnerField,
                $"{WhatClosedIt()}{escalated}: nobody follows it up any more, so it cannot be handed over. Nothing was saved."));
        }

        if (ownerUserId == OwnerUserId)
        {
            return Outcome.Invalid(new FieldError(DeadlineHandOverInput.NewOwnerField,
                $"{UntrustedText.Isolate(OwnerName)} already follows it up. Choose someone else to hand it to, or leave it with them."));
        }

        OwnerUserId = ownerUserId;
        OwnerName = ownerName;
        return Outcome.Success;
    }

    /// <summary>What closed the deadline, and when (UK dates), as the start of a sentence: "This request for information
    /// was answered on Mon 2 Nov 2026". Only for a deadline that is not open; the one wording of an extension refused
    /// (<see cref="ClosedSince"/>) and a hand-over refused (<see cref="HandOver"/>).</summary>
    private string WhatClosedIt()
    {
        var kind = UntrustedText.Isolate(KindName.ToLowerInvariant());
        static string Day(DateTimeOffset? at) => at is { } moment ? UkTime.FormatDate(UkTime.Today(moment)) : "an earlier day";
        return State switch
        {
            DeadlineState.Answered => $"This {kind} was answered on {(AnsweredOn is { } on ? UkTime.FormatDate(on) : "an earlier day")}",
            DeadlineState.Withdrawn => $"This {kind} was withdrawn on {Day(WithdrawnAt)}",
            DeadlineState.Escalated => $"This {kind} was escalated to the scrutiny committee",
            DeadlineState.Acknowledged => $"This {kind} was acknowledged on {Day(AcknowledgedAt)}, which meets its duty",
            _ => $"This is {Describe()}",
        };
    }

    /// <summary>The state in the words of <see cref="DeadlineTerms.Label(DeadlineState)"/>, inside a sentence: "withdrawn by the LINk".</summary>
    private string Describe() => State.Label() is var label ? char.ToLowerInvariant(label[0]) + label[1..] : "";
}
