using EngagementHub.Core.Common;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// The deadlines' enums as people say them: the one place each is worded, used by the pages, the printed and public
/// reports, the notices and the history (AuditText reads every <c>Label(this TEnum)</c>). Pattern: docs/conventions.md,
/// "Labels for enums".
/// </summary>
public static class DeadlineTerms
{
    /// <returns>How a commissioner's response to a recommendation is shown, e.g. "Partly accepted".</returns>
    public static string Label(this RecommendationResponse response) => response switch
    {
        RecommendationResponse.Pending => "No response yet",
        RecommendationResponse.UnderConsideration => "Under consideration",
        RecommendationResponse.Accepted => "Accepted",
        RecommendationResponse.PartlyAccepted => "Partly accepted",
        RecommendationResponse.NotAccepted => "Not accepted",
        _ => response.ToString(),
    };

    /// <summary>What every page that shows an earlier response (<see cref="EarlierResponse"/>) calls it.</summary>
    public const string EarlierResponseHeading = "Earlier response, since changed";

    /// <summary>
    /// The response a commissioner gave before changing their mind (<see cref="Recommendation.EarlierResponse"/>), as every
    /// page that shows it words it after <see cref="EarlierResponseHeading"/>: "Accepted on Tue 1 Sep 2026". What was said
    /// with it follows on the page, isolated, as typed.
    /// </summary>
    /// <param name="earlier">The earlier response.</param>
    /// <param name="on">When it was given, in the page's own date style (the public pages write "1 September 2026"); null
    /// when not known.</param>
    /// <param name="by">Who gave it, for the partners' own pages; null where it is not shown (the public pages). The name
    /// is isolated (<see cref="UntrustedText.Isolate"/>).</param>
    /// <returns>The response, and when and by whom it was given: "Accepted on Tue 1 Sep 2026 by Colin Marsh".</returns>
    public static string EarlierResponse(RecommendationResponse earlier, string? on, string? by = null) =>
        $"{earlier.Label()}{(on is null ? "" : $" on {on}")}{(by is null ? "" : $" by {UntrustedText.Isolate(by)}")}";

    /// <returns>Whether the response accepts the recommendation in whole or part: only those are carried out, so only those
    /// have an implementation (ADR 0016).</returns>
    public static bool IsAcceptance(this RecommendationResponse response) =>
        response is RecommendationResponse.Accepted or RecommendationResponse.PartlyAccepted;

    /// <returns>How carrying out an accepted recommendation stands, e.g. "In progress".</returns>
    public static string Label(this ImplementationStatus status) => status switch
    {
        ImplementationStatus.Planned => "Planned",
        ImplementationStatus.InProgress => "In progress",
        ImplementationStatus.Done => "Done",
        ImplementationStatus.Dropped => "Dropped",
        _ => status.ToString(),
    };

    /// <returns>As <see cref="Label(ImplementationStatus)"/>; "Not yet recorded" before the commissioner has said.</returns>
    public static string Label(this ImplementationStatus? status) => status is { } known ? known.Label() : "Not yet recorded";

    /// <returns>Whether the LINk agrees a recommendation has been met, as a sentence's subject and verb.</returns>
    public static string Label(this LinkVerdict verdict) => verdict switch
    {
        LinkVerdict.Agrees => "The LINk agrees it has been met",
        LinkVerdict.DoesNotAgree => "The LINk does not agree it has been met",
        _ => verdict.ToString(),
    };

    /// <returns>The LINk's verdict as the answer to "Does the LINk agree it is met?": "Yes", "No", or "Not said yet".</returns>
    public static string Answer(this LinkVerdict? verdict) => verdict switch
    {
        LinkVerdict.Agrees => "Yes",
        LinkVerdict.DoesNotAgree => "No",
        _ => "Not said yet",
    };

    /// <returns>As <see cref="Label(LinkVerdict)"/>; "Not said yet" before the LINk has said.</returns>
    public static string Label(this LinkVerdict? verdict) => verdict is { } known ? known.Label() : "Not said yet";

    /// <returns>Where a bank holiday came from, as the bank holidays page says it: "Shipped" (the statutory pattern),
    /// "GOV.UK" (imported) or "Added by an admin".</returns>
    public static string Label(this HolidaySource source) => source switch
    {
        HolidaySource.Imported => "GOV.UK",
        HolidaySource.Manual => "Added by an admin",
        _ => "Shipped",
    };

    /// <returns>A kind of deadline as the default kinds name it (<see cref="DeadlineRule.Defaults"/>), e.g. "Request for
    /// information"; "Custom" for one an administrator added, which goes by its own name.</returns>
    public static string Label(this DeadlineKind kind) => kind switch
    {
        DeadlineKind.InformationRequest => "Request for information",
        DeadlineKind.ReportResponse => "Response to a report or recommendations",
        DeadlineKind.ScrutinyReferral => "Acknowledgement of a scrutiny referral",
        DeadlineKind.Custom => "Custom",
        _ => kind.ToString(),
    };

    /// <returns>A deadline's recorded state on its own, e.g. "Withdrawn by the LINk": the list's filter and the history.
    /// "Awaiting a reply" covers both duties (an acknowledgement or an answer); <see cref="StateLabel"/> says which.</returns>
    public static string Label(this DeadlineState state) => state switch
    {
        DeadlineState.Awaiting => "Awaiting a reply",
        DeadlineState.Acknowledged => "Acknowledged",
        DeadlineState.Answered => "Answered",
        DeadlineState.Withdrawn => "Withdrawn by the LINk",
        DeadlineState.Escalated => "Escalated to the scrutiny committee",
        _ => state.ToString(),
    };

    /// <returns>
    /// Where one deadline stands as people say it, from its state, the step that discharges its duty (ADR 0012) and
    /// whether it is overdue: "Overdue (not acknowledged)", "Awaiting acknowledgement", "Acknowledged: duty met,
    /// follow-up open", "Acknowledged, awaiting an answer", or <see cref="Label(DeadlineState)"/> once it is closed. The
    /// deadline page, the lists and their export all say it this way.
    /// </returns>
    public static string StateLabel(DeadlineState state, DutyStep dischargedBy, bool overdue) => (state, dischargedBy) switch
    {
        _ when overdue => $"Overdue ({OverdueDetail(state).ToLowerInvariant()})",
        (DeadlineState.Awaiting, DutyStep.Acknowledgement) => "Awaiting acknowledgement",
        (DeadlineState.Awaiting, _) => "Awaiting an answer",
        (DeadlineState.Acknowledged, DutyStep.Acknowledgement) => "Acknowledged: duty met, follow-up open",
        (DeadlineState.Acknowledged, _) => "Acknowledged, awaiting an answer",
        _ => state.Label(),
    };

    /// <returns>
    /// What an overdue deadline still lacks: "Acknowledged, not answered" once acknowledged, else "Not acknowledged" (the
    /// part of <see cref="StateLabel"/> after "Overdue", which the lists show beneath it).
    /// </returns>
    public static string OverdueDetail(DeadlineState state) =>
        state == DeadlineState.Acknowledged ? "Acknowledged, not answered" : "Not acknowledged";

    /// <returns>
    /// How late a step was taken, as people say it: "on time" when <paramref name="late"/> is false, else "1 working day
    /// late", "3 working days late", or "late" for a step counted late on no working day after the due date (one taken
    /// after the due date, before an extension agreed once it had passed, is never on time, ADR 0012).
    /// </returns>
    public static string Lateness(int workingDaysLate, bool late) => !late ? "on time" : workingDaysLate switch
    {
        <= 0 => "late",
        1 => "1 working day late",
        var days => $"{days} working days late",
    };

    /// <summary>
    /// Whether a deadline's answer is the step that meets its duty: always for a kind discharged by its answer; for one
    /// discharged by its acknowledgement (a scrutiny referral), when the answer came first: no acknowledgement was
    /// recorded, or the answer is dated before the day the acknowledgement was recorded. A full answer sent without a
    /// separate acknowledgement counts as the acknowledgement on its own day (ADR 12, ADR 17's "how the figures are
    /// counted"). Where it is not, the answer is a follow-up, and its lateness is not measured.
    /// </summary>
    /// <param name="dischargedBy">The step that meets the kind's duty.</param>
    /// <param name="acknowledgedOn">The UK date the acknowledgement was recorded; null when none was.</param>
    /// <param name="answeredOn">The UK date of the answer; null before one is recorded.</param>
    /// <returns>True when the answer's lateness is the deadline's (or, with no answer yet, would be).</returns>
    public static bool AnswerMeetsTheDuty(DutyStep dischargedBy, DateOnly? acknowledgedOn, DateOnly? answeredOn) =>
        dischargedBy == DutyStep.Answer || acknowledgedOn is not { } acknowledged || answeredOn < acknowledged;

    /// <summary>
    /// When a step was taken: the answer's day for <see cref="DutyStep.Answer"/>; for
    /// <see cref="DutyStep.Acknowledgement"/>, the acknowledgement's or the answer's, whichever came first
    /// (<see cref="AnswerMeetsTheDuty"/>: an answer sent first counts as the acknowledgement on its own day).
    /// </summary>
    /// <param name="step">The step asked about: a deadline's duty step, or the acknowledgement of any kind.</param>
    /// <param name="acknowledgedOn">The UK date the acknowledgement was recorded; null when none was.</param>
    /// <param name="answeredOn">The UK date of the answer; null before one is recorded.</param>
    /// <returns>The UK date, or null when the step has not been taken. A calculation: it refuses nothing.</returns>
    public static DateOnly? TakenOn(DutyStep step, DateOnly? acknowledgedOn, DateOnly? answeredOn) =>
        AnswerMeetsTheDuty(step, acknowledgedOn, answeredOn) ? answeredOn : acknowledgedOn;

    /// <returns>How late the step that met a deadline's duty was taken (<see cref="Lateness(int, bool)"/>): never on time
    /// when taken after a due date that was extended only once it had passed (<paramref name="lapsedDueDate"/>, ADR 0012),
    /// but on time when taken on or before it (<paramref name="metOn"/>: an answer dated before the due date and recorded
    /// after a late extension); null before the step is taken (<paramref name="workingDaysLate"/> null).</returns>
    /// <param name="workingDaysLate">As recorded when the step was taken.</param>
    /// <param name="lapsedDueDate">The due date that had passed when a late extension was agreed; null otherwise.</param>
    /// <param name="metOn">The UK date the step was taken; null when not known, and then a late extension counts late.</param>
    public static string? DutyLateness(int? workingDaysLate, DateOnly? lapsedDueDate, DateOnly? metOn) =>
        workingDaysLate is { } days ? Lateness(days, days > 0 || (lapsedDueDate is { } lapsed && !(metOn <= lapsed))) : null;

    /// <returns>Which step meets a kind of deadline's duty, as the kinds' table says it: "The answer" or "The acknowledgement".</returns>
    public static string Label(this DutyStep step) => step switch
    {
        DutyStep.Answer => "The answer",
        DutyStep.Acknowledgement => "The acknowledgement",
        _ => step.ToString(),
    };

    /// <returns>
    /// When a kind's reminders go out, e.g. "5 and 1 working days before, and on the due date", or "On the due date only"
    /// when it sends none before it (<see cref="DeadlineRule.RemindDaysBefore"/>).
    /// </returns>
    public static string RemindersLabel(this DeadlineRule rule) => rule.RemindDaysBefore switch
    {
        [] => "On the due date only",
        [1] => "1 working day before, and on the due date",
        var days => $"{string.Join(" and ", days)} working days before, and on the due date",
    };

    /// <returns>
    /// When a kind's escalation notice goes to the LINk owner, e.g. "10 working days overdue", or "No escalation notice"
    /// for 0, which sends none (<see cref="DeadlineRule.EscalateAfterWorkingDays"/>).
    /// </returns>
    public static string EscalationLabel(this DeadlineRule rule) => rule.EscalateAfterWorkingDays switch
    {
        <= 0 => "No escalation notice",
        1 => "1 working day overdue",
        var days => $"{days} working days overdue",
    };

    /// <returns>Where a recommendation stands, as the "you said, we did" register says it.</returns>
    public static string Label(this RegisterStage stage) => stage switch
    {
        RegisterStage.AwaitingResponse => "No response yet",
        RegisterStage.UnderConsideration => "Under consideration",
        RegisterStage.NotAccepted => "Not accepted",
        RegisterStage.AcceptedNotYetPlanned => "Accepted in whole or part, not yet planned",
        RegisterStage.Planned => "Planned",
        RegisterStage.InProgress => "In progress",
        RegisterStage.Done => "Done",
        RegisterStage.Dropped => "Dropped",
        _ => stage.ToString(),
    };

    /// <summary>
    /// Whether an agreed extension has been overtaken by the statutory count: bank holidays added within the count made it
    /// end after the date agreed, so the deadline is due by the count (ADR 0012). The one rule for the deadline
    /// (<see cref="ResponseDeadline.ExtensionOvertaken"/>) and its list row (<see cref="DeadlineRow.ExtensionOvertaken"/>).
    /// </summary>
    /// <param name="extensionAgreed">An extension was agreed.</param>
    /// <param name="extensionDueDate">The date agreed (<see cref="ResponseDeadline.ExtensionDueDate"/>).</param>
    /// <param name="dueDate">The due date now.</param>
    /// <param name="originalDueDate">The statutory count's date now (<see cref="ResponseDeadline.OriginalDueDate"/>).</param>
    /// <returns>True when the deadline is due by the count, later than the date agreed.</returns>
    public static bool ExtensionOvertaken(bool extensionAgreed, DateOnly? extensionDueDate, DateOnly dueDate, DateOnly originalDueDate) =>
        extensionAgreed && extensionDueDate is { } agreed && dueDate > agreed && dueDate == originalDueDate;

    /// <summary>
    /// What the side asked to agree an extension may do, in the words of its notice
    /// (<see cref="DeadlineNotices.ExtensionProposedAsync"/>) and of its "My work" item (ADR 10): agree it, or decline it
    /// with a reason (<see cref="ResponseDeadline.DeclineExtension"/>) and then the LINk, which is owed the answer, keeps
    /// the due date; the organisation that owes it answers by it.
    /// </summary>
    /// <param name="owesTheAnswer">The reader's side is the one the deadline was sent to.</param>
    /// <param name="proposedDateCome">The proposed date is today or has passed: it can no longer be agreed
    /// (<see cref="ResponseDeadline.AgreeExtension"/> refuses it), so the step is a new proposal, or declining it.</param>
    /// <returns>The next step, for an editor. A calculation: it refuses nothing.</returns>
    public static string ExtensionNextStep(bool owesTheAnswer, bool proposedDateCome = false) => (owesTheAnswer, proposedDateCome) switch
    {
        (true, false) => "Agree the extension, or decline it, saying why, and answer by the due date.",
        (false, false) => "Agree the extension, or decline it, saying why, and keep the due date.",
        (true, true) => "The proposed date has come, so it can no longer be agreed: propose a later one, or decline it and answer by the due date.",
        (false, true) => "The proposed date has come, so it can no longer be agreed: propose a later one, or decline it and keep the due date.",
    };

    /// <summary>
    /// What the side that proposed an extension may do once it can no longer be agreed, in the words of its "My work"
    /// item: propose another date (<paramref name="whyNot"/> names one), or withdraw the proposal
    /// (<see cref="ResponseDeadline.WithdrawExtensionProposal"/>), the due date standing.
    /// </summary>
    /// <param name="whyNot">Why it can no longer be agreed and which date could be proposed instead, as a sentence: the
    /// bank holidays' reason (<see cref="ProposalOvertaken.Reason"/>), or <see cref="ProposedDateCome"/>'s.</param>
    /// <param name="owesTheAnswer">The reader's side is the one the deadline was sent to.</param>
    /// <returns>The next step, for an editor. A calculation: it refuses nothing.</returns>
    public static string OwnProposalNextStep(string whyNot, bool owesTheAnswer) =>
        $"{whyNot} Or withdraw the proposal and {(owesTheAnswer ? "answer by the due date" : "keep the due date")}.";

    /// <summary>
    /// Why a proposed extension whose date has come can no longer be agreed, and the date that could be proposed instead
    /// (<see cref="ResponseDeadline.EarliestExtension(DateOnly, WorkingDayCalendar)"/>), for the side that proposed it.
    /// </summary>
    /// <param name="proposed">The UK date proposed: today or before.</param>
    /// <param name="proposeInstead">The earliest date that can be proposed today.</param>
    /// <returns>"The date proposed, Fri 13 Nov 2026, has come, so it can no longer be agreed: propose Tue 17 Nov 2026 or a
    /// later working day instead." A calculation: it refuses nothing.</returns>
    public static string ProposedDateCome(DateOnly proposed, DateOnly proposeInstead) =>
        $"The date proposed, {UkTime.FormatDate(proposed)}, has come, so it can no longer be agreed: propose {UkTime.FormatDate(proposeInstead)} or a later working day instead.";
}
