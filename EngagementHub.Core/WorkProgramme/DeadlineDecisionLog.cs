using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// The decisions log's side of a deadline the LINk logs itself (at /deadlines/new, or by escalating a late one): the
/// decision to request information, make a report or refer to scrutiny, dated the day it was received, decided by the
/// person who logged it, with the reasons they gave (or the subject). Healthwatch must publish these relevant decisions
/// (Local Government and Public Involvement in Health Act 2007 s.221 as amended; ADR 22).
/// </summary>
public sealed class DeadlineDecisionLog : IDeadlineDecisionLog
{
    public Task AddAsync(EngagementHubDbContext db, Actor actor, ResponseDeadline deadline, string? reasons, DateTimeOffset now, CancellationToken ct = default)
    {
        if (RelevantDecision.KindOf(deadline.Kind) is { } kind)
        {
            db.RelevantDecisions.Add(new RelevantDecision(deadline.SentByOrganisationId, kind, deadline.Received, Shorten(deadline.Subject, 300),
                Shorten(actor.DisplayName, 200), Shorten(string.IsNullOrWhiteSpace(reasons) ? deadline.Subject : reasons.Trim(), 4000), actor.DisplayName, now,
                deadlineId: deadline.Id));
        }

        return Task.CompletedTask;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
