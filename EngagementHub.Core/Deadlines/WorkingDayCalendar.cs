namespace EngagementHub.Core.Deadlines;

/// <summary>A bank holiday as the calendar knows it.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// How a due date was worked out, so nobody has to take it on trust: the day counting began, the holidays it
/// skipped, and whether the calendar's holiday data reached that far.
/// </summary>
public sealed record DueDateCalculation(
    DateOnly Received,
    int WorkingDays,
    DateOnly FirstCountedDay,
    DateOnly DueDate,
    IReadOnlyList<Holiday> SkippedHolidays,
    int WeekendDaysSkipped,
    bool BeyondKnownHolidays)
{
    /// <summary>One plain sentence of the working.</summary>
    public string Explanation =>
        $"{WorkingDays} working day{(WorkingDays == 1 ? "" : "s")} beginning with {Format(FirstCountedDay)}"
        + (FirstCountedDay != Received ? $" (received {Format(Received)}, not a working day, so counting starts on the next one)" : " (the day of receipt counts as day 1)")
        + $", skipping {WeekendDaysSkipped} weekend day{(WeekendDaysSkipped == 1 ? "" : "s")}"
        + (SkippedHolidays.Count == 0 ? " and no bank holidays" : $" and {SkippedHolidays.Count} bank holiday{(SkippedHolidays.Count == 1 ? "" : "s")} ({string.Join("; ", SkippedHolidays.Select(h => $"{h.Name}, {Format(h.Date)}"))})")
        + $": due {Format(DueDate)}.";

    private static string Format(DateOnly date) => date.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}

/// <summary>
/// Working days in England and Wales: Monday to Friday, not a bank holiday. Deadlines count N working days
/// "beginning with" the day of receipt: that day is day 1 when it is a working day, otherwise counting starts on the
/// next working day.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>Beyond this, a deadline is not a deadline anyone could mean (about 4 years).</summary>
    public const int MaxWorkingDays = 1000;

    private readonly Dictionary<DateOnly, Holiday> _holidays;

    public WorkingDayCalendar(IEnumerable<Holiday> holidays)
    {
        _holidays = holidays.GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First());
        KnownUntil = _holidays.Count == 0 ? null : new DateOnly(_holidays.Keys.Max().Year, 12, 31);
    }

    /// <summary>The last day of the last year that has holiday data; null when there is none.</summary>
    public DateOnly? KnownUntil { get; }

    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.ContainsKey(date);

    public Holiday? HolidayOn(DateOnly date) => _holidays.GetValueOrDefault(date);

    public DateOnly NextWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    /// <summary>
    /// The working day <paramref name="workingDays"/> working days after <paramref name="from"/> (before it, when
    /// negative), not counting <paramref name="from"/> itself.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly from, int workingDays)
    {
        var step = Math.Sign(workingDays);
        var day = from;
        for (var counted = 0; counted < Math.Abs(workingDays);)
        {
            day = day.AddDays(step);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>The due date of a deadline of <paramref name="workingDays"/> working days beginning with <paramref name="received"/>.</summary>
    public DueDateCalculation DueDate(DateOnly received, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);

        var skipped = new List<Holiday>();
        var weekendDays = 0;
        var day = received;
        var counted = 0;
        DateOnly? first = null;
        while (true)
        {
            if (IsWorkingDay(day))
            {
                first ??= day;
                if (++counted == workingDays)
                {
                    break;
                }
            }
            else if (_holidays.TryGetValue(day, out var holiday) && holiday.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                skipped.Add(holiday);
            }
            else
            {
                weekendDays++;
            }

            day = day.AddDays(1);
        }

        return new DueDateCalculation(received, workingDays, first!.Value, day, skipped, weekendDays, KnownUntil is null || day > KnownUntil);
    }

    /// <summary>
    /// How many working days after its due date something came: 0 when on or before it, 1 on the next working day.
    /// </summary>
    public int WorkingDaysLate(DateOnly due, DateOnly answered)
    {
        var late = 0;
        for (var day = due.AddDays(1); day <= answered; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                late++;
            }
        }

        return late;
    }
}
