using EngagementHub.Core.Common;

namespace EngagementHub.Core.Notifications;

/// <summary>The two digests a person may choose for a category (<see cref="DeliveryPreference"/>).</summary>
public enum DigestKind
{
    Daily,
    Weekly,
}

/// <summary>
/// When one person's digests go: at <see cref="Hour"/> UK time, daily on working days (England and Wales), weekly on
/// <see cref="Day"/>. No row means the defaults (<see cref="DefaultHour"/>, <see cref="DefaultDay"/>).
/// </summary>
public class DigestSchedule
{
    public const int DefaultHour = 8;
    public const DayOfWeek DefaultDay = DayOfWeek.Monday;

    private DigestSchedule()
    {
        UserId = "";
    }

    public DigestSchedule(string userId, int hour, DayOfWeek day, DateTimeOffset at)
    {
        UserId = userId;
        Change(hour, day, at);
    }

    public string UserId { get; private set; }

    /// <summary>The hour of the day, 0 to 23, UK time.</summary>
    public int Hour { get; private set; } = DefaultHour;

    /// <summary>The day of the weekly digest.</summary>
    public DayOfWeek Day { get; private set; } = DefaultDay;

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <exception cref="ArgumentOutOfRangeException">An hour outside 0–23 or a day that is not one.</exception>
    internal void Change(int hour, DayOfWeek day, DateTimeOffset at)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hour, 23);
        if (!Enum.IsDefined(day))
        {
            throw new ArgumentOutOfRangeException(nameof(day));
        }

        Hour = hour;
        Day = day;
        UpdatedAt = at;
    }

    /// <summary>The <see cref="ReminderDelivery.Step"/> under which a digest of this kind is recorded.</summary>
    public static string StepFor(DigestKind kind) => kind == DigestKind.Daily ? "digest-daily" : "digest-weekly";

    /// <returns>The digest a choice takes: daily or weekly; null for "immediately" and "in the app only". A calculation:
    /// it refuses nothing.</returns>
    public static DigestKind? KindFor(DeliveryPreference delivery) => delivery switch
    {
        DeliveryPreference.DailyDigest => DigestKind.Daily,
        DeliveryPreference.WeeklyDigest => DigestKind.Weekly,
        _ => null,
    };

    public static DeliveryPreference PreferenceFor(DigestKind kind) => kind == DigestKind.Daily ? DeliveryPreference.DailyDigest : DeliveryPreference.WeeklyDigest;

    /// <summary>
    /// The latest scheduled instant (UTC) at or before <paramref name="atOrBefore"/>: <paramref name="hour"/>:00 UK time on
    /// a working day (daily) or on <paramref name="day"/> (weekly); null if none in the last 31 days (cannot happen
    /// for a weekly digest; for a daily one only with a calendar of a month of holidays).
    /// </summary>
    public static DateTimeOffset? LatestSlot(DigestKind kind, int hour, DayOfWeek day, WorkingDayCalendar calendar, DateTimeOffset atOrBefore)
    {
        var date = UkTime.Today(atOrBefore);
        for (var i = 0; i <= 31; i++, date = date.AddDays(-1))
        {
            var isDue = kind == DigestKind.Daily ? calendar.IsWorkingDay(date) : date.DayOfWeek == day;
            if (isDue && At(date, hour) is var slot && slot <= atOrBefore)
            {
                return slot;
            }
        }

        return null;
    }

    /// <summary>The scheduled instant (UTC) before <paramref name="slot"/>: where a person's first digest starts.</summary>
    public static DateTimeOffset PreviousSlot(DigestKind kind, int hour, DayOfWeek day, WorkingDayCalendar calendar, DateTimeOffset slot) =>
        LatestSlot(kind, hour, day, calendar, slot - TimeSpan.FromTicks(1)) ?? slot - TimeSpan.FromDays(kind == DigestKind.Daily ? 1 : 7);

    /// <summary>
    /// <paramref name="hour"/>:00 UK time on <paramref name="date"/>, as UTC. On the spring-forward day 01:00 does not
    /// exist locally; it is read as 02:00 BST (the same instant), so every day has one slot.
    /// </summary>
    public static DateTimeOffset At(DateOnly date, int hour)
    {
        var local = date.ToDateTime(new TimeOnly(hour, 0));
        if (UkTime.Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, UkTime.Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
