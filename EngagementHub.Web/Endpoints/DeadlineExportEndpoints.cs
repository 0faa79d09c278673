using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Mvc;

namespace EngagementHub.Web.Endpoints;

/// <summary>The deadlines list, filtered as on screen, as CSV or Excel. Signed-in partnership members only.</summary>
public static class DeadlineExportEndpoints
{
    public static IReadOnlyList<ExportColumn<DeadlineRow>> Columns(DateOnly today) =>
    [
        new("Id", r => r.Id),
        new("Kind", r => r.KindName),
        new("Subject", r => r.Subject),
        new("Sent to", r => r.ToOrganisation),
        new("Followed up by", r => r.OwnerName),
        new("Received", r => r.Received),
        new("Due", r => r.DueDate),
        // An agreed extension the statutory count has overtaken (bank holidays added within it) no longer sets the due date.
        new("Extension agreed", r => r.ExtensionOvertaken ? "Yes, overtaken by the statutory count" : r.ExtensionAgreed ? "Yes" : "No"),
        new("State", r => r.StateLabel(today)),
        new("Answered", r => r.AnsweredOn),
        new("Working days late", r => r.WorkingDaysLate),
        // A late extension does not erase the date that was missed (ADR 0012).
        new("Extended after the due date", r => r.LapsedDueDate is null ? "No" : "Yes"),
        new("Due date missed", r => r.LapsedDueDate),
    ];

    /// <summary>The dashboard's responsiveness table, one row per organisation, the two steps in their own columns.</summary>
    public static IReadOnlyList<ExportColumn<ResponsivenessFigures>> ResponsivenessColumns { get; } =
    [
        new("Organisation", r => r.Organisation),
        new("Financial year", r => r.Year.Label),
        new("Requests received", r => r.Requests),
        new("Withdrawn by the LINk (not counted)", r => r.Withdrawn),
        new("Acknowledgement: counted", r => r.Acknowledgement.Counted),
        new("Acknowledgement: on time", r => r.Acknowledgement.OnTime),
        new("Acknowledgement: late", r => r.Acknowledgement.Late),
        new("Acknowledgement: median working days late", r => r.Acknowledgement.MedianWorkingDaysLate),
        new("Acknowledgement: worst working days late", r => r.Acknowledgement.WorstWorkingDaysLate),
        new("Acknowledgement: overdue", r => r.Acknowledgement.Overdue),
        new("Acknowledgement: still open", r => r.Acknowledgement.StillOpen),
        new("Full answer: counted", r => r.Answer.Counted),
        new("Full answer: on time", r => r.Answer.OnTime),
        new("Full answer: late", r => r.Answer.Late),
        new("Full answer: median working days late", r => r.Answer.MedianWorkingDaysLate),
        new("Full answer: worst working days late", r => r.Answer.WorstWorkingDaysLate),
        new("Full answer: overdue", r => r.Answer.Overdue),
        new("Full answer: still open", r => r.Answer.StillOpen),
        new("Answers with no statutory date: answered", r => r.FollowUpsAnswered),
        new("Answers with no statutory date: awaited", r => r.FollowUpsAwaiting),
        new("Extended after the due date", r => r.ExtendedAfterDueDate),
        new("Escalated to scrutiny", r => r.Escalated),
    ];

    public static IEndpointRouteBuilder MapDeadlineExports(this IEndpointRouteBuilder endpoints)
    {
        // Counts only, no percentages: a spreadsheet reader can divide, and sees the sample size beside every figure.
        endpoints.MapGet("/deadlines/responsiveness.csv", async (string? year, DeadlineService deadlines, TimeProvider clock, CancellationToken ct) =>
            {
                var chosen = ChosenYear(year, clock);
                return Results.File(TableExport.ToCsv(await deadlines.ResponsivenessAsync(chosen, ct: ct), ResponsivenessColumns), TableExport.CsvContentType,
                    $"responsiveness-{chosen.StartYear}.csv");
            })
            .RequireAuthorization();
        endpoints.MapGet("/deadlines/responsiveness.xlsx", async (string? year, DeadlineService deadlines, TimeProvider clock, CancellationToken ct) =>
            {
                var chosen = ChosenYear(year, clock);
                return Results.File(TableExport.ToXlsx(await deadlines.ResponsivenessAsync(chosen, ct: ct), ResponsivenessColumns, "Responsiveness"),
                    TableExport.XlsxContentType, $"responsiveness-{chosen.StartYear}.xlsx");
            })
            .RequireAuthorization();
        endpoints.MapGet("/deadlines/export.csv", async ([AsParameters] DeadlineFilterQuery query, DeadlineService deadlines, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Core.Common.UkTime.Today(clock);
                return Results.File(TableExport.ToCsv(await query.ListAsync(deadlines, today, ct), Columns(today)), TableExport.CsvContentType, "response-deadlines.csv");
            })
            .RequireAuthorization();
        endpoints.MapGet("/deadlines/export.xlsx", async ([AsParameters] DeadlineFilterQuery query, DeadlineService deadlines, TimeProvider clock, CancellationToken ct) =>
            {
                var today = Core.Common.UkTime.Today(clock);
                return Results.File(TableExport.ToXlsx(await query.ListAsync(deadlines, today, ct), Columns(today), "Deadlines"), TableExport.XlsxContentType, "response-deadlines.xlsx");
            })
            .RequireAuthorization();
        return endpoints;
    }

    /// <summary>"2026" or "2026/27"; anything else is the current financial year.</summary>
    private static FinancialYear ChosenYear(string? year, TimeProvider clock) =>
        QueryValue.Year(year) ?? FinancialYear.Containing(Core.Common.UkTime.Today(clock));
}

/// <summary>
/// The dashboard's filters as query-string parameters, shared by the page and the exports. The state is one of the
/// stored states or "Overdue"; "Awaiting" and "Acknowledged" leave out the overdue ones, so a row is listed under the
/// state it is shown with. Each is bound as text and read by <see cref="QueryValue"/> as the list reads it: a value
/// that cannot be read leaves that filter out, so the export holds what the list shows.
/// </summary>
public sealed record DeadlineFilterQuery
{
    public const string Overdue = "Overdue";

    /// <summary>The id of the organisation the deadlines went to.</summary>
    [FromQuery(Name = "to")] public string? To { get; init; }

    /// <summary>Only what this organisation sent or received (the list's "concerns my organisation").</summary>
    [FromQuery(Name = "org")] public string? Organisation { get; init; }

    [FromQuery(Name = "state")] public string? State { get; init; }

    /// <summary>The id of the kind of deadline (its <see cref="DeadlineRule"/>).</summary>
    [FromQuery(Name = "kind")] public string? Kind { get; init; }

    /// <summary>The account of the LINk's person who follows the deadlines up (their owner); the page writes "me" for
    /// the person signed in, and gives the exports their account.</summary>
    [FromQuery(Name = "owner")] public string? Owner { get; init; }

    /// <summary>The query of the filters the page has read, written as its links and exports write them.</summary>
    public static DeadlineFilterQuery Of(int? to, string? state, int? kind, int? organisation, string? owner = null) => new()
    {
        Owner = owner,
        To = to?.ToString(CultureInfo.InvariantCulture),
        State = state,
        Kind = kind?.ToString(CultureInfo.InvariantCulture),
        Organisation = organisation?.ToString(CultureInfo.InvariantCulture),
    };

    public async Task<IReadOnlyList<DeadlineRow>> ListAsync(DeadlineService deadlines, DateOnly today, CancellationToken ct = default)
    {
        var overdue = string.Equals(State, Overdue, StringComparison.OrdinalIgnoreCase);
        var state = overdue ? null : QueryValue.Option<DeadlineState>(State);
        var rows = await deadlines.ListAsync(new DeadlineFilter
        {
            ToOrganisationId = QueryValue.Number(To),
            InvolvingOrganisationId = QueryValue.Number(Organisation),
            RuleId = QueryValue.Number(Kind),
            State = state,
            OverdueOnly = overdue,
            OwnerUserId = string.IsNullOrWhiteSpace(Owner) ? null : Owner,
        }, ct);
        return state is DeadlineState.Awaiting or DeadlineState.Acknowledged ? [.. rows.Where(r => !r.IsOverdueOn(today))] : rows;
    }

    public string ToQueryString()
    {
        var pairs = new List<KeyValuePair<string, string?>> { new("to", To), new("org", Organisation), new("state", State), new("kind", Kind), new("owner", Owner) };
        return QueryString.Create(pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToString();
    }
}
