using EngagementHub.Core.Common;

namespace EngagementHub.Core.Deadlines;

public enum RecommendationResponse
{
    Pending,
    UnderConsideration,
    Accepted,
    PartlyAccepted,
    NotAccepted,
}

/// <summary>
/// One recommendation of a LINk report and the commissioner's response to it: the "you said, we did" record.
/// </summary>
public class Recommendation
{
    private Recommendation()
    {
        Text = "";
    }

    internal Recommendation(int number, string text)
    {
        Number = number;
        Text = string.IsNullOrWhiteSpace(text) ? throw new ArgumentException("A recommendation needs its text.", nameof(text)) : text.Trim();
    }

    public int Id { get; private set; }
    public int DeadlineId { get; private set; }
    public int Number { get; private set; }
    public string Text { get; private set; }
    public RecommendationResponse Response { get; private set; } = RecommendationResponse.Pending;

    /// <summary>What was done, or why not: required when a recommendation is not accepted.</summary>
    public string? ResponseText { get; private set; }

    public string? RespondedBy { get; private set; }
    public DateTimeOffset? RespondedAt { get; private set; }

    public Outcome Respond(RecommendationResponse response, string? text, string byName, DateTimeOffset at)
    {
        if (response == RecommendationResponse.Pending)
        {
            return Outcome.Invalid(new FieldError("Response", "Choose a response."));
        }

        if (response is RecommendationResponse.NotAccepted or RecommendationResponse.PartlyAccepted && string.IsNullOrWhiteSpace(text))
        {
            return Outcome.Invalid(new FieldError("ResponseText",
                response == RecommendationResponse.NotAccepted ? "Give the reason the recommendation is not accepted." : "Say which part is accepted and why not the rest."));
        }

        if (InputValidation.CheckText(("ResponseText", text)) is { Length: > 0 } textErrors)
        {
            return Outcome.Invalid(textErrors);
        }

        if (InputValidation.TooLong("ResponseText", text, 4000, "The response") is { } tooLong)
        {
            return Outcome.Invalid(tooLong);
        }

        Response = response;
        ResponseText = InputValidation.Clean(text);
        RespondedBy = byName;
        RespondedAt = at;
        return Outcome.Success;
    }
}
