using EngagementHub.Core.Data;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>
/// An organisation's kind decides which deadlines it may be sent (<see cref="DeadlineRule.RecipientKinds(DeadlineKind)"/>:
/// a scrutiny referral only to the scrutiny committee, a request for information to a commissioner or a provider) and a
/// LINk's which it sends. While a deadline is open (<see cref="ResponseDeadline.IsOpen"/>), or a referral met by its
/// acknowledgement still awaits its follow-up answer (<see cref="ResponseDeadline.AwaitsFollowUp"/>), the kinds it was
/// sent under must stand (ADR 12, 2026-12-03 and 2026-12-04): the committee still owes that answer, and the LINk still
/// records it. Answered, withdrawn and escalated ones are history and stay as they were.
/// </summary>
public sealed class DeadlinesOnKindChange : IOrganisationKindChange
{
    /// <returns>"It cannot become a provider yet: it still has open deadlines a provider cannot be sent: "…" (request for
    /// information). Withdraw them or let them be answered first, or keep its kind.", naming at most three of each, soonest
    /// due first, and the follow-ups it owes or awaits apart ("it still owes the follow-up answer to a referral it
    /// acknowledged…: record the follow-up answer … when it comes"), as a follow-up cannot be withdrawn; null when none stands in the
    /// way. Reads only: it refuses nobody (the directory checked the administrator).</returns>
    public async Task<string?> RefuseAsync(EngagementHubDbContext db, Organisation organisation, OrganisationKind newKind, CancellationToken ct = default)
    {
        var waiting = await db.Deadlines.AsNoTracking().Where(ResponseDeadline.OpenOrAwaitingFollowUp)
            .Where(d => d.ToOrganisationId == organisation.Id || d.SentByOrganisationId == organisation.Id)
            .OrderBy(d => d.DueDate).ThenBy(d => d.Id)
            .Select(d => new
            {
                d.Subject, d.Kind, d.KindName, Received = d.ToOrganisationId == organisation.Id,
                FollowUp = d.State == DeadlineState.Acknowledged && d.DischargedBy == DutyStep.Acknowledgement,
            })
            .ToListAsync(ct);
        var received = waiting.Where(d => d.Received && !DeadlineRule.RecipientKinds(d.Kind).Contains(newKind)).ToList();
        var sent = newKind == OrganisationKind.Link ? [] : waiting.Where(d => !d.Received).ToList();
        if (received.Count == 0 && sent.Count == 0)
        {
            return null;
        }

        string Named<T>(IEnumerable<T> rows, Func<T, string> name) => IOrganisationKindChange.FirstThree([.. rows.Select(name)]);
        var reasons = new List<string>();
        if (received.Where(d => !d.FollowUp).ToList() is { Count: > 0 } open)
        {
            reasons.Add($"it still has open deadlines {newKind.WithArticle()} cannot be sent: "
                + Named(open, d => $"\u201C{d.Subject}\u201D ({d.KindName.ToLowerInvariant()})"));
        }

        if (received.Where(d => d.FollowUp).ToList() is { Count: > 0 } owed)
        {
            reasons.Add($"it still owes the follow-up answer to {(owed.Count == 1 ? "a referral" : "referrals")} it acknowledged, "
                + $"which {newKind.WithArticle()} may not hold: " + Named(owed, d => $"\u201C{d.Subject}\u201D"));
        }

        if (sent.Where(d => !d.FollowUp).ToList() is { Count: > 0 } sentOpen)
        {
            reasons.Add("it still has open deadlines it sent as the LINk: " + Named(sentOpen, d => $"\u201C{d.Subject}\u201D"));
        }

        if (sent.Where(d => d.FollowUp).ToList() is { Count: > 0 } awaited)
        {
            reasons.Add($"it still awaits, as the LINk, the follow-up answer to {(awaited.Count == 1 ? "a referral" : "referrals")} it sent: "
                + Named(awaited, d => $"\u201C{d.Subject}\u201D"));
        }

        // A follow-up is not open: it cannot be withdrawn, only answered (ResponseDeadline.Withdraw).
        var anyOpen = received.Concat(sent).Any(d => !d.FollowUp);
        var anyFollowUp = received.Concat(sent).Any(d => d.FollowUp);
        var what = (anyOpen, anyFollowUp) switch
        {
            (true, true) => "Withdraw the open ones or let them be answered, and record each follow-up answer when it comes; or keep its kind.",
            (true, false) => "Withdraw them or let them be answered first, or keep its kind.",
            _ => "Record the follow-up answer on the deadline's page when it comes; until then, keep its kind.",
        };
        return $"It cannot become {newKind.WithArticle()} yet: {string.Join("; and ", reasons)}. {what}";
    }
}
