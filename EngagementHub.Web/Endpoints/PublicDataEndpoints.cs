using System.Globalization;
using System.Text.Json;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Public;
using EngagementHub.Core.Timetables;
using EngagementHub.Web.Components.Pages.Public;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Web.Endpoints;

/// <summary>
/// A field of the public open data: its name (the CSV heading and the JSON property alike), what it means (shown on
/// <c>/public/data</c>), and how to read it from a row. A list value is a JSON array and, in CSV, its items joined by "; ".
/// </summary>
public sealed record PublicField<T>(string Name, string Type, string Meaning, Func<T, object?> Value);

/// <summary>
/// The public pages' data at stable addresses, with the same rows as the page (the same <see cref="PublicSite"/> query
/// and filters): <c>/public/timetable.csv</c> and <c>.json</c> (<c>?year=&amp;org=&amp;kind=</c> as on the page), and
/// <c>/public/exercises.csv</c> and <c>.json</c>, <c>/public/you-said-we-did.csv</c> and <c>.json</c>
/// (<c>?commissioner=&amp;year=&amp;status=&amp;exercise=</c>), <c>/public/responsiveness.csv</c> and <c>.json</c>
/// (<c>?year=</c>). No sign-in; cached like the pages. CSV cells go through
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
        new("sinceAgreement", "code", "AsAgreed for a date as the partners agreed the year; Added or Changed for one added or changed since the year was agreed, whose change is still to be agreed.", e => e.SinceAgreement.ToString()),
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

    public static readonly IReadOnlyList<PublicField<RegisterEntry>> RegisterFields =
    [
        new("id", "number", "The recommendation's number in the register; its entry on the page is #recommendation-{id}.", e => e.RecommendationId),
        new("number", "number", "The recommendation's number within its report.", e => e.Number),
        new("recommendation", "text", "What the LINk recommended.", e => e.Recommendation),
        new("report", "text", "The title of the LINk report the recommendation comes from.", e => e.Report),
        new("received", "date (YYYY-MM-DD)", "The day the organisation received the report.", e => e.Received),
        new("year", "text", "The financial year the report was received in, e.g. 2026/27 (the filter's year value is the year it starts).", e => e.Year.Label),
        new("commissionerId", "number", "The number of the organisation the report went to (the filter's commissioner value).", e => e.CommissionerId),
        new("commissioner", "text", "The organisation the report went to, which responds and carries the recommendation out.", e => e.Commissioner),
        new("exerciseId", "number", "The published engagement exercise the report is about (its page is /public/exercises/{id}); empty when none, or when that exercise is not published.", e => e.ExerciseId),
        new("exercise", "text", "The title of that exercise.", e => e.Exercise),
        new("response", "code", "The organisation's response: " + string.Join(", ", Enum.GetValues<RecommendationResponse>()) + ".", e => e.Response.ToString()),
        new("responseText", "text", "What the organisation said in its response, when it said more.", e => e.ResponseText),
        new("respondedOn", "date (YYYY-MM-DD)", "The day the current response was given.", e => e.RespondedOn),
        new("status", "code", "Where the recommendation stands, from the response and the implementation (the filter's status value): " + string.Join(", ", Enum.GetValues<RegisterStage>()) + ".", e => e.Stage.ToString()),
        new("implementation", "code", "What became of an accepted recommendation: " + string.Join(", ", Enum.GetValues<ImplementationStatus>()) + "; empty when not recorded, or not (or no longer) accepted.", e => e.Implementation?.ToString()),
        new("plannedDate", "date (YYYY-MM-DD)", "When the organisation plans to have carried it out.", e => e.PlannedDate),
        new("plannedDateMissed", "true or false", "True when it is planned or in progress, the planned date has passed and nothing has been updated since.", e => e.PlannedDateMissed),
        new("changeMade", "text", "The decision or service change it led to, once done.", e => e.ChangeMade),
        new("droppedReason", "text", "Why it was dropped, when it was.", e => e.DroppedReason),
        new("implementationUpdatedOn", "date (YYYY-MM-DD)", "The day the implementation was last updated.", e => e.UpdatedOn),
        new("latestMilestoneOn", "date (YYYY-MM-DD)", "The date of the latest milestone recorded on the way.", e => e.LatestMilestone?.On),
        new("latestMilestone", "text", "What happened at that milestone.", e => e.LatestMilestone?.Text),
        new("linkVerdict", "code", "Whether the LINk agrees the recommendation has been met: " + string.Join(", ", Enum.GetValues<LinkVerdict>()) + "; empty until it says, and again once the response or the implementation it judged has changed.", e => e.LinkVerdict?.ToString()),
        new("linkComment", "text", "The LINk's comment on it.", e => e.LinkComment),
        // Added after the first release: last, so the columns a reader already uses keep their places.
        new("earlierResponse", "code", "The response the organisation gave before it changed it: " + string.Join(", ", Enum.GetValues<RecommendationResponse>()) + "; empty when it has not changed.", e => e.EarlierResponse?.ToString()),
        new("earlierResponseText", "text", "What the organisation said with that earlier response.", e => e.EarlierResponseText),
        new("earlierRespondedOn", "date (YYYY-MM-DD)", "The day the earlier response was given.", e => e.EarlierRespondedOn),
    ];

    public static readonly IReadOnlyList<PublicField<ResponsivenessFigures>> ResponsivenessFields =
    [
        new("organisationId", "number", "The number of the organisation that received the requests.", f => f.OrganisationId),
        new("organisation", "text", "The organisation that received the requests (a commissioner, provider or the scrutiny committee).", f => f.Organisation),
        new("organisationKind", "code", "What kind of organisation it is: " + string.Join(", ", Enum.GetValues<Core.Organisations.OrganisationKind>()) + ".", f => f.Kind.ToString()),
        new("year", "text", "The financial year the requests were received in, e.g. 2026/27.", f => f.Year.Label),
        new("requests", "number", "Requests, reports and referrals received in the year, not counting those the LINk withdrew: the sample size.", f => f.Requests),
        new("withdrawn", "number", "Withdrawn by the LINk, and so not counted anywhere else.", f => f.Withdrawn),
        .. Step("acknowledgement", "the acknowledgement", f => f.Acknowledgement),
        .. Step("answer", "the full answer (not counted for referrals to scrutiny, whose duty is the acknowledgement)", f => f.Answer),
        new("followUpsAnswered", "number", "Referrals to scrutiny acknowledged and answered since (the answer has no statutory date).", f => f.FollowUpsAnswered),
        new("followUpsAwaiting", "number", "Referrals to scrutiny whose answer is still awaited.", f => f.FollowUpsAwaiting),
        new("extendedAfterDueDate", "number", "Extended only after the due date had passed: counted late unless answered by the first due date.", f => f.ExtendedAfterDueDate),
        new("escalated", "number", "Escalated to the scrutiny committee for want of an answer (counted overdue).", f => f.Escalated),
    ];

    private static IEnumerable<PublicField<ResponsivenessFigures>> Step(string name, string what, Func<ResponsivenessFigures, StepFigures> step) =>
    [
        new($"{name}Counted", "number", $"Requests for which {what} is measured.", f => step(f).Counted),
        new($"{name}OnTime", "number", $"Of those, {what} came on or before the due date.", f => step(f).OnTime),
        new($"{name}Late", "number", $"Of those, {what} came after the due date.", f => step(f).Late),
        new($"{name}MedianWorkingDaysLate", "number", $"Of the late ones, the median of working days after the due date; empty when none was late.", f => step(f).MedianWorkingDaysLate),
        new($"{name}WorstWorkingDaysLate", "number", $"Of the late ones, the most working days after the due date; empty when none was late.", f => step(f).WorstWorkingDaysLate),
        new($"{name}Overdue", "number", $"Of those, {what} has not come and the due date has passed.", f => step(f).Overdue),
        new($"{name}StillOpen", "number", $"Of those, {what} has not come and is not yet due.", f => step(f).StillOpen),
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
                    agreedOn = timetable.Agreement?.AgreedOn,
                    changedSinceAgreement = timetable.Agreement?.ChangedSince,
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
        endpoints.MapGet("/public/you-said-we-did.csv", async (HttpRequest request, PublicSite site, CancellationToken ct) =>
                Results.File(TableExport.ToCsv((await RegisterAsync(request, site, ct)).Entries, Csv(RegisterFields)), TableExport.CsvContentType, "you-said-we-did.csv"))
            .AllowAnonymous();
        endpoints.MapGet("/public/you-said-we-did.json", async (HttpRequest request, PublicSite site, CancellationToken ct) =>
            {
                var register = await RegisterAsync(request, site, ct);
                return JsonResult(new { partnership = site.PartnershipName, recommendations = register.Entries.Select(e => Row(e, RegisterFields)) });
            })
            .AllowAnonymous();
        endpoints.MapGet("/public/responsiveness.csv", async (HttpRequest request, PublicSite site, CancellationToken ct) =>
            {
                var figures = await ResponsivenessAsync(request, site, ct);
                return Results.File(TableExport.ToCsv(figures.Figures, Csv(ResponsivenessFields)), TableExport.CsvContentType,
                    $"responsiveness-{figures.Year.Label.Replace('/', '-')}.csv");
            })
            .AllowAnonymous();
        endpoints.MapGet("/public/responsiveness.json", async (HttpRequest request, PublicSite site, CancellationToken ct) =>
            {
                var figures = await ResponsivenessAsync(request, site, ct);
                return JsonResult(new
                {
                    partnership = site.PartnershipName,
                    year = figures.Year.Label,
                    years = figures.Years.Select(y => y.Label),
                    howCounted = ResponsivenessRules.HowCounted,
                    organisations = figures.Figures.Select(f => Row(f, ResponsivenessFields)),
                });
            })
            .AllowAnonymous();
        return endpoints;
    }

    private static Task<PublicRegister> RegisterAsync(HttpRequest request, PublicSite site, CancellationToken ct) =>
        site.RegisterAsync(PublicRegisterQuery.Parse(request.Query["commissioner"], request.Query["year"], request.Query["status"], request.Query["exercise"]), ct);

    private static Task<PublicResponsiveness> ResponsivenessAsync(HttpRequest request, PublicSite site, CancellationToken ct) =>
        site.ResponsivenessAsync(QueryValue.Year(request.Query["year"]), ct);

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
