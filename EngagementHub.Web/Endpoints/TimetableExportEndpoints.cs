using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Mvc;

namespace EngagementHub.Web.Endpoints;

/// <summary>A year's timetable, filtered as on the timetable page, as CSV or Excel. Signed-in partnership members only.</summary>
public static class TimetableExportEndpoints
{
    public static readonly IReadOnlyList<ExportColumn<TimetableExportRow>> Columns =
    [
        new("First day", r => r.Event.StartDate),
        new("Last day", r => r.Event.EndDate),
        new("Start time", r => r.Event.StartTime?.ToString("HH:mm", CultureInfo.InvariantCulture)),
        new("End time", r => r.Event.EndTime?.ToString("HH:mm", CultureInfo.InvariantCulture)),
        new("Organisation", r => r.Organisation),
        new("Kind", r => r.Event.Kind.Label()),
        new("Title", r => r.Event.Title),
        new("Formal or informal", r => r.Event.IsFormal ? "Formal" : "Informal"),
        new("Fixed or movable", r => r.Event.IsMovable ? "Movable" : "Fixed"),
        new("Visibility", r => r.Event.Visibility.Label()),
        new("Linked exercises", r => string.Join("; ", r.Exercises)),
        new("Location", r => r.Event.Location),
        new("Description", r => r.Event.Description),
    ];

    public static IEndpointRouteBuilder MapTimetableExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/timetable/export.csv", async ([AsParameters] TimetableExportQuery query, TimetableQueries timetable, TimeProvider clock, CancellationToken ct) =>
            {
                var year = query.YearOr(clock);
                var rows = await timetable.ExportAsync(year, query.ToFilter(), ct);
                return Results.File(TableExport.ToCsv(rows, Columns), TableExport.CsvContentType, FileName(year, "csv"));
            })
            .RequireAuthorization();
        endpoints.MapGet("/timetable/export.xlsx", async ([AsParameters] TimetableExportQuery query, TimetableQueries timetable, TimeProvider clock, CancellationToken ct) =>
            {
                var year = query.YearOr(clock);
                var rows = await timetable.ExportAsync(year, query.ToFilter(), ct);
                return Results.File(TableExport.ToXlsx(rows, Columns, $"Timetable {YearInName(year)}"), TableExport.XlsxContentType, FileName(year, "xlsx"));
            })
            .RequireAuthorization();
        return endpoints;
    }

    /// <summary>"timetable-2026-27.csv".</summary>
    public static string FileName(FinancialYear year, string extension) => $"timetable-{YearInName(year)}.{extension}";

    /// <summary>The year's label with a hyphen ("2026-27"): a slash cannot be in a file or sheet name.</summary>
    private static string YearInName(FinancialYear year) => year.Label.Replace('/', '-');
}

/// <summary>
/// The timetable page's query string as the exports read it: <c>?year=2026&amp;org=1,2&amp;kind=DecisionPoint,BoardMeeting&amp;exercise=5</c>.
/// Lists may also be given as repeated keys. Parts that cannot be read are ignored rather than refused, as the page does.
/// </summary>
public sealed record TimetableExportQuery
{
    [FromQuery(Name = "year")] public string? Year { get; init; }
    [FromQuery(Name = "org")] public string[]? Organisations { get; init; }
    [FromQuery(Name = "kind")] public string[]? Kinds { get; init; }
    /// <summary>The id of an exercise, read by <see cref="QueryValue"/>: one that cannot be read is no exercise chosen.</summary>
    [FromQuery(Name = "exercise")] public string? Exercise { get; init; }

    /// <summary>The year asked for ("2026" or "2026/27"), or the financial year containing today (UK time).</summary>
    public FinancialYear YearOr(TimeProvider clock) => QueryValue.Year(Year) ?? FinancialYear.Containing(UkTime.Today(clock));

    public TimetableFilter ToFilter() => TimetableFilter.Parse(Organisations ?? [], Kinds ?? [], QueryValue.Number(Exercise));
}
