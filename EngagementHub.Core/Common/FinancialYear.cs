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

    /// <summary>
    /// The first and last start years the app takes from an address or a form. An edited or bookmarked address may hold
    /// any number, and a year outside the calendar's range (0, 99999) has no dates at all.
    /// </summary>
    public const int FirstStartYear = 1990, LastStartYear = 2100;

    /// <returns>The financial year starting in <paramref name="startYear"/>; null when none is given or it is outside
    /// <see cref="FirstStartYear"/>–<see cref="LastStartYear"/>, which a page then treats as no year chosen.</returns>
    public static FinancialYear? FromStartYear(int? startYear) =>
        startYear is >= FirstStartYear and <= LastStartYear ? new FinancialYear(startYear.Value) : null;

    /// <summary>Reads "2026/27" or "2026".</summary>
    /// <returns>False for anything else, or a year outside <see cref="FirstStartYear"/>–<see cref="LastStartYear"/>.</returns>
    public static bool TryParse(string? text, out FinancialYear year)
    {
        var head = text?.Split('/')[0].Trim();
        year = int.TryParse(head, NumberStyles.None, CultureInfo.InvariantCulture, out var start) && FromStartYear(start) is { } found ? found : default;
        return year != default;
    }

    public int CompareTo(FinancialYear other) => StartYear.CompareTo(other.StartYear);

    public override string ToString() => Label;
}
