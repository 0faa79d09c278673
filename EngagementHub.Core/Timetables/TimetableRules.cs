using System.Globalization;
using EngagementHub.Core.Common;

namespace EngagementHub.Core.Timetables;

/// <summary>The rules for an event's details that need no database.</summary>
public static class TimetableRules
{
    /// <summary>Spans longer than a year are a typing mistake: the timetable is planned a financial year at a time.</summary>
    public const int MaxSpanDays = 366;

    public static FieldError[] Errors(TimetableEventInput input)
    {
        var errors = InputValidation.Validate(input).ToList();
        if (input.StartDate is { } start && input.EndDate is { } end)
        {
            if (end < start)
            {
                errors.Add(new FieldError(nameof(input.EndDate), "The last day is before the first day."));
            }
            else if (end.DayNumber - start.DayNumber > MaxSpanDays)
            {
                errors.Add(new FieldError(nameof(input.EndDate), "An event can span at most a year. Split it, or check the dates."));
            }
            else if (end != start && input.StartTime is not null)
            {
                errors.Add(new FieldError(nameof(input.StartTime), "A time can be given for a single-day event only. Clear the last day or the time."));
            }
        }

        if (input.EndTime is { } endTime)
        {
            if (input.StartTime is not { } startTime)
            {
                errors.Add(new FieldError(nameof(input.StartTime), "Give the start time as well as the end time."));
            }
            else if (endTime <= startTime)
            {
                errors.Add(new FieldError(nameof(input.EndTime), "The end time must be after the start time."));
            }
        }

        return [.. errors];
    }

    public static string DescribeWhen(DateOnly start, DateOnly end, TimeOnly? startTime, TimeOnly? endTime)
    {
        var culture = CultureInfo.GetCultureInfo("en-GB");
        if (startTime is { } from)
        {
            var day = start.ToString("ddd d MMM yyyy", culture);
            return endTime is { } to ? $"{day}, {from:HH\\:mm}–{to:HH\\:mm}" : $"{day}, {from:HH\\:mm}";
        }

        if (start == end)
        {
            return start.ToString("ddd d MMM yyyy", culture);
        }

        // "%d": a lone "d" is the short date pattern (01/06/2026), not the day of the month.
        var startFormat = start.Year == end.Year ? (start.Month == end.Month ? "%d" : "d MMM") : "d MMM yyyy";
        return $"{start.ToString(startFormat, culture)} – {end.ToString("d MMM yyyy", culture)}";
    }
}
