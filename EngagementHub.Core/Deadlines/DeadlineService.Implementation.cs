using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// "You said, we did" after the response (ADR 0016): the commissioner that answered the report records how each
/// accepted recommendation is carried out and what happened along the way; the LINk that sent it says whether it
/// agrees the recommendation has been met.
/// </summary>
public sealed partial class DeadlineService
{
    /// <summary>
    /// The commissioner records where carrying out an accepted recommendation stands. A second submission of the same
    /// form (<paramref name="key"/>) changes nothing. Another status, or other words for the outcome, sets the LINk's view
    /// aside (<see cref="Recommendation.RecordImplementation"/>) and the LINk is asked again.
    /// </summary>
    /// <returns>Success; field messages from <see cref="Recommendation.RecordImplementation"/>; a problem when the report or
    /// recommendation is gone, the report was withdrawn, the recommendation was not accepted, or someone saved it since
    /// <paramref name="input"/>'s version was read (who, when and what).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the organisation the report was sent to (logged).</exception>
    public Task<Outcome> RecordImplementationAsync(
        Actor actor, int deadlineId, int recommendationId, ImplementationInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        var errors = InputValidation.Validate(input);
        return errors.Length > 0
            ? Task.FromResult(Outcome.Invalid(errors))
            : ChangeRecommendationAsync(actor, deadlineId, recommendationId, Side.Recipient, "record the implementation of a recommendation", input.Version,
                (r, _) => r.RecordImplementation(input.Status, input.PlannedDate, input.DroppedReason, input.ChangeMade, actor.DisplayName, clock.GetUtcNow()),
                DeadlineNotices.ImplementationRecordedAsync, key, ct);
    }

    /// <summary>
    /// The commissioner adds a dated milestone (what happened) to an accepted recommendation whose implementation is
    /// recorded. A second submission of the same form (<paramref name="key"/>) adds nothing.
    /// </summary>
    /// <returns>Success; field messages (<c>On</c>, <c>Text</c>) from <see cref="Recommendation.AddMilestone"/>, including a
    /// date after today (UK); a problem as for <see cref="RecordImplementationAsync"/>.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the organisation the report was sent to (logged).</exception>
    public Task<Outcome> AddMilestoneAsync(
        Actor actor, int deadlineId, int recommendationId, MilestoneInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        var errors = InputValidation.Validate(input);
        return errors.Length > 0
            ? Task.FromResult(Outcome.Invalid(errors))
            : ChangeRecommendationAsync(actor, deadlineId, recommendationId, Side.Recipient, "add a milestone to a recommendation", null,
                (r, _) => r.AddMilestone(input.On!.Value, input.Text, actor.DisplayName, clock.GetUtcNow(), Today),
                DeadlineNotices.ImplementationRecordedAsync, key, ct);
    }

    /// <summary>
    /// The LINk that sent the report says whether it agrees a recommendation has been met. A second submission of the
    /// same form (<paramref name="key"/>) changes nothing.
    /// </summary>
    /// <returns>Success; field messages (<c>Verdict</c>, <c>Comment</c>) from <see cref="Recommendation.RecordLinkVerdict"/>;
    /// a problem as for <see cref="RecordImplementationAsync"/>, or before any implementation is recorded.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the LINk that sent the report (logged).</exception>
    public Task<Outcome> RecordLinkVerdictAsync(
        Actor actor, int deadlineId, int recommendationId, LinkVerdictInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        var errors = InputValidation.Validate(input);
        return errors.Length > 0
            ? Task.FromResult(Outcome.Invalid(errors))
            : ChangeRecommendationAsync(actor, deadlineId, recommendationId, Side.Sender, "give the LINk's view of a recommendation", input.Version,
                (r, _) => r.RecordLinkVerdict(input.Verdict, input.Comment, actor.DisplayName, clock.GetUtcNow()),
                (db, by, d, r, _, now, c) => DeadlineNotices.LinkVerdictRecordedAsync(db, by, d, r, now, c), key, ct);
    }

    /// <summary>Records the notices of a step on one recommendation in the step's own save; <paramref name="verdictSetAside"/>
    /// is the LINk's view the step set aside, if any.</summary>
    private delegate Task NotifyRecommendation(
        EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, Recommendation recommendation, LinkVerdict? verdictSetAside, DateTimeOffset now,
        CancellationToken ct);

    /// <summary>
    /// Every step on one recommendation: <see cref="ChangePath"/> on the report, with its recommendation's version held
    /// to <paramref name="version"/> (when the step takes the screen's), and the step's notices.
    /// </summary>
    private async Task<Outcome> ChangeRecommendationAsync(
        Actor actor, int deadlineId, int recommendationId, Side side, string action, Guid? version,
        Func<Recommendation, EngagementHubDbContext, Outcome> change, NotifyRecommendation notify, SubmissionKey key, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access,
            () => db.Deadlines.Include(d => d.Recommendations).ThenInclude(r => r.Milestones).AsSplitQuery().FirstOrDefaultAsync(d => d.Id == deadlineId, ct),
            "This report no longer exists.", _ => new ChangedRow(nameof(Recommendation), recommendationId, "recommendation"),
            deadline => NotOnSide(actor, deadline, side, action),
            async deadline =>
            {
                if (deadline.State == DeadlineState.Withdrawn)
                {
                    return Outcome.Failed("The LINk withdrew this report, so its recommendations are not followed up.");
                }

                if (deadline.Recommendations.FirstOrDefault(r => r.Id == recommendationId) is not { } recommendation)
                {
                    return Outcome.Failed("That recommendation is not part of this report.");
                }

                var verdictBefore = recommendation.LinkVerdict;
                var outcome = change(recommendation, db);
                if (outcome.Succeeded)
                {
                    await notify(db, actor, deadline, recommendation, recommendation.LinkVerdict is null ? verdictBefore : null, clock.GetUtcNow(), ct);
                }

                return outcome;
            },
            ct, seenVersion: version, versioned: deadline => deadline.Recommendations.First(r => r.Id == recommendationId),
            key: key, keyAction: action, clock: clock);
    }
}
