using EngagementHub.Core.Common;
using EngagementHub.Core.Organisations;

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

    /// <summary>
    /// The kinds of organisation a deadline of this kind can be sent to, fixed by the LINk's statutory powers (Local
    /// Government and Public Involvement in Health Act 2007, ss.224-226; the study, section 3.2): a request for
    /// information goes to a commissioner or a provider; a report or recommendations to those who commission, provide
    /// or scrutinise the services (a commissioner, a provider or the Overview and Scrutiny Committee); a referral to the
    /// Overview and Scrutiny Committee only. A custom kind goes to any organisation of the partnership but a LINk, which
    /// sends deadlines rather than owing them.
    /// </summary>
    /// <returns>The kinds, in <see cref="OrganisationKind"/>'s order; never empty. A question: it refuses nothing.</returns>
    public static IReadOnlyList<OrganisationKind> RecipientKinds(DeadlineKind kind) => kind switch
    {
        DeadlineKind.InformationRequest => [OrganisationKind.Commissioner, OrganisationKind.Provider],
        DeadlineKind.ReportResponse => [OrganisationKind.Commissioner, OrganisationKind.Scrutiny, OrganisationKind.Provider],
        DeadlineKind.ScrutinyReferral => [OrganisationKind.Scrutiny],
        _ => [.. Enum.GetValues<OrganisationKind>().Where(k => k != OrganisationKind.Link)],
    };

    /// <summary>The kinds of organisation a deadline of this kind can be sent to (<see cref="RecipientKinds(DeadlineKind)"/>).</summary>
    public IReadOnlyList<OrganisationKind> SentTo => RecipientKinds(Kind);

    /// <returns>Whether a deadline of this kind can be sent to an organisation of <paramref name="recipient"/>'s kind
    /// (<see cref="RecipientKinds(DeadlineKind)"/>). A question: it refuses nothing.</returns>
    public bool MaySendTo(OrganisationKind recipient) => SentTo.Contains(recipient);

    /// <summary>Whom this kind goes to, in a sentence: "a commissioner or a provider" (<see cref="SentTo"/>).</summary>
    public string SentToText
    {
        get
        {
            var kinds = SentTo.Select(k => k.WithArticle()).ToList();
            return kinds.Count == 1 ? kinds[0] : $"{string.Join(", ", kinds[..^1])} or {kinds[^1]}";
        }
    }

    /// <summary>
    /// The refusal of a deadline of this kind sent to an organisation of a kind it does not go to, as the deadline form
    /// and <see cref="DeadlineService.LogAsync"/> say it beside "Sent to": "Acknowledgement of a scrutiny referral goes
    /// to a scrutiny committee; NHS South Birmingham is a commissioner. Choose a scrutiny committee, or another kind."
    /// </summary>
    /// <param name="recipientName">The organisation chosen, as named (isolated here).</param>
    /// <param name="recipient">Its kind.</param>
    /// <returns>The message; null when the kind may be sent there.</returns>
    public string? RefuseRecipient(string recipientName, OrganisationKind recipient)
    {
        if (MaySendTo(recipient))
        {
            return null;
        }

        var choices = SentToText;
        return $"{UntrustedText.Isolate(Name)} goes to {choices}; {UntrustedText.Isolate(recipientName)} is {recipient.WithArticle()}. "
            + $"Choose {choices}, or another kind.";
    }

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
        new(DeadlineKind.InformationRequest, DeadlineKind.InformationRequest.Label()),
        new(DeadlineKind.ReportResponse, DeadlineKind.ReportResponse.Label()),
        new(DeadlineKind.ScrutinyReferral, DeadlineKind.ScrutinyReferral.Label()),
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
