using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Reviews;

/// <summary>
/// What of the joint reviews waits on a deactivated organisation (ADR 23, 2026-12-02): a round with it alone as the
/// commissioner, not published, can no longer be rated, met on or agreed by its side, so the LINk is told what it can
/// still do (<see cref="ReviewNotices.CommissionerDeactivatedAsync"/>); a round of the LINk's, not published, likewise
/// tells the commissioners' side (<see cref="ReviewNotices.LinkDeactivatedAsync"/>); an action it owns, not done, can no longer be
/// marked done and is reminded to nobody, so the other side of its round is told
/// (<see cref="ReviewNotices.ActionOwnerDeactivatedAsync"/>); a published round being revised with it alone as one side
/// can no longer be agreed by both, so the remaining side is told its own press now publishes the revision
/// (<see cref="ReviewNotices.RevisionPartnerDeactivatedAsync"/>, <see cref="ReviewRound.Publish"/>). Nothing on the
/// rounds or actions changes.
/// </summary>
public sealed class ReviewsOnDeactivation : IOrganisationDeactivation
{
    /// <summary>
    /// Adds the LINk's notice for each round with <paramref name="organisation"/> as its commissioner that is not
    /// published (in year order; a round kept as a duplicate of its year's first is nobody's to rate and is left out),
    /// the commissioners' notice for each such round with <paramref name="organisation"/> as its LINk, then the remaining
    /// side's notice for each published round being revised with <paramref name="organisation"/> alone as one side, then
    /// the other side's notice for each action <paramref name="organisation"/> owns that is not done (soonest due
    /// first). Rounds with all commissioners, published rounds and actions done are left alone. Adds to
    /// <paramref name="db"/> without saving.
    /// </summary>
    /// <param name="db">The deactivation's context, saved by the caller with the organisation.</param>
    /// <param name="actor">The administrator deactivating it (the caller checked the right); not told.</param>
    /// <param name="organisation">The organisation being deactivated.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads; nothing is saved.</param>
    /// <returns>A task that completes once every notice is added. Refuses nobody: the directory checked the administrator.</returns>
    public async Task OrganisationDeactivatedAsync(EngagementHubDbContext db, Actor actor, Organisation organisation, DateTimeOffset now, CancellationToken ct = default)
    {
        var rounds = await db.ReviewRounds.AsNoTracking()
            .Where(r => r.CommissionerOrganisationId == organisation.Id && r.PublishedAt == null && r.DuplicateOfRoundId == null)
            .OrderBy(r => r.Year).ThenBy(r => r.Id).ToListAsync(ct);
        foreach (var round in rounds)
        {
            await ReviewNotices.CommissionerDeactivatedAsync(db, actor, round, organisation.Name, now, ct);
        }

        var ofTheLink = await db.ReviewRounds.AsNoTracking()
            .Where(r => r.LinkOrganisationId == organisation.Id && r.PublishedAt == null && r.DuplicateOfRoundId == null)
            .OrderBy(r => r.Year).ThenBy(r => r.Id).ToListAsync(ct);
        foreach (var round in ofTheLink)
        {
            await ReviewNotices.LinkDeactivatedAsync(db, actor, round, organisation.Name, now, ct);
        }

        // A published round being revised needs both sides' agreement to publish the revision: with the organisation that
        // alone made up one side gone, the remaining side is told that its own press now publishes it.
        var revising = await db.ReviewRounds.AsNoTracking().Include(r => r.Items).Include(r => r.Actions).AsSplitQuery()
            .Where(r => r.RevisingSince != null && r.DuplicateOfRoundId == null
                        && (r.LinkOrganisationId == organisation.Id || r.CommissionerOrganisationId == organisation.Id))
            .OrderBy(r => r.Year).ThenBy(r => r.Id).ToListAsync(ct);
        foreach (var round in revising)
        {
            var gone = round.LinkOrganisationId == organisation.Id ? ReviewSide.Link : ReviewSide.Commissioners;
            await ReviewNotices.RevisionPartnerDeactivatedAsync(db, actor, round, gone, organisation.Name, now, ct);
        }

        var actions = await db.ReviewActions.AsNoTracking().Where(a => a.OwnerOrganisationId == organisation.Id && a.DoneOn == null)
            .OrderBy(a => a.DueOn).ThenBy(a => a.Id).ToListAsync(ct);
        var roundIds = actions.Select(a => a.RoundId).Distinct().ToList();
        var ofActions = await db.ReviewRounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        foreach (var action in actions)
        {
            await ReviewNotices.ActionOwnerDeactivatedAsync(db, actor, ofActions[action.RoundId], action, organisation.Name, now, ct);
        }
    }
}
