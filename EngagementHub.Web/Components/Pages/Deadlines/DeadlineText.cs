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

    public static string Implementation(ImplementationStatus? status) => status switch
    {
        null => "Not yet recorded",
        ImplementationStatus.Planned => "Planned",
        ImplementationStatus.InProgress => "In progress",
        ImplementationStatus.Done => "Done",
        ImplementationStatus.Dropped => "Dropped",
        _ => status.ToString()!,
    };

    public static string Verdict(LinkVerdict? verdict) => verdict switch
    {
        null => "Not said yet",
        LinkVerdict.Agrees => "The LINk agrees it has been met",
        LinkVerdict.DoesNotAgree => "The LINk does not agree it has been met",
        _ => verdict.ToString()!,
    };

    /// <summary>Where a recommendation stands, as the register says it.</summary>
    public static string Stage(RegisterStage stage) => stage switch
    {
        RegisterStage.AwaitingResponse => "No response yet",
        RegisterStage.UnderConsideration => "Under consideration",
        RegisterStage.NotAccepted => "Not accepted",
        RegisterStage.AcceptedNotYetPlanned => "Accepted, not yet planned",
        RegisterStage.Planned => "Planned",
        RegisterStage.InProgress => "In progress",
        RegisterStage.Done => "Done",
        RegisterStage.Dropped => "Dropped",
        _ => stage.ToString(),
    };

    public static string Lateness(int? workingDaysLate) => workingDaysLate switch
    {
        null or 0 => "on time",
        1 => "1 working day late",
        var n => $"{n} working days late",
    };
}
