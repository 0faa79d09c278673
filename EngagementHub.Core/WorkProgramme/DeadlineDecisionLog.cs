using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// The decisions log's side of a deadline the LINk logs itself (at /deadlines/new, or by escalating a late one): the
/// decision to request information, make a report or refer to scrutiny, dated the day it was received, taken by the
/// LINk (the body, named as the log publishes bodies; the person who logged it is kept as who recorded it, which is
/// never published), with the reasons they gave (or the subject). Healthwatch must publish these relevant decisions
/// (Local Government and Public Involvement in Health Act 2007 s.221 as amended; ADR 22).
/// </summary>
public sealed class DeadlineDecisionLog : IDeadlineDecisionLog
{
    /// <inheritdoc />
    /// <remarks>
    /// The subject, body name and reasons arrive within the log's column limits (the forms refuse longer ones);
    /// <see cref="InputValidation.Shorten"/> only guards the columns should a caller pass composed text.
    /// </remarks>
    public Task AddAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, string? reasons, DateTimeOffset now, CancellationToken ct = default)
    {
        if (RelevantDecision.KindOf(deadline.Kind) is { } kind)
        {
            db.RelevantDecisions.Add(new RelevantDecision(deadline.SentByOrganisationId, kind, deadline.Received, InputValidation.Shorten(deadline.Subject, 300),
                InputValidation.Shorten(actor.OrganisationName ?? "The LINk", 200), InputValidation.Shorten(string.IsNullOrWhiteSpace(reasons) ? deadline.Subject : reasons.Trim(), 4000), actor.DisplayName, now,
                deadlineId: deadline.Id));
        }

        return Task.CompletedTask;
    }

}
