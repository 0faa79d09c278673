using EngagementHub.Core.Common;
using System.ComponentModel.DataAnnotations;

namespace EngagementHub.Core.Deadlines;

/// <summary>The response form: how the organisation a report was sent to responds to one recommendation.</summary>
public sealed class RecommendationResponseInput
{
    public RecommendationResponse Response { get; set; } = RecommendationResponse.Accepted;

    /// <summary>What will be done, or why not; required unless accepted outright or under consideration.</summary>
    [MaxLength(Recommendation.TextLimit, ErrorMessage = "The response can be at most 4,000 characters.")]
    [MultiLine]
    public string? ResponseText { get; set; }

    /// <summary>The recommendation's <see cref="Recommendation.Version"/> when the form was opened.</summary>
    public Guid Version { get; set; }

    /// <returns>The form filled in with the response given so far ("Accepted" and no words before any), and the
    /// recommendation's version.</returns>
    public static RecommendationResponseInput From(Recommendation recommendation) => recommendation.Response == RecommendationResponse.Pending
        ? new() { Version = recommendation.Version }
        : new() { Response = recommendation.Response, ResponseText = recommendation.ResponseText, Version = recommendation.Version };
}

/// <summary>The commissioner's "how is it being carried out" form for one accepted recommendation.</summary>
public sealed class ImplementationInput
{
    public ImplementationStatus Status { get; set; } = ImplementationStatus.Planned;

    /// <summary>Required while planned or in progress.</summary>
    public DateOnly? PlannedDate { get; set; }

    [MaxLength(Recommendation.TextLimit, ErrorMessage = "The reason can be at most 4,000 characters.")]
    [MultiLine]
    public string? DroppedReason { get; set; }

    [MaxLength(Recommendation.TextLimit, ErrorMessage = "What changed can be at most 4,000 characters.")]
    [MultiLine]
    public string? ChangeMade { get; set; }

    /// <summary>The recommendation's <see cref="Recommendation.Version"/> when the form was opened.</summary>
    public Guid Version { get; set; }

    /// <returns>The form filled in with what is recorded now.</returns>
    public static ImplementationInput From(Recommendation recommendation) => new()
    {
        Status = recommendation.Implementation ?? ImplementationStatus.Planned,
        PlannedDate = recommendation.PlannedDate,
        DroppedReason = recommendation.DroppedReason,
        ChangeMade = recommendation.ChangeMade,
        Version = recommendation.Version,
    };
}

/// <summary>The commissioner's "add what happened" form.</summary>
public sealed class MilestoneInput
{
    [Required(ErrorMessage = "Enter the date it happened.")]
    public DateOnly? On { get; set; }

    [Required(ErrorMessage = "Say what happened.")]
    [MaxLength(Recommendation.MilestoneLimit, ErrorMessage = "What happened can be at most 2,000 characters.")]
    [MultiLine]
    public string Text { get; set; } = "";
}

/// <summary>The LINk's "has it been met?" form.</summary>
public sealed class LinkVerdictInput
{
    public LinkVerdict Verdict { get; set; } = LinkVerdict.Agrees;

    [MaxLength(Recommendation.TextLimit, ErrorMessage = "The comment can be at most 4,000 characters.")]
    [MultiLine]
    public string? Comment { get; set; }

    /// <summary>The recommendation's <see cref="Recommendation.Version"/> when the form was opened.</summary>
    public Guid Version { get; set; }
}
