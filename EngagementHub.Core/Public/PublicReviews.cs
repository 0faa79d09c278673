using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Reviews;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Public;

/// <summary>One criterion of a published review: the wording it was rated on, the agreed rating, and the comments each
/// side chose to publish (null otherwise).</summary>
public sealed record PublicReviewItem(
    ReviewSide Side, int Position, string Name, string Description, ReviewScore? Agreed, string? AgreedNote, string? LinkComment, string? CommissionersComment);

/// <summary>An agreed action as the public sees it: the organisation that owns it, never the person.</summary>
public sealed record PublicReviewAction(string Text, string Owner, DateOnly DueOn, DateOnly? DoneOn);

/// <summary>A published joint review: organisations named, no person, no side's own ratings — only what both agreed.</summary>
public sealed record PublicReview(
    int Id, FinancialYear Year, string Link, string Commissioners, DateTimeOffset PublishedAt,
    IReadOnlyList<PublicReviewItem> Items, IReadOnlyList<PublicReviewAction> Actions);

/// <summary>Reads published reviews for the public site, through <see cref="PublicVisibility.IsPublishedReview"/>.</summary>
public static class PublicReviews
{
    /// <returns>Every published review, newest year first.</returns>
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
            .Select(i => new PublicReviewItem(i.Side, i.Position, wordings[i.WordingId].Name, wordings[i.WordingId].Description, i.AgreedScore, i.AgreedNote,
                Comment(i.Id, ReviewSide.Link), Comment(i.Id, ReviewSide.Commissioners)))
            .ToList();
        var actions = round.Actions.OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new PublicReviewAction(a.Text, names.GetValueOrDefault(a.OwnerOrganisationId, ""), a.DueOn, a.DoneOn))
            .ToList();
        return new PublicReview(round.Id, round.FinancialYear, names.GetValueOrDefault(round.LinkOrganisationId, "The LINk"),
            round.CommissionerOrganisationId is { } c ? names.GetValueOrDefault(c, "") : ReviewTerms.AllCommissioners,
            round.PublishedAt!.Value, items, actions);
    }
}
