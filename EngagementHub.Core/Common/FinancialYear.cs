using System.Globalization;

namespace EngagementHub.Core.Common;

/// <summary>
/// A UK public-sector financial year, 1 April to 31 March, named by the calendar year it starts in:
/// 2026/27 runs from 1 April 2026 to 31 March 2027.
/// </summary>
public readonly record struct FinancialYear(int StartYear) : IComparable<FinancialYear>
{
    public DateOnly Start => new(StartYear, 4, 1);

    public DateOnly End => new(StartYear + 1, 3, 31);

    /// <summary>"2026/27".</summary>
    public string Label => $"{StartYear}/{(StartYear + 1) % 100:00}";

    public static FinancialYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    /// <summary>The years a year picker offers: two back, this one, and next.</summary>
    public static IReadOnlyList<FinancialYear> AroundToday(DateOnly today)
    {
        var current = Containing(today);
        return [.. Enumerable.Range(-2, 4).Select(offset => new FinancialYear(current.StartYear + offset))];
    }

    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>Whether a span of days shares at least one day with this year.</summary>
    public bool Overlaps(DateOnly from, DateOnly to) => from <= End && to >= Start;

    /// <summary>Reads "2026/27" or "2026".</summary>
    public static bool TryParse(string? text, out FinancialYear year)
    {
        year = default;
        var head = text?.Split('/')[0].Trim();
        if (int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var start) && start is >= 1990 and <= 2100)
        {
            year = new FinancialYear(start);
            return true;
        }

        return false;
    }

    public int CompareTo(FinancialYear other) => StartYear.CompareTo(other.StartYear);

    public override string ToString() => Label;
}
