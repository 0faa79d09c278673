using EngagementHub.Core.Deadlines;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Web.Components.Pages.Public;

/// <summary>
/// The public "you said, we did" register's query string, read the same by the page and by its CSV and JSON:
/// <c>?commissioner=3&amp;year=2026&amp;status=Done&amp;exercise=5</c>. What cannot be read is left out rather than
/// refused, so an old or hand-edited link still opens.
/// </summary>
public static class PublicRegisterQuery
{
    public static RegisterFilter Parse(string? commissioner, string? year, string? status, string? exercise) => new(
        QueryValue.Number(commissioner),
        QueryValue.Year(year),
        QueryValue.Option<RegisterStage>(status),
        QueryValue.Number(exercise));

    /// <summary>The query string for <paramref name="filter"/> ("?commissioner=3&amp;status=Done"), or empty, for links to the data.</summary>
    public static string QueryString(RegisterFilter filter)
    {
        var parts = new List<string>();
        if (filter.CommissionerId is { } c)
        {
            parts.Add($"commissioner={c}");
        }

        if (filter.Year is { } y)
        {
            parts.Add($"year={y.StartYear}");
        }

        if (filter.Stage is { } s)
        {
            parts.Add($"status={s}");
        }

        if (filter.ExerciseId is { } e)
        {
            parts.Add($"exercise={e}");
        }

        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
