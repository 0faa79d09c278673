using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;

namespace EngagementHub.Web.Endpoints;

public static class DeadlineEndpoints
{
    /// <summary>
    /// <c>GET /api/deadlines/due-date?received=YYYY-MM-DD&amp;workingDays=N</c>: a statutory due date and its working.
    /// Public, like a calculator on a council's website: it reveals nothing about the partnership.
    /// </summary>
    public static IEndpointRouteBuilder MapDeadlineEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/deadlines/due-date", async (string? received, string? workingDays, BankHolidayCalendar holidays, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (string.IsNullOrWhiteSpace(received))
                {
                    errors["received"] = ["Give the date of receipt as received=YYYY-MM-DD."];
                }
                else if (!DateOnly.TryParseExact(received, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    errors["received"] = [$"\"{received}\" is not a date in the form YYYY-MM-DD, e.g. 2008-10-01."];
                }
                else if (WorkingDayCalendar.RefuseReceived(date) is { } refused)
                {
                    errors["received"] = [refused];
                }

                var days = 20;
                if (workingDays is not null && (!int.TryParse(workingDays, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days < 1 || days > WorkingDayCalendar.MaxWorkingDays))
                {
                    errors["workingDays"] = [$"workingDays must be a whole number from 1 to {WorkingDayCalendar.MaxWorkingDays} (20 if left out)."];
                }

                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors, title: "The due date could not be worked out from this request.");
                }

                var calendar = await holidays.GetAsync(ct);
                var due = calendar.DueDate(DateOnly.ParseExact(received!, "yyyy-MM-dd", CultureInfo.InvariantCulture), days);
                return Results.Ok(new DueDateResponse(
                    Iso(due.Received), due.WorkingDays, Iso(due.DueDate), Iso(due.FirstCountedDay),
                    [.. due.SkippedHolidays.Select(h => new SkippedHoliday(Iso(h.Date), h.Name))],
                    due.WeekendDaysSkipped, due.BeyondKnownHolidays, due.Explanation));
            })
            .AllowAnonymous()
            .WithName("DueDate");
        return endpoints;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public sealed record SkippedHoliday(string Date, string Name);

    public sealed record DueDateResponse(
        string Received, int WorkingDays, string DueDate, string FirstCountedDay, IReadOnlyList<SkippedHoliday> SkippedHolidays,
        int WeekendDaysSkipped, bool BeyondKnownHolidays, string Explanation);
}
