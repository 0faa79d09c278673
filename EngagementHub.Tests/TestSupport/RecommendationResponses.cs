using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;

namespace EngagementHub.Tests.TestSupport;

/// <summary>Responding to a recommendation as the response form does: from the recommendation as it is now.</summary>
public static class RecommendationResponses
{
    /// <returns>
    /// <see cref="DeadlineService.RespondToRecommendationAsync"/>'s outcome for <paramref name="response"/> and
    /// <paramref name="text"/>, sent with the version the recommendation has now, as a form opened just before would.
    /// </returns>
    public static async Task<Outcome> RespondAsync(
        this DeadlineService deadlines, Actor actor, int deadlineId, int recommendationId, RecommendationResponse response, string? text)
    {
        var recommendation = (await deadlines.GetAsync(deadlineId))!.Deadline.Recommendations.Single(r => r.Id == recommendationId);
        return await deadlines.RespondToRecommendationAsync(actor, deadlineId, recommendationId,
            new RecommendationResponseInput { Response = response, ResponseText = text, Version = recommendation.Version });
    }
}
