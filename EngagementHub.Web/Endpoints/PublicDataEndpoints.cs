using System.Globalization;
using System.Text.Json;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Public;
using EngagementHub.Core.Timetables;
using EngagementHub.Web.Components.Pages.Public;

namespace EngagementHub.Web.Endpoints;

/// <summary>
/// A field of the public open data: its name (the CSV heading and the JSON property alike), what it means (shown on
/// <c>/public/data</c>), and how to read it from a row. A list value is a JSON array and, in CSV, its items joined by "; ".
/// </summary>
public sealed record PublicField<T>(string Name, string Type, string Meaning, Func<T, object?> Value);

/// <summary>
/// The public pages' data at stable addresses, with the same rows as the page (the same <see cref="PublicSite"/> query
/// and filters): <c>/public/timetable.csv</c> and <c>.json</c> (<c>?year=&amp;org=&amp;kind=</c> as on the page), and
/// <c>/public/exercises.csv</c> and <c>.json</c>. No sign-in; cached like the pages. CSV cells go through
/// <see cref="TableExport"/>, so a cell a spreadsheet would run as a formula is neutralised.
/// </summary>
public static class PublicDataEndpoints
{
    public static readonly IReadOnlyList<PublicField<PublicEvent>> TimetableFields =
    [
        new("id", "number", "The date's number in the timetable; stays the same when the date is changed.", e => e.Id),
        new("year", "text", "The financial year (1 April to 31 March) the date falls in, e.g. 2026/27.", e => FinancialYear.Containing(e.StartDate).Label),
        new("startDate", "date (YYYY-MM-DD)", "The first day.", e => e.StartDate),
        new("endDate", "date (YYYY-MM-DD)", "The last day; the same as startDate for a single day.", e => e.EndDate),
        new("startTime", "time (HH:mm), UK time", "When a meeting starts; empty for an all-day date or a span of days.", e => Time(e.StartTime)),
        new("endTime", "time (HH:mm), UK time", "When a meeting ends; empty when not set.", e => Time(e.EndTime)),
        new("organisationId", "number", "The number of the organisation whose date it is (the filter's org value).", e => e.OrganisationId),
        new("organisation", "text", "The organisation whose date it is.", e => e.Organisation),
        new("kind", "code", "The kind of date (the filter's kind value): " + string.Join(", ", Enum.GetValues<TimetableEventKind>()) + ".", e => e.Kind.ToString()),
        new("kindLabel", "text", "The kind of date in words, e.g. Decision point.", e => e.KindLabel),
        new("title", "text", "What happens.", e => e.Title),
        new("formal", "true or false", "True for a formal opportunity (a board paper, a statutory consultation), false for an informal one.", e => e.IsFormal),
        new("movable", "true or false", "True when the date is provisional and may move.", e => e.IsMovable),
        new("location", "text", "Where it takes place, when given.", e => e.Location),
        new("description", "text", "More about it, when given.", e => e.Description),
        new("exerciseIds", "list of numbers", "The published engagement exercises whose input this date concerns (their id on /public/exercises).", e => e.Exercises.Select(x => x.Id).ToList()),
        new("exercises", "list of text", "The titles of those exercises, in the same order.", e => e.Exercises.Select(x => x.Title).ToList()),
    ];

    public static readonly IReadOnlyList<PublicField<PublicExercise>> ExerciseFields =
    [
        new("id", "number", "The exercise's number; its page is /public/exercises/{id}.", e => e.Id),
        new("title", "text", "The exercise's title.", e => e.Title),
        new("purpose", "text", "What the exercise is for.", e => e.Purpose),
        new("phase", "code", "Current (running or reporting), Planned (agreed, not started) or Closed.", e => e.Phase.ToString()),
        new("state", "code", "Where it is in its life: Agreed, Running, Reporting or Closed.", e => e.State.ToString()),
        new("leadCommissioner", "text", "The commissioner leading the exercise.", e => e.LeadCommissioner),
        new("link", "text", "The LINk working with the commissioner on it.", e => e.Link),
        new("partners", "list of text", "Other organisations taking part.", e => e.Partners),
        new("communities", "list of text", "The communities the exercise sets out to reach.", e => e.Communities),
        new("scope", "code", "CityWide, or Localities (see localities).", e => e.Scope.ToString()),
        new("localities", "list of text", "The localities it covers when not city-wide.", e => e.Localities),
        new("sector", "code", "Health, SocialCare or Both.", e => e.Sector.ToString()),
        new("level", "code", "The level of involvement: Inform, Consult, Involve or Devolve.", e => e.Level.ToString()),
        new("startDate", "date (YYYY-MM-DD)", "When the exercise starts.", e => e.StartDate),
        new("endDate", "date (YYYY-MM-DD)", "When it ends.", e => e.EndDate),
        new("decisionInformed", "text", "The commissioning decision the exercise informs.", e => e.DecisionInformed),
        new("decisionDate", "date (YYYY-MM-DD)", "When that decision is to be taken, when known.", e => e.DecisionDate),
        new("option", "number 1 to 6", "The agreed way of working together (the study's six options, from the LINk acting for the commissioner, 1, to a parallel exercise, 6); empty while it is being agreed again.", e => e.Option?.Number),
        new("optionName", "text", "The name of that option, e.g. Quality assure.", e => e.Option?.Name),
        new("optionReasons", "text", "The reasons both sides gave for choosing it.", e => e.Option?.Reasons),
        new("optionParts", "list of text", "Further options agreed for named parts of the exercise, as \"part: option N\".", e => e.Option?.Parts.Select(p => $"{p.Part}: option {p.Option}").ToList()),
        new("optionAgreedOn", "date (YYYY-MM-DD)", "The day the second side agreed the option.", e => e.Option?.AgreedOn),
    ];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public const string JsonContentType = "application/json; charset=utf-8";

    public static IEndpointRouteBuilder MapPublicData(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/public/timetable.csv", async (HttpRequest request, PublicSite site, CancellationToken ct) =>
            {
                var timetable = await TimetableAsync(request, site, ct);
                return Results.File(TableExport.ToCsv(timetable.Events, Csv(TimetableFields)), TableExport.CsvContentType, $"timetable{YearInName(timetable)}.csv");
            })
            .AllowAnonymous();
        endpoints.MapGet("/public/timetable.json", async (HttpRequest request, PublicSite site, CancellationToken ct) =>
            {
                var timetable = await TimetableAsync(request, site, ct);
                return JsonResult(new
                {
                    partnership = site.PartnershipName,
                    year = timetable.Year?.Label,
                    publishedYears = timetable.PublishedYears.Select(y => y.Label),
                    events = timetable.Events.Select(e => Row(e, TimetableFields)),
                });
            })
            .AllowAnonymous();
        endpoints.MapGet("/public/exercises.csv", async (PublicSite site, CancellationToken ct) =>
                Results.File(TableExport.ToCsv(await site.ExercisesAsync(ct), Csv(ExerciseFields)), TableExport.CsvContentType, "exercises.csv"))
            .AllowAnonymous();
        endpoints.MapGet("/public/exercises.json", async (PublicSite site, CancellationToken ct) =>
            {
                var exercises = await site.ExercisesAsync(ct);
                return JsonResult(new { partnership = site.PartnershipName, exercises = exercises.Select(e => Row(e, ExerciseFields)) });
            })
            .AllowAnonymous();
        return endpoints;
    }

    private static Task<PublicTimetable> TimetableAsync(HttpRequest request, PublicSite site, CancellationToken ct)
    {
        var query = PublicTimetableQuery.Parse(request.Query["year"], request.Query["org"], request.Query["kind"]);
        return site.TimetableAsync(query.Year, query.Filter, ct);
    }

    private static IResult JsonResult(object value) =>
        Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(value, Json), JsonContentType);

    /// <summary>One row as a JSON object, its properties in the fields' order; text cleaned as for CSV.</summary>
    private static Dictionary<string, object?> Row<T>(T row, IReadOnlyList<PublicField<T>> fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value(row) switch
        {
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string text => Core.Common.UntrustedText.ForOutput(text),
            IEnumerable<string> texts => texts.Select(Core.Common.UntrustedText.ForOutput).ToList(),
            var other => other,
        });

    private static List<ExportColumn<T>> Csv<T>(IReadOnlyList<PublicField<T>> fields) =>
        [.. fields.Select(f => new ExportColumn<T>(f.Name, row => f.Value(row) switch
        {
            bool flag => flag ? "true" : "false",
            IEnumerable<int> numbers => string.Join("; ", numbers),
            IEnumerable<string> texts => string.Join("; ", texts),
            var other => other,
        }))];

    private static string? Time(TimeOnly? time) => time?.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string YearInName(PublicTimetable timetable) =>
        timetable.Year is { } year ? "-" + year.Label.Replace('/', '-') : "";
}
