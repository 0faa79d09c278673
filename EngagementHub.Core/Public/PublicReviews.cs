using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Public;

/// <summary>One criterion of a published review: the wording it was rated on, the agreed rating and note as last
/// published (<see cref="ReviewItem.PublishedScore"/>: never a change made since that both sides have not agreed to
/// publish), and the comments each side chose to publish (null otherwise).</summary>
public sealed record PublicReviewItem(
    ReviewSide Side, int Position, string Name, string Description, ReviewScore? Agreed, string? AgreedNote, string? LinkComment, string? CommissionersComment);

/// <summary>An agreed action as the public sees it: the organisation that owns it, never the person; done as its owner
/// reported it (a UK date).</summary>
public sealed record PublicReviewAction(string Text, string Owner, DateOnly DueOn, DateOnly? DoneOn);

/// <summary>A published joint review: organisations named, no person, no side's own ratings — only what both agreed, as
/// last published.</summary>
/// <param name="Id">The round.</param>
/// <param name="Year">The financial year reviewed.</param>
/// <param name="Link">The LINk's name.</param>
/// <param name="Commissioners">The commissioner's name, or the words for all commissioners.</param>
/// <param name="PublishedAt">When it was first published (UTC).</param>
/// <param name="Items">The criteria as last published.</param>
/// <param name="Actions">The actions as last published.</param>
/// <param name="UpdatedAt">When a revision both sides agreed was last published (UTC); null when none has been.</param>
/// <param name="RevisingSince">Since when one side has reopened it for revision (UTC); null when it is not being revised.
/// The items and actions are still those last published.</param>
/// <param name="PublishedBy">The organisation whose person first published it; null when not recorded.</param>
/// <param name="UpdatedBy">The organisation whose person's press published the last revision; null for none or not recorded.</param>
/// <param name="UpdatedAlone">That revision was published by one side alone, its other side deactivated (ADR 23).</param>
public sealed record PublicReview(
    int Id, FinancialYear Year, string Link, string Commissioners, DateTimeOffset PublishedAt,
    IReadOnlyList<PublicReviewItem> Items, IReadOnlyList<PublicReviewAction> Actions,
    DateTimeOffset? UpdatedAt = null, DateTimeOffset? RevisingSince = null, string? PublishedBy = null, string? UpdatedBy = null, bool UpdatedAlone = false);

/// <summary>Reads published reviews for the public site, through <see cref="PublicVisibility.IsPublishedReview"/>.</summary>
public static class PublicReviews
{
    /// <returns>Every published review, newest year first, each as last published: a change since, while one side has
    /// reopened it for revision, stays off the public site until both sides agree to publish it (ADR 23).</returns>
    public static async Task<IReadOnlyList<PublicReview>> LoadAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        var rounds = await db.ReviewRounds.AsNoTracking().Where(PublicVisibility.IsPublishedReview)
            .Include(r => r.Items).Include(r => r.Ratings).Include(r => r.Actions).AsSplitQuery()
            .ToListAsync(ct);
        if (rounds.Count == 0)
        {
            return [];
        }

        var wordingIds = rounds.SelectMany(r => r.Items).Select(i => i.WordingId).Distinct().ToList();
        var wordings = await db.CriterionWordings.AsNoTracking().Where(w => wordingIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return [.. rounds.OrderByDescending(r => r.Year).ThenBy(r => r.Id).Select(r => ToPublic(r, wordings, names))];
    }

    private static PublicReview ToPublic(ReviewRound round, IReadOnlyDictionary<int, CriterionWording> wordings, IReadOnlyDictionary<int, string> names)
    {
        string? Comment(int itemId, ReviewSide side) =>
            round.PublishesComments(side) ? round.Ratings.FirstOrDefault(r => r.ItemId == itemId && r.By == side)?.Comment : null;

        var items = round.Items.OrderBy(i => i.Side).ThenBy(i => i.Position)
            .Select(i => new PublicReviewItem(i.Side, i.Position, wordings[i.WordingId].Name, wordings[i.WordingId].Description, i.PublishedScore, i.PublishedNote,
                Comment(i.Id, ReviewSide.Link), Comment(i.Id, ReviewSide.Commissioners)))
            .ToList();
        var actions = round.Actions.Where(a => a.IsPublished).OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new PublicReviewAction(a.Text, names.GetValueOrDefault(a.OwnerOrganisationId, ""), a.DueOn, a.DoneOn))
            .ToList();
        return new PublicReview(round.Id, round.FinancialYear, names.GetValueOrDefault(round.LinkOrganisationId, "The LINk"),
            round.CommissionerOrganisationId is { } c ? names.GetValueOrDefault(c, "") : ReviewTerms.AllCommissioners,
            round.PublishedAt!.Value, items, actions, round.UpdatedAt, round.RevisingSince,
            round.PublishedByOrganisationId is { } first ? names.GetValueOrDefault(first) : null,
            round.UpdatedByOrganisationId is { } second ? names.GetValueOrDefault(second) : null, round.UpdatedAlone);
    }
}
