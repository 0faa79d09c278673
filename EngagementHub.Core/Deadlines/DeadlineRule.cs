using EngagementHub.Core.Common;

namespace EngagementHub.Core.Deadlines;

/// <summary>The statutory kinds of deadline the LINk's powers create, and the partnership's own custom kinds.</summary>
public enum DeadlineKind
{
    /// <summary>A request for information to a commissioner or provider.</summary>
    InformationRequest,
    /// <summary>A response due to the LINk's report or recommendations.</summary>
    ReportResponse,
    /// <summary>The Overview and Scrutiny Committee's acknowledgement of a referral.</summary>
    ScrutinyReferral,
    Custom,
}

/// <summary>Which step discharges a kind's statutory duty: after it the deadline is met and reminders stop.</summary>
public enum DutyStep
{
    /// <summary>The answer (requests for information, responses to reports).</summary>
    Answer,
    /// <summary>
    /// The acknowledgement: the Overview and Scrutiny Committee must acknowledge a LINk referral within 20 working days
    /// (Local Government and Public Involvement in Health Act 2007, s.226 and the 2008 regulations); keeping the LINk
    /// informed afterwards is a follow-up with no statutory date.
    /// </summary>
    Acknowledgement,
}

/// <summary>
/// How long one kind of deadline runs, in working days beginning with the day of receipt (20 by default), and when
/// reminders go out. Admins change it; a change applies to deadlines logged afterwards, never to existing ones.
/// </summary>
public class DeadlineRule : IVersioned
{
    public const int DefaultWorkingDays = 20;

    private DeadlineRule()
    {
        Name = "";
    }

    public DeadlineRule(DeadlineKind kind, string name, int workingDays = DefaultWorkingDays)
    {
        Kind = kind;
        Name = name;
        WorkingDays = workingDays;
        DischargedBy = StatutoryDischarge(kind) ?? DutyStep.Answer;
    }

    /// <summary>
    /// The step the law fixes for a statutory kind (the acknowledgement for a scrutiny referral, the answer otherwise);
    /// null for a custom kind, whose step an admin chooses.
    /// </summary>
    public static DutyStep? StatutoryDischarge(DeadlineKind kind) => kind switch
    {
        DeadlineKind.ScrutinyReferral => DutyStep.Acknowledgement,
        DeadlineKind.Custom => null,
        _ => DutyStep.Answer,
    };

    public int Id { get; private set; }
    public DeadlineKind Kind { get; private set; }
    public string Name { get; private set; }
    public int WorkingDays { get; private set; }

    /// <summary>Working days before the due date on which reminders go out, e.g. 5 and 1.</summary>
    public List<int> RemindDaysBefore { get; private set; } = [5, 1];

    /// <summary>Working days overdue at which the LINk owner is told to consider referral to scrutiny.</summary>
    public int EscalateAfterWorkingDays { get; private set; } = 10;

    public bool IsActive { get; private set; } = true;

    /// <summary>Which step discharges the duty; fixed by law for the statutory kinds, chosen by admins for custom ones.</summary>
    public DutyStep DischargedBy { get; private set; } = DutyStep.Answer;

    /// <summary>Changes on every save, so an administrator's save over another's newer change is refused (ADR 3).</summary>
    public Guid Version { get; set; }

    public static IReadOnlyList<DeadlineRule> Defaults() =>
    [
        new(DeadlineKind.InformationRequest, "Request for information"),
        new(DeadlineKind.ReportResponse, "Response to a report or recommendations"),
        new(DeadlineKind.ScrutinyReferral, "Acknowledgement of a scrutiny referral"),
    ];

    /// <summary>Sets the kind's name and counts; deadlines already logged keep the working days they were logged with.</summary>
    /// <param name="name">The kind's name as people read it; trimmed.</param>
    /// <param name="workingDays">Working days allowed for the answer, counted from the day of receipt as day 1.</param>
    /// <param name="remindDaysBefore">
    /// Working days before the due date on which a reminder goes out; kept in descending order, once each. Zero and
    /// negative days are dropped here: <see cref="DeadlineService.SaveRuleAsync"/> refuses them at the field first.
    /// </param>
    /// <param name="escalateAfterWorkingDays">
    /// Working days overdue at which the LINk owner is told to consider escalating; 0 sends no escalation notice.
    /// </param>
    /// <param name="isActive">Whether new deadlines may be logged under this kind.</param>
    /// <param name="dischargedBy">Ignored for the statutory kinds, whose step the law fixes.</param>
    /// <exception cref="ArgumentException">The name is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The working days are outside 1 to <see cref="WorkingDayCalendar.MaxWorkingDays"/>.
    /// </exception>
    public void Change(string name, int workingDays, IEnumerable<int> remindDaysBefore, int escalateAfterWorkingDays, bool isActive, DutyStep dischargedBy = DutyStep.Answer)
    {
        DischargedBy = StatutoryDischarge(Kind) ?? dischargedBy;
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A kind of deadline needs a name.", nameof(name)) : name.Trim();
        WorkingDays = workingDays is >= 1 and <= WorkingDayCalendar.MaxWorkingDays
            ? workingDays
            : throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays, "Working days must be between 1 and 1000.");
        RemindDaysBefore = [.. remindDaysBefore.Where(d => d > 0).Distinct().OrderDescending()];
        EscalateAfterWorkingDays = escalateAfterWorkingDays;
        IsActive = isActive;
    }
}
