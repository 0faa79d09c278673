using EngagementHub.Core.Common;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// A start time for tests whose app sends reminders: no reminders go out at weekends or on bank holidays, so starting on
/// whatever day the tests happen to run could record nothing.
/// </summary>
public static class WorkingDayStart
{
    /// <summary>
    /// 10:00 UTC on a coming working day whose date a week later is a working day too. (A fake clock cannot go back, so
    /// the day is found from today rather than fixed.)
    /// </summary>
    public static DateTimeOffset Next { get; } = Find();

    private static DateTimeOffset Find()
    {
        var calendar = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)));
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        while (!calendar.IsWorkingDay(day) || !calendar.IsWorkingDay(day.AddDays(7)))
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
    }
}
