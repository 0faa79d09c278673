using EngagementHub.Core.Deadlines;

namespace EngagementHub.Web.Components.Pages.Deadlines;

/// <summary>
/// A deadline's state and lateness as the pages say them (they depend on the deadline and the date). The deadlines'
/// enums have their labels in Core (<see cref="DeadlineTerms"/>).
/// </summary>
public static class DeadlineText
{
    public static string State(ResponseDeadline deadline, DateOnly today) => deadline.IsOverdueOn(today)
        ? deadline.State == DeadlineState.Acknowledged ? "Overdue (acknowledged, not answered)" : "Overdue (not acknowledged)"
        : deadline.State switch
        {
            DeadlineState.Awaiting when deadline.DischargedBy == DutyStep.Acknowledgement => "Awaiting acknowledgement",
            DeadlineState.Awaiting => "Awaiting an answer",
            DeadlineState.Acknowledged when deadline.AwaitsFollowUp => "Acknowledged: duty met, follow-up open",
            DeadlineState.Acknowledged => "Acknowledged, awaiting an answer",
            DeadlineState.Answered => "Answered",
            DeadlineState.Withdrawn => "Withdrawn by the LINk",
            DeadlineState.Escalated => "Escalated to the scrutiny committee",
            _ => deadline.State.ToString(),
        };

    public static string Lateness(int? workingDaysLate) => workingDaysLate switch
    {
        null or 0 => "on time",
        1 => "1 working day late",
        var n => $"{n} working days late",
    };
}
