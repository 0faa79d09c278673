using EngagementHub.Core.Common;
using EngagementHub.Core.Organisations;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// How one step (the acknowledgement, or the full answer) went for the deadlines one organisation received in a year.
/// Every counted deadline is in exactly one of <see cref="OnTime"/>, <see cref="Late"/>, <see cref="StillOpen"/> and
/// <see cref="Overdue"/>, so the four add up to <see cref="Counted"/>.
/// </summary>
/// <param name="Counted">Deadlines this step is measured for (the sample size).</param>
/// <param name="OnTime">The step was taken on or before the due date (ADR 0012: never after an extension agreed too late).</param>
/// <param name="Late">The step was taken after the due date, or only after an extension agreed once it had passed.</param>
/// <param name="MedianWorkingDaysLate">Of the late ones, the median of working days after the due date; null when none was late.</param>
/// <param name="WorstWorkingDaysLate">Of the late ones, the most working days after the due date; null when none was late.</param>
/// <param name="StillOpen">Not taken yet, and the due date has not passed.</param>
/// <param name="Overdue">Not taken, and the due date has passed (including those escalated to scrutiny unanswered).</param>
public sealed record StepFigures(int Counted, int OnTime, int Late, double? MedianWorkingDaysLate, int? WorstWorkingDaysLate, int StillOpen, int Overdue)
{
    /// <summary>
    /// The smallest number of deadlines due on which a percentage is shown beside the counts. Below it one deadline moves
    /// the rate by more than ten points, so "100%" would say more than "3 of 3" does; the counts are always shown.
    /// </summary>
    public const int PercentFrom = 10;

    public static StepFigures None { get; } = new(0, 0, 0, null, null, 0, 0);

    /// <summary>Deadlines whose due date has come for this step: taken (on time or late), or overdue. The base of the on-time rate.</summary>
    public int DueSoFar => OnTime + Late + Overdue;

    /// <summary>The on-time rate in whole per cent, only from <see cref="PercentFrom"/> deadlines due; otherwise null.</summary>
    public int? OnTimePercent => DueSoFar >= PercentFrom ? (int)Math.Round(100.0 * OnTime / DueSoFar, MidpointRounding.AwayFromZero) : null;

    /// <summary>"7 of 9 due so far", or "45 of 60 due so far (75%)" from <see cref="PercentFrom"/>; "none due yet".</summary>
    public string OnTimeText => DueSoFar == 0
        ? "none due yet"
        : OnTimePercent is { } percent ? $"{OnTime} of {DueSoFar} due so far ({percent}%)" : $"{OnTime} of {DueSoFar} due so far";

    /// <summary>"3 late: median 2, worst 6 working days", or "none late".</summary>
    public string LateText => Late == 0
        ? "none late"
        : $"{Late} late: median {FormatDays(MedianWorkingDaysLate!.Value)}, worst {Common.Counted.Of(WorstWorkingDaysLate!.Value, "working day")}";

    public static string FormatDays(double days) => days.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// How one responding organisation (a commissioner, provider or the scrutiny committee) answered what the LINk sent it in
/// one financial year (by date of receipt). Holds counts only, no names of people, so a public page can show it as it is.
/// </summary>
/// <param name="OrganisationId">The responding organisation.</param>
/// <param name="Organisation">Its name.</param>
/// <param name="Kind">Its kind (commissioner, provider, scrutiny, ...).</param>
/// <param name="Year">The financial year (1 April to 31 March) the deadlines were received in.</param>
/// <param name="Requests">Deadlines received in the year, not counting those the LINk withdrew: the sample size.</param>
/// <param name="Withdrawn">Withdrawn by the LINk, so not counted anywhere else.</param>
/// <param name="Acknowledgement">The acknowledgement, measured against the due date for every request.</param>
/// <param name="Answer">The full answer, for the kinds whose duty the answer discharges (not scrutiny referrals).</param>
/// <param name="FollowUpsAnswered">Of the kinds discharged by their acknowledgement, answered since (no statutory date).</param>
/// <param name="FollowUpsAwaiting">Of the kinds discharged by their acknowledgement, acknowledged or not, no answer yet.</param>
/// <param name="ExtendedAfterDueDate">Extended only after the due date had passed: late or overdue unless met by that date (ADR 0012).</param>
/// <param name="Escalated">Escalated to the scrutiny committee for want of an answer (also when answered late since).</param>
public sealed record ResponsivenessFigures(
    int OrganisationId, string Organisation, OrganisationKind Kind, FinancialYear Year, int Requests, int Withdrawn,
    StepFigures Acknowledgement, StepFigures Answer, int FollowUpsAnswered, int FollowUpsAwaiting, int ExtendedAfterDueDate, int Escalated);

/// <summary>One deadline as responsiveness reads it: when it was received and due, and when each step was taken.</summary>
/// <param name="OrganisationId">The organisation that must answer.</param>
/// <param name="Organisation">Its name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="State">The deadline's state now.</param>
/// <param name="DischargedBy">The step that discharges the duty (the acknowledgement for a scrutiny referral).</param>
/// <param name="Received">The UK date of receipt, day 1 of the count when a working day; decides the financial year.</param>
/// <param name="DueDate">The due date now (UK date), an agreed extension's when there is one.</param>
/// <param name="LapsedDueDate">The due date that had already passed when a late extension was agreed; null otherwise.</param>
/// <param name="AcknowledgedOn">The UK date of the acknowledgement, if one was recorded.</param>
/// <param name="AnsweredOn">The UK date of the full answer, if one was recorded.</param>
/// <param name="WorkingDaysLate">As recorded when the duty step was taken (<see cref="ResponseDeadline.WorkingDaysLate"/>).</param>
/// <param name="WasEscalated">Escalated to the scrutiny committee for want of an answer, whether or not answered since.</param>
public sealed record ResponsivenessRecord(
    int OrganisationId, string Organisation, OrganisationKind Kind, DeadlineState State, DutyStep DischargedBy, DateOnly Received,
    DateOnly DueDate, DateOnly? LapsedDueDate, DateOnly? AcknowledgedOn, DateOnly? AnsweredOn, int? WorkingDaysLate, bool WasEscalated);

/// <summary>
/// The one computation of responsiveness, used by the deadlines dashboard, its exports and the reports. The rules
/// (ADR 0012, ADR 0017): a due date is 20 working days (or the kind's number) beginning with the day of receipt; lateness
/// is working days after the due date, or after the due date that had passed when a late extension was agreed; an answer
/// recorded without an acknowledgement is the acknowledgement too; for a scrutiny referral the acknowledgement is the duty
/// and the answer that follows has no statutory date.
/// </summary>
public static class ResponsivenessRules
{
    /// <summary>How the figures are counted, in words for the page, the export and the printed report.</summary>
    public static IReadOnlyList<string> HowCounted { get; } =
    [
        "Each request is counted in the financial year (1 April to 31 March) in which it was received. Requests the LINk withdrew are left out.",
        "A due date is a number of working days (20 unless agreed otherwise) beginning with the day of receipt; a working day is Monday to Friday and not a bank holiday in England and Wales.",
        "On time means the step was taken on or before the due date, or before a later date both sides agreed before the due date passed. An extension agreed after the due date had passed never makes a late step on time: a step taken after that first due date is counted late (overdue while not taken), and such requests are shown on their own.",
        "The acknowledgement and the full answer are counted separately. A full answer sent without a separate acknowledgement, or before the acknowledgement was recorded, counts as the acknowledgement on the same day.",
        "For a referral to the scrutiny committee the duty is to acknowledge it within 20 working days; the answer that follows has no statutory date, so it is not counted in the full-answer figures.",
        "Late figures are working days after the due date. Overdue means the due date has passed with the step not taken, including requests escalated to scrutiny unanswered. Still open means not yet due.",
        $"Percentages are shown only when at least {StepFigures.PercentFrom} requests are due, because below that one request moves the rate by more than ten points; the counts are always shown.",
    ];

    /// <summary>The figures per organisation, ordered by name.</summary>
    /// <param name="records">The deadlines to count, of any year; those not received in <paramref name="year"/> are skipped.</param>
    /// <param name="year">The financial year to count, by date of receipt.</param>
    /// <param name="calendar">The working days lateness is counted in.</param>
    /// <param name="today">The UK date overdue is judged on.</param>
    public static IReadOnlyList<ResponsivenessFigures> Compute(
        IEnumerable<ResponsivenessRecord> records, FinancialYear year, WorkingDayCalendar calendar, DateOnly today) =>
        [.. records
            .Where(r => year.Contains(r.Received))
            .GroupBy(r => (r.OrganisationId, r.Organisation, r.Kind))
            .Select(g =>
            {
                var counted = g.Where(r => r.State != DeadlineState.Withdrawn).ToList();
                var followUps = counted.Where(r => r.DischargedBy == DutyStep.Acknowledgement).ToList();
                return new ResponsivenessFigures(
                    g.Key.OrganisationId, g.Key.Organisation, g.Key.Kind, year, counted.Count, g.Count() - counted.Count,
                    Step(counted, DutyStep.Acknowledgement, calendar, today),
                    Step([.. counted.Where(r => r.DischargedBy == DutyStep.Answer)], DutyStep.Answer, calendar, today),
                    followUps.Count(r => r.AnsweredOn is not null),
                    followUps.Count(r => r.AnsweredOn is null && r.State != DeadlineState.Escalated),
                    counted.Count(r => r.LapsedDueDate is not null),
                    counted.Count(r => r.WasEscalated));
            })
            .OrderBy(f => f.Organisation, StringComparer.OrdinalIgnoreCase)
            .ThenBy(f => f.OrganisationId)];

    /// <summary>
    /// When the step was taken: the answer; for the acknowledgement, the acknowledgement's day or the answer's, whichever
    /// came first (a full answer sent without a separate acknowledgement counts as the acknowledgement on its own day,
    /// <see cref="HowCounted"/>), so an answer dated before an acknowledgement recorded later meets it.
    /// </summary>
    /// <returns>The UK date, or null when the step has not been taken (<see cref="DeadlineTerms.TakenOn"/>).</returns>
    public static DateOnly? TakenOn(ResponsivenessRecord record, DutyStep step) => DeadlineTerms.TakenOn(step, record.AcknowledgedOn, record.AnsweredOn);

    /// <summary>
    /// The due date a step is measured against: the one that had already passed when a late extension was agreed
    /// (ADR 0012: an extension agreed too late moves the date to work to, not the record of having missed one), else the
    /// due date now. A step not yet taken is overdue once it has passed, whatever date was agreed after it.
    /// </summary>
    public static DateOnly CountedDueDate(ResponsivenessRecord record) => record.LapsedDueDate ?? record.DueDate;

    /// <summary>
    /// Working days after the due date the step was taken (0 when on time), or null when it has not been; after a late
    /// extension, after the due date that had passed (<see cref="CountedDueDate"/>).
    /// </summary>
    public static int? WorkingDaysLate(ResponsivenessRecord record, DutyStep step, WorkingDayCalendar calendar)
    {
        if (TakenOn(record, step) is not { } taken)
        {
            return null;
        }

        // The duty step's lateness was recorded when it was taken, on the calendar of that day: use it.
        return step == record.DischargedBy && record.WorkingDaysLate is { } recorded
            ? recorded
            : calendar.WorkingDaysLate(CountedDueDate(record), taken);
    }

    /// <summary>
    /// Whether the step, taken, counts late: after the due date, or the duty step taken after a due date that was then
    /// extended too late (never on time, ADR 0012). A step taken on or before that due date is on time, though recorded
    /// after the extension (an answer dated before it, logged later).
    /// </summary>
    public static bool IsLate(ResponsivenessRecord record, DutyStep step, WorkingDayCalendar calendar) =>
        WorkingDaysLate(record, step, calendar) is { } days
        && (days > 0 || (step == record.DischargedBy && record.LapsedDueDate is { } lapsed && TakenOn(record, step) > lapsed));

    /// <summary>
    /// How one deadline stands, in words for a report: "Answered Tue 3 Nov 2026, 4 working days late", "Acknowledged Mon
    /// 2 Nov 2026, on time; answer awaited", "Overdue: due Fri 30 Oct 2026", "Open: due …", "Withdrawn by the LINk".
    /// </summary>
    public static string Describe(ResponsivenessRecord record, WorkingDayCalendar calendar, DateOnly today)
    {
        if (record.State == DeadlineState.Withdrawn)
        {
            return "Withdrawn by the LINk";
        }

        var duty = record.DischargedBy;
        var acknowledged = duty == DutyStep.Answer && record.AcknowledgedOn is { } ackOn ? $"; acknowledged {UkTime.FormatDate(ackOn)}" : "";
        if (WorkingDaysLate(record, duty, calendar) is { } days)
        {
            // A referral answered with no acknowledgement recorded, or before the one recorded: the answer met the duty,
            // and says so.
            var answerMetIt = DeadlineTerms.AnswerMeetsTheDuty(duty, record.AcknowledgedOn, record.AnsweredOn);
            var step = duty == DutyStep.Answer ? "Answered"
                : !answerMetIt ? "Acknowledged"
                : record.AcknowledgedOn is null ? "Answered (no acknowledgement recorded)"
                : "Answered";
            var before = duty == DutyStep.Acknowledgement && answerMetIt && record.AcknowledgedOn is { } recorded
                ? $" (before the acknowledgement recorded on {UkTime.FormatDate(recorded)})"
                : "";
            var text = $"{step} {UkTime.FormatDate(TakenOn(record, duty)!.Value)}{before}, "
                + DeadlineTerms.Lateness(days, IsLate(record, duty, calendar));
            if (record.LapsedDueDate is { } lapsed)
            {
                text += $" (extended after the due date of {UkTime.FormatDate(lapsed)} had passed)";
            }

            if (record.WasEscalated)
            {
                text += ", after escalation to the scrutiny committee";
            }

            // The follow-up answer, after an acknowledgement that met the duty (not the answer that met it itself).
            return !answerMetIt
                ? text + (record.AnsweredOn is { } answered ? $"; answered {UkTime.FormatDate(answered)}" : "; answer awaited")
                : text;
        }

        if (record.State == DeadlineState.Escalated)
        {
            return "Not answered: escalated to the scrutiny committee" + acknowledged;
        }

        var extendedLate = record.LapsedDueDate is not null
            ? $" (extended to {UkTime.FormatDate(record.DueDate)} after it had passed)"
            : "";
        return (today > CountedDueDate(record) ? $"Overdue: due {UkTime.FormatDate(CountedDueDate(record))}{extendedLate}" : $"Open: due {UkTime.FormatDate(record.DueDate)}") + acknowledged;
    }

    /// <summary>
    /// Open (duty not yet taken, not withdrawn or escalated) and past its due date on <paramref name="today"/>: the one
    /// that had passed when a late extension was agreed, if there was one (<see cref="CountedDueDate"/>).
    /// </summary>
    public static bool IsOverdue(ResponsivenessRecord record, DateOnly today) =>
        record.State is DeadlineState.Awaiting or DeadlineState.Acknowledged && TakenOn(record, record.DischargedBy) is null && today > CountedDueDate(record);

    private static StepFigures Step(IReadOnlyList<ResponsivenessRecord> records, DutyStep step, WorkingDayCalendar calendar, DateOnly today)
    {
        if (records.Count == 0)
        {
            return StepFigures.None;
        }

        var late = new List<int>();
        int onTime = 0, open = 0, overdue = 0;
        foreach (var record in records)
        {
            if (WorkingDaysLate(record, step, calendar) is { } days)
            {
                if (IsLate(record, step, calendar))
                {
                    late.Add(days);
                }
                else
                {
                    onTime++;
                }
            }
            else if (record.State == DeadlineState.Escalated || today > CountedDueDate(record))
            {
                overdue++;
            }
            else
            {
                open++;
            }
        }

        late.Sort();
        double? median = late.Count == 0 ? null
            : late.Count % 2 == 1 ? late[late.Count / 2]
            : (late[(late.Count / 2) - 1] + late[late.Count / 2]) / 2.0;
        return new StepFigures(records.Count, onTime, late.Count, median, late.Count == 0 ? null : late[^1], open, overdue);
    }
}

/// <summary>One deadline behind the responsiveness figures, as a report lists it.</summary>
public sealed record ResponsivenessLine(int Id, string KindName, string Subject, ResponsivenessRecord Record);
