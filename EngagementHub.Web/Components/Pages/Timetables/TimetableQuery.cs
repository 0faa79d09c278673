using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Web.Components.Pages.Timetables;

public enum TimetableView
{
    Year,
    Month,
    List,
}

/// <summary>
/// What <c>/timetable</c> shows, read from and written to its query string
/// (<c>?year=2026&amp;view=month&amp;month=2026-11&amp;org=1,2&amp;kind=DecisionPoint&amp;exercise=5</c>), so a view can be
/// linked, bookmarked and printed as it is. Anything unreadable falls back to the default rather than an error.
/// </summary>
public sealed record TimetableQuery
{
    public required FinancialYear Year { get; init; }
    public TimetableView View { get; init; } = TimetableView.Year;

    /// <summary>The first day of the month the month view shows; null for the view's default.</summary>
    public DateOnly? Month { get; init; }

    public IReadOnlyList<int> OrganisationIds { get; init; } = [];
    public IReadOnlyList<TimetableEventKind> Kinds { get; init; } = [];
    public int? ExerciseId { get; init; }

    public TimetableFilter Filter => new() { OrganisationIds = OrganisationIds, Kinds = Kinds, ExerciseId = ExerciseId };

    public bool IsFiltered => OrganisationIds.Count > 0 || Kinds.Count > 0 || ExerciseId is not null;

    /// <summary>Reads the address's values as <see cref="QueryValue"/> does: "2026" or "2026/27" for the year, an id
    /// (with or without a full stop after it) for the exercise; what cannot be read is the default.</summary>
    public static TimetableQuery Parse(string? year, string? view, string? month, string? organisations, string? kinds, string? exercise, DateOnly today)
    {
        var financialYear = QueryValue.Year(year) ?? FinancialYear.Containing(today);
        DateOnly? monthStart = DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m) ? m : null;
        var filter = TimetableFilter.Parse([organisations], [kinds], QueryValue.Number(exercise));
        return new TimetableQuery
        {
            Year = financialYear,
            View = Enum.TryParse<TimetableView>(view, ignoreCase: true, out var v) && Enum.IsDefined(v) ? v : TimetableView.Year,
            Month = monthStart is { } start && financialYear.Contains(start) ? start : null,
            OrganisationIds = [.. filter.OrganisationIds],
            Kinds = [.. filter.Kinds],
            ExerciseId = filter.ExerciseId,
        };
    }

    /// <summary>The month the month view opens on: the chosen one, this month when it is in the year, or April.</summary>
    public DateOnly MonthOrDefault(DateOnly today) =>
        Month ?? (Year.Contains(today) ? new DateOnly(today.Year, today.Month, 1) : Year.Start);

    /// <summary>"?year=2026&amp;view=list&amp;org=1,2", leaving out what is at its default except the year.</summary>
    public string ToQueryString()
    {
        var parts = new List<string> { $"year={Year.StartYear.ToString(CultureInfo.InvariantCulture)}" };
        if (View != TimetableView.Year)
        {
            parts.Add($"view={View.ToString().ToLowerInvariant()}");
        }

        if (View == TimetableView.Month && Month is { } month)
        {
            parts.Add($"month={month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
        }

        parts.AddRange(FilterParts());
        return "?" + string.Join("&", parts);
    }

    /// <summary>The year and filters alone, for the exports (which have no views).</summary>
    public string ToExportQueryString() =>
        "?" + string.Join("&", FilterParts().Prepend($"year={Year.StartYear.ToString(CultureInfo.InvariantCulture)}"));

    private IEnumerable<string> FilterParts()
    {
        if (OrganisationIds.Count > 0)
        {
            yield return $"org={string.Join(",", OrganisationIds.Select(id => id.ToString(CultureInfo.InvariantCulture)))}";
        }

        if (Kinds.Count > 0)
        {
            yield return $"kind={string.Join(",", Kinds)}";
        }

        if (ExerciseId is { } exercise)
        {
            yield return $"exercise={exercise.ToString(CultureInfo.InvariantCulture)}";
        }
    }
}
