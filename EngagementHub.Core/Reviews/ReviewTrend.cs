using EngagementHub.Core.Common;

namespace EngagementHub.Core.Reviews;

/// <summary>One criterion's agreed rating in each year reviewed (null: not agreed, or not in that year's round).</summary>
public sealed record TrendRow(ReviewSide Side, int Position, string Name, IReadOnlyDictionary<FinancialYear, ReviewScore?> ByYear)
{
    /// <summary>
    /// How the agreed rating moved from the earliest to the latest year with an agreed, known rating (a higher score is
    /// better met); null with fewer than two such years.
    /// </summary>
    public TrendDirection? Direction
    {
        get
        {
            var known = ByYear.OrderBy(y => y.Key).Select(y => y.Value).Where(s => s is not null and not ReviewScore.DontKnow).ToList();
            return known.Count < 2 ? null
                : known[^1] > known[0] ? TrendDirection.Better
                : known[^1] < known[0] ? TrendDirection.Worse
                : TrendDirection.Same;
        }
    }
}

/// <summary>How a criterion's agreed rating moved over the years reviewed (<see cref="TrendRow.Direction"/>).</summary>
public enum TrendDirection
{
    Same,
    Better,
    Worse,
}

/// <summary>The agreed ratings of one pairing (the LINk and a commissioner, or all) over the years, criterion by criterion.</summary>
public sealed record Trend(string Commissioners, IReadOnlyList<FinancialYear> Years, IReadOnlyList<TrendRow> Rows);

/// <summary>One agreed rating as the trend reads it.</summary>
public sealed record AgreedRating(FinancialYear Year, ReviewSide Side, int Position, string Name, ReviewScore? Agreed);

/// <summary>
/// Lines up agreed ratings across years. A criterion is followed by its number in the study's table, which rewording
/// does not change; it is named as in its latest year.
/// </summary>
public static class ReviewTrend
{
    public static Trend Of(string commissioners, IReadOnlyList<AgreedRating> ratings)
    {
        var years = ratings.Select(r => r.Year).Distinct().Order().ToList();
        var rows = ratings
            .GroupBy(r => (r.Side, r.Position))
            .OrderBy(g => g.Key.Side).ThenBy(g => g.Key.Position)
            .Select(g => new TrendRow(g.Key.Side, g.Key.Position, g.MaxBy(r => r.Year)!.Name,
                years.ToDictionary(y => y, y => g.FirstOrDefault(r => r.Year == y)?.Agreed)))
            .ToList();
        return new Trend(commissioners, years, rows);
    }
}
