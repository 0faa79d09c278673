using EngagementHub.Core.Common;
using EngagementHub.Core.Notifications;

namespace EngagementHub.Tests.Core.Notifications;

public sealed class DigestScheduleTests
{
    private static readonly WorkingDayCalendar Calendar = new(EnglandAndWalesBankHolidays.ForYear(2026).Select(h => new Holiday(h.Date, h.Name)));

    [Fact]
    public void At_SummerAndWinter_EightOClockUkTime()
    {
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 7, 0, 0, TimeSpan.Zero), DigestSchedule.At(new DateOnly(2026, 6, 1), 8));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero), DigestSchedule.At(new DateOnly(2026, 12, 1), 8));
    }

    [Fact]
    public void At_OneOClockOnTheDayTheClocksGoForward_TheSameInstantAsTwoOClockSummerTime()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), DigestSchedule.At(new DateOnly(2026, 3, 29), 1));
    }

    [Fact]
    public void LatestSlot_DailyOnEasterMonday_IsMaundyThursdays()
    {
        // Good Friday 3 April and Easter Monday 6 April 2026 are bank holidays.
        var slot = DigestSchedule.LatestSlot(DigestKind.Daily, 8, DayOfWeek.Monday, Calendar, DigestSchedule.At(new DateOnly(2026, 4, 6), 12));

        Assert.Equal(DigestSchedule.At(new DateOnly(2026, 4, 2), 8), slot);
    }

    [Fact]
    public void LatestSlot_WeeklyBeforeTheHourOnTheDay_IsLastWeeks()
    {
        var wednesday = new DateOnly(2026, 10, 14);

        var slot = DigestSchedule.LatestSlot(DigestKind.Weekly, 17, DayOfWeek.Wednesday, Calendar, DigestSchedule.At(wednesday, 16));

        Assert.Equal(DigestSchedule.At(wednesday.AddDays(-7), 17), slot);
    }
}
