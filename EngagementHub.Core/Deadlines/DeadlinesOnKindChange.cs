using EngagementHub.Core.Data;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// An organisation's kind decides which deadlines it may be sent (<see cref="DeadlineRule.RecipientKinds(DeadlineKind)"/>:
/// a scrutiny referral only to the scrutiny committee, a request for information to a commissioner or a provider) and a
/// LINk's which it sends. While an answer is still owed on a deadline (<see cref="ResponseDeadline.AnswerStillOwed"/>: it
/// is open, a referral met by its acknowledgement awaits its follow-up, or it was escalated unanswered), the kinds it was
/// sent under must stand (ADR 12, 2026-12-03 and 2026-12-04): the organisation still owes that answer, and the LINk still
/// records it. Answered and withdrawn ones are history and stay as they were.
/// </summary>
public sealed class DeadlinesOnKindChange : IOrganisationKindChange
{
    /// <summary>What is still owed on a deadline that stands in the way: the way out differs.</summary>
    private enum Owed
    {
        /// <summary>Open: withdrawn or answered.</summary>
        Open,

        /// <summary>The follow-up of an acknowledged referral: only answered, as it cannot be withdrawn.</summary>
        FollowUp,

        /// <summary>The answer to a deadline escalated unanswered: only answered, as it cannot be withdrawn.</summary>
        AfterEscalation,
    }

    /// <returns>"It cannot become a provider yet: it still has open deadlines a provider cannot be sent: "…" (request for
    /// information). Withdraw them or let them be answered first, or keep its kind.", naming at most three of each, soonest
    /// due first, and the follow-ups and the answers to escalated deadlines it owes or awaits apart ("it still owes the
    /// follow-up answer to a referral it acknowledged…", "it still owes the answer to a deadline escalated to the scrutiny
    /// committee…": "record each answer on the deadline's page when it comes"), as neither can be withdrawn; null when none
    /// stands in the way. Reads only: it refuses nobody (the directory checked the administrator).</returns>
    public async Task<string?> RefuseAsync(EngagementHubDbContext db, Organisation organisation, OrganisationKind newKind, CancellationToken ct = default)
    {
        var waiting = await db.Deadlines.AsNoTracking().Where(ResponseDeadline.AnswerStillOwed)
            .Where(d => d.ToOrganisationId == organisation.Id || d.SentByOrganisationId == organisation.Id)
            .OrderBy(d => d.DueDate).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Subject, d.Kind, d.KindName, Received = d.ToOrganisationId == organisation.Id,
                Owed = d.State == DeadlineState.Escalated ? Owed.AfterEscalation
                    : d.State == DeadlineState.Acknowledged && d.DischargedBy == DutyStep.Acknowledgement ? Owed.FollowUp
                    : Owed.Open,
            })
            .ToListAsync(ct);
        var received = waiting.Where(d => d.Received && !DeadlineRule.RecipientKinds(d.Kind).Contains(newKind)).ToList();
        var sent = newKind == OrganisationKind.Link ? [] : waiting.Where(d => !d.Received).ToList();
        if (received.Count == 0 && sent.Count == 0)
        {
            return null;
        }

        string Named<T>(IEnumerable<T> rows, Func<T, string> name) => IOrganisationKindChange.FirstThree([.. rows.Select(name)]);
        string Some(int count, string one) => count == 1 ? $"a {one}" : $"{one}s";
        var reasons = new List<string>();
        if (received.Where(d => d.Owed == Owed.Open).ToList() is { Count: > 0 } open)
        {
            reasons.Add($"it still has open deadlines {newKind.WithArticle()} cannot be sent: "
                + Named(open, d => $"\u201C{d.Subject}\u201D ({d.KindName.ToLowerInvariant()})"));
        }

        if (received.Where(d => d.Owed == Owed.FollowUp).ToList() is { Count: > 0 } owed)
        {
            reasons.Add($"it still owes the follow-up answer to {Some(owed.Count, "referral")} it acknowledged, "
                + $"which {newKind.WithArticle()} may not hold: " + Named(owed, d => $"\u201C{d.Subject}\u201D"));
        }

        if (received.Where(d => d.Owed == Owed.AfterEscalation).ToList() is { Count: > 0 } escalated)
        {
            reasons.Add($"it still owes the answer to {Some(escalated.Count, "deadline")} escalated to the scrutiny committee, "
                + $"which {newKind.WithArticle()} cannot be sent: " + Named(escalated, d => $"\u201C{d.Subject}\u201D ({d.KindName.ToLowerInvariant()})"));
        }

        if (sent.Where(d => d.Owed == Owed.Open).ToList() is { Count: > 0 } sentOpen)
        {
            reasons.Add("it still has open deadlines it sent as the LINk: " + Named(sentOpen, d => $"\u201C{d.Subject}\u201D"));
        }

        if (sent.Where(d => d.Owed == Owed.FollowUp).ToList() is { Count: > 0 } awaited)
        {
            reasons.Add($"it still awaits, as the LINk, the follow-up answer to {Some(awaited.Count, "referral")} it sent: "
                + Named(awaited, d => $"\u201C{d.Subject}\u201D"));
        }

        if (sent.Where(d => d.Owed == Owed.AfterEscalation).ToList() is { Count: > 0 } sentEscalated)
        {
            reasons.Add($"it still awaits, as the LINk, the answer to {Some(sentEscalated.Count, "deadline")} it escalated to the scrutiny committee: "
                + Named(sentEscalated, d => $"\u201C{d.Subject}\u201D"));
        }

        // Only an open deadline can be withdrawn (ResponseDeadline.Withdraw): a follow-up, or an answer owed after
        // escalation, is only ever answered.
        var all = received.Concat(sent).ToList();
        var answer = all.Where(d => d.Owed != Owed.Open).Select(d => d.Owed).Distinct().ToList() switch
        {
            [] => null,
            [Owed.FollowUp] => "follow-up answer",
            [Owed.AfterEscalation] => "answer",
            _ => "answer owed",
        };
        var what = (all.Any(d => d.Owed == Owed.Open), answer) switch
        {
            (true, null) => "Withdraw them or let them be answered first, or keep its kind.",
            (true, _) => $"Withdraw the open ones or let them be answered, and record each {answer} when it comes; or keep its kind.",
            _ => $"Record the {answer} on the deadline's page when it comes; until then, keep its kind.",
        };
        return $"It cannot become {newKind.WithArticle()} yet: {string.Join("; and ", reasons)}. {what}";
    }
}
