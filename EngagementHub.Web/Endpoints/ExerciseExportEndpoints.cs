using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Timetables;
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

/// <summary>The list's filters as query-string parameters, shared by the page's links and the export endpoints.</summary>
public sealed record ExerciseFilterQuery
{
    [FromQuery(Name = "commissioner")] public int? Commissioner { get; init; }

    /// <summary>Only exercises this organisation takes part in (the list's "concerns my organisation").</summary>
    [FromQuery(Name = "org")] public int? Organisation { get; init; }

    [FromQuery(Name = "option")] public int? Option { get; init; }
    [FromQuery(Name = "state")] public ExerciseState? State { get; init; }
    [FromQuery(Name = "agreement")] public AgreementStatus? Agreement { get; init; }
    [FromQuery(Name = "year")] public int? Year { get; init; }
    [FromQuery(Name = "scope")] public ExerciseScope? Scope { get; init; }
    [FromQuery(Name = "sector")] public CareSector? Sector { get; init; }
    [FromQuery(Name = "community")] public int? Community { get; init; }
    [FromQuery(Name = "q")] public string? Search { get; init; }

    public ExerciseFilter ToFilter() => new()
    {
        CommissionerId = Commissioner,
        InvolvingOrganisationId = Organisation,
        Option = Option,
        State = State,
        Agreement = Agreement,
        Year = FinancialYear.FromStartYear(Year),
        Scope = Scope,
        Sector = Sector,
        CommunityId = Community,
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
