using System.Globalization;

namespace EngagementHub.Core.Common;

/// <summary>Shows instants as people in England read them: UK local time, British date order.</summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = FindLondon();

    /// <summary>UK local time (Europe/London), for schedules such as the nightly backup.</summary>
    public static TimeZoneInfo Zone => London;
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, London);

    /// <summary>Today's date in the UK: deadlines, reminders and financial years turn over at UK midnight, not UTC's.</summary>
    public static DateOnly Today(TimeProvider clock) => Today(clock.GetUtcNow());

    /// <summary>The UK date at the instant <paramref name="now"/>.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToLocal(now).DateTime);

    /// <summary>
    /// An instant in UK time, date first, e.g. "3 Oct 2026 at 14:05": the one way the app writes a moment, so a sentence
    /// reads "agreed on 3 Oct 2026 at 14:05" (put "on" before it, never "at").
    /// </summary>
    public static string Format(DateTimeOffset instant) => ToLocal(instant).ToString("d MMM yyyy 'at' HH:mm", British);

    /// <summary>A calendar date with its weekday, e.g. "Fri 3 Oct 2026".</summary>
    public static string FormatDate(DateOnly date) => date.ToString("ddd d MMM yyyy", British);

    private static TimeZoneInfo FindLondon()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            // Minimal containers may lack tzdata; UTC is then the honest fallback rather than a crash.
            return TimeZoneInfo.Utc;
        }
    }
}
