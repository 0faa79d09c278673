using EngagementHub.Core.Deadlines;

namespace EngagementHub.Web.Components.Pages.Deadlines;

/// <summary>Deadline states and responses as people say them.</summary>
public static class DeadlineText
{
    public static string Response(RecommendationResponse response) => response switch
    {
        RecommendationResponse.Pending => "No response yet",
        RecommendationResponse.UnderConsideration => "Under consideration",
        RecommendationResponse.Accepted => "Accepted",
        RecommendationResponse.PartlyAccepted => "Partly accepted",
        RecommendationResponse.NotAccepted => "Not accepted",
        _ => response.ToString(),
    };

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
