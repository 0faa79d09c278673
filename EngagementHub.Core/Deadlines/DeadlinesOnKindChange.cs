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
    /// <returns>"It still has open deadlines a provider cannot be sent: "…" (scrutiny referral). Withdraw or close them
    /// first, or keep its kind." naming at most three, soonest due first; null when none stands in the way. Reads only:
    /// it refuses nobody (the directory checked the administrator).</returns>
    public async Task<string?> RefuseAsync(EngagementHubDbContext db, Organisation organisation, OrganisationKind newKind, CancellationToken ct = default)
    {
        var open = await db.Deadlines.AsNoTracking().Where(ResponseDeadline.OpenOrAwaitingFollowUp)
            .Where(d => d.ToOrganisationId == organisation.Id || d.SentByOrganisationId == organisation.Id)
            .OrderBy(d => d.DueDate).ThenBy(d => d.Id)
            .Select(d => new { d.Subject, d.Kind, d.KindName, Received = d.ToOrganisationId == organisation.Id })
            .ToListAsync(ct);
        var received = open.Where(d => d.Received && !DeadlineRule.RecipientKinds(d.Kind).Contains(newKind)).ToList();
        var sent = newKind == OrganisationKind.Link ? [] : open.Where(d => !d.Received).ToList();
        if (received.Count == 0 && sent.Count == 0)
        {
            return null;
        }

        var reasons = new List<string>();
        if (received.Count > 0)
        {
            reasons.Add($"it still has open deadlines {newKind.WithArticle()} cannot be sent: "
                + IOrganisationKindChange.FirstThree([.. received.Select(d => $"\u201C{d.Subject}\u201D ({d.KindName.ToLowerInvariant()})")]));
        }

        if (sent.Count > 0)
        {
            reasons.Add("it still has open deadlines it sent as the LINk: " + IOrganisationKindChange.FirstThree([.. sent.Select(d => $"\u201C{d.Subject}\u201D")]));
        }

        var because = string.Join("; and ", reasons);
        return $"It cannot become {newKind.WithArticle()} yet: {because}. Withdraw them or let them be answered first, or keep its kind.";
    }
}
