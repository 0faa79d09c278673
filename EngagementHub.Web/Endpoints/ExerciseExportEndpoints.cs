using EngagementHub.Core.Exercises;
using EngagementHub.Core.Timetables;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Mvc;

namespace EngagementHub.Web.Endpoints;

/// <summary>The exercise list, filtered as on screen, as CSV or Excel. Signed-in partnership members only.</summary>
public static class ExerciseExportEndpoints
{
    public static readonly IReadOnlyList<ExportColumn<ExerciseRow>> Columns =
    [
        new("Id", r => r.Id),
        new("Title", r => r.Title),
        new("Lead commissioner", r => r.LeadCommissioner),
        new("Joint-working option", r => r.OptionLabel),
        new("Option agreement", r => r.Agreement.Label()),
        new("State", r => r.State.Label()),
        new("Start", r => r.StartDate),
        new("End", r => r.EndDate),
        new("Decision date", r => r.DecisionDate),
        new("Input lands after the decision", r => r.LandsTooLate ? "Yes" : "No"),
        new("Scope", r => r.Scope.Label()),
        new("Health or social care", r => r.Sector.Label()),
        new("Involvement", r => r.Level.ToString()),
    ];

    public static IEndpointRouteBuilder MapExerciseExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/exercises/export.csv", async ([AsParameters] ExerciseFilterQuery query, ExerciseService exercises, CancellationToken ct) =>
            Results.File(TableExport.ToCsv(await exercises.ExportAsync(query.ToFilter(), ct), Columns), TableExport.CsvContentType, "engagement-exercises.csv"))
            .RequireAuthorization();
        endpoints.MapGet("/exercises/export.xlsx", async ([AsParameters] ExerciseFilterQuery query, ExerciseService exercises, CancellationToken ct) =>
            Results.File(TableExport.ToXlsx(await exercises.ExportAsync(query.ToFilter(), ct), Columns, "Exercises"), TableExport.XlsxContentType, "engagement-exercises.xlsx"))
            .RequireAuthorization();
        return endpoints;
    }
}

/// <summary>
/// The list's filters as query-string parameters, shared by the page's links and the export endpoints. Each is bound as
/// text and read by <see cref="QueryValue"/> as the list reads it: a value that cannot be read (a word for a number, an
/// option that does not exist) leaves that filter out, so the export holds what the list shows.
/// </summary>
public sealed record ExerciseFilterQuery
{
    [FromQuery(Name = "commissioner")] public string? Commissioner { get; init; }

    /// <summary>Only exercises this organisation takes part in (the list's "concerns my organisation").</summary>
    [FromQuery(Name = "org")] public string? Organisation { get; init; }

    /// <summary>The joint-working option, 1 to 6.</summary>
    [FromQuery(Name = "option")] public string? Option { get; init; }

    [FromQuery(Name = "state")] public string? State { get; init; }
    [FromQuery(Name = "agreement")] public string? Agreement { get; init; }

    /// <summary>The financial year, "2026" or "2026/27".</summary>
    [FromQuery(Name = "year")] public string? Year { get; init; }

    [FromQuery(Name = "scope")] public string? Scope { get; init; }
    [FromQuery(Name = "sector")] public string? Sector { get; init; }
    [FromQuery(Name = "community")] public string? Community { get; init; }
    [FromQuery(Name = "q")] public string? Search { get; init; }

    public ExerciseFilter ToFilter() => new()
    {
        CommissionerId = QueryValue.Number(Commissioner),
        InvolvingOrganisationId = QueryValue.Number(Organisation),
        Option = QueryValue.Number(Option) is { } option && JointWorkingOptions.IsValid(option) ? option : null,
        State = QueryValue.Option<ExerciseState>(State),
        Agreement = QueryValue.Option<AgreementStatus>(Agreement),
        Year = QueryValue.Year(Year),
        Scope = QueryValue.Option<ExerciseScope>(Scope),
        Sector = QueryValue.Option<CareSector>(Sector),
        CommunityId = QueryValue.Number(Community),
        Search = Search,
    };

    public static string ToQueryString(ExerciseFilter filter)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("commissioner", filter.CommissionerId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("org", filter.InvolvingOrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("option", filter.Option?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("state", filter.State?.ToString()),
            new("agreement", filter.Agreement?.ToString()),
            new("year", filter.Year?.StartYear.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("scope", filter.Scope?.ToString()),
            new("sector", filter.Sector?.ToString()),
            new("community", filter.CommunityId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("q", filter.Search),
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToString();
    }
}
