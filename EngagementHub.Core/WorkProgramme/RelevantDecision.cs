using EngagementHub.Core.Common;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// The "relevant decisions" a local Healthwatch (the LINk's successor) must publish how it makes: whether to request
/// information, make a report or recommendation, enter and view, refer to scrutiny, and whether to take up an issue.
/// </summary>
public enum RelevantDecisionKind
{
    RequestInformation,
    ReportOrRecommendation,
    EnterAndView,
    ReferToScrutiny,
    TakeUpIssue,
    DeclineIssue,
}

public static class RelevantDecisionText
{
    public static string Label(this RelevantDecisionKind kind) => kind switch
    {
        RelevantDecisionKind.RequestInformation => "Request information",
        RelevantDecisionKind.ReportOrRecommendation => "Make a report or recommendation",
        RelevantDecisionKind.EnterAndView => "Enter and view",
        RelevantDecisionKind.ReferToScrutiny => "Refer to scrutiny",
        RelevantDecisionKind.TakeUpIssue => "Take up an issue",
        RelevantDecisionKind.DeclineIssue => "Decline an issue",
        _ => kind.ToString(),
    };
}

/// <summary>
/// One entry of the LINk's decisions log: what was decided, of which kind, when, by which body and why. Published as
/// it stands at /public/decisions (<see cref="Public.PublicVisibility"/>): it holds no referrer, only who decided (a body,
/// e.g. "The LINk's issues panel", or the LINk's officer who sent a request themselves); who typed it in is kept for the
/// partners' history only.
/// </summary>
public class RelevantDecision
{
    private RelevantDecision()
    {
        Subject = DecidedBy = Reasons = RecordedBy = "";
    }

    /// <exception cref="ArgumentException">Subject, body or reasons missing (the service validates first).</exception>
    public RelevantDecision(int linkOrganisationId, RelevantDecisionKind kind, DateOnly decidedOn, string subject, string decidedBy, string reasons,
        string recordedBy, DateTimeOffset recordedAt, int? raisedIssueId = null, int? deadlineId = null)
    {
        LinkOrganisationId = linkOrganisationId;
        Kind = kind;
        DecidedOn = decidedOn;
        Subject = InputValidation.Clean(subject) ?? throw new ArgumentException("A decision needs its subject.", nameof(subject));
        DecidedBy = InputValidation.Clean(decidedBy) ?? throw new ArgumentException("A decision needs the body that took it.", nameof(decidedBy));
        Reasons = InputValidation.Clean(reasons) ?? throw new ArgumentException("A decision needs its reasons.", nameof(reasons));
        RecordedBy = recordedBy;
        RecordedAt = recordedAt;
        RaisedIssueId = raisedIssueId;
        DeadlineId = deadlineId;
    }

    public int Id { get; private set; }
    public int LinkOrganisationId { get; private set; }
    public RelevantDecisionKind Kind { get; private set; }
    public DateOnly DecidedOn { get; private set; }
    public string Subject { get; private set; }

    /// <summary>
    /// The body that decided (a panel, the board); for a request, report or referral the LINk logged itself, the person
    /// who logged it, who took the decision to send it (<see cref="DeadlineDecisionLog"/>).
    /// </summary>
    public string DecidedBy { get; private set; }

    public string Reasons { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }

    /// <summary>The issue whose panel decision this is, if any (not published: the public log stands on its own).</summary>
    public int? RaisedIssueId { get; private set; }

    /// <summary>The request, report or referral it led to, if any.</summary>
    public int? DeadlineId { get; private set; }

    /// <summary>
    /// The kinds the decisions log's own form records: every kind but taking up or declining an issue, which are the
    /// panel's decisions on an issue and are logged with them (<see cref="KindOf(PanelOutcome, Deadlines.DeadlineKind?)"/>), with the issue they concern.
    /// </summary>
    public static readonly IReadOnlyList<RelevantDecisionKind> RecordedOnTheirOwn =
        [.. Enum.GetValues<RelevantDecisionKind>().Where(k => k is not (RelevantDecisionKind.TakeUpIssue or RelevantDecisionKind.DeclineIssue))];

    /// <summary>The kind of decision a panel outcome is, for the log.</summary>
    /// <param name="outcome">What the panel decided.</param>
    /// <param name="referralKind">For a referral, the kind of deadline it created.</param>
    public static RelevantDecisionKind KindOf(PanelOutcome outcome, Deadlines.DeadlineKind? referralKind) => outcome switch
    {
        PanelOutcome.NoAction => RelevantDecisionKind.DeclineIssue,
        PanelOutcome.ReferToProviderOrCommissioner => (referralKind is { } kind ? KindOf(kind) : null) ?? RelevantDecisionKind.RequestInformation,
        _ => RelevantDecisionKind.TakeUpIssue,
    };

    /// <returns>
    /// The relevant decision that sending a deadline of <paramref name="kind"/> is: a request for information, a report or
    /// recommendation, a referral to scrutiny; null for a custom kind, which is none of the LINk's statutory powers.
    /// </returns>
    public static RelevantDecisionKind? KindOf(Deadlines.DeadlineKind kind) => kind switch
    {
        Deadlines.DeadlineKind.InformationRequest => RelevantDecisionKind.RequestInformation,
        Deadlines.DeadlineKind.ReportResponse => RelevantDecisionKind.ReportOrRecommendation,
        Deadlines.DeadlineKind.ScrutinyReferral => RelevantDecisionKind.ReferToScrutiny,
        _ => null,
    };
}
