using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Web.Components.Pages.Public;

/// <summary>
/// The public timetable's query string, read the same by the page and by its CSV and JSON:
/// <c>?year=2026&amp;org=3&amp;kind=DecisionPoint</c> (lists as commas or repeated keys, as on the partners' timetable).
/// What cannot be read is left out rather than refused, so an old or hand-edited link still opens.
/// </summary>
public sealed record PublicTimetableQuery(FinancialYear? Year, TimetableFilter Filter)
{
    public static PublicTimetableQuery Parse(string? year, IEnumerable<string?>? organisations, IEnumerable<string?>? kinds) => new(
        QueryValue.Year(year),
        TimetableFilter.Parse(organisations ?? [], kinds ?? [], exerciseId: null));

    /// <summary>The query string for <paramref name="year"/> with this filter ("?year=2026&amp;org=3"), for links to the data.</summary>
    public static string QueryString(FinancialYear? year, TimetableFilter filter)
    {
        var parts = new List<string>();
        if (year is { } y)
        {
            parts.Add($"year={y.StartYear}");
        }

        if (filter.OrganisationIds.Count > 0)
        {
            parts.Add("org=" + string.Join(',', filter.OrganisationIds));
        }

        if (filter.Kinds.Count > 0)
        {
            parts.Add("kind=" + string.Join(',', filter.Kinds));
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
