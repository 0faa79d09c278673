namespace EngagementHub.Core.Common;

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
    IReadOnlyList<int> YearsFromRules)
{
    /// <summary>
    /// The count ran over a year with no published holiday data: that year's holidays were worked out from the statutory
    /// pattern, and a one-off holiday announced later could still move the date.
    /// </summary>
    public bool BeyondKnownHolidays => YearsFromRules.Count > 0;

    /// <summary>One plain sentence of the working.</summary>
    public string Explanation =>
        $"{Counted.Of(WorkingDays, "working day")} beginning with {Format(FirstCountedDay)}"
        + (FirstCountedDay != Received ? $" (received {Format(Received)}, not a working day, so counting starts on the next one)" : " (the day of receipt counts as day 1)")
        + $", skipping {Counted.Of(WeekendDaysSkipped, "weekend day")}"
        + (SkippedHolidays.Count == 0 ? " and no bank holidays" : $" and {Counted.Of(SkippedHolidays.Count, "bank holiday")} ({string.Join("; ", SkippedHolidays.Select(h => $"{h.Name}, {Format(h.Date)}"))})")
        + $": due {Format(DueDate)}."
        + (YearsFromRules.Count == 0 ? "" : $" No bank holidays are published yet for {string.Join(" and ", YearsFromRules)}: the regular ones were worked out from the statutory pattern, and a one-off holiday announced later could move this date.");

    private static string Format(DateOnly date) => date.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}

/// <summary>
/// Working days in England and Wales: Monday to Friday, not a bank holiday. Deadlines count N working days
/// "beginning with" the day of receipt: that day is day 1 when it is a working day, otherwise counting starts on the
/// next working day.
/// </summary>
/// <remarks>
/// The holidays are data (shipped, imported from GOV.UK, edited by admins). A year with no holiday in the data at all
/// has not been published yet: its regular holidays are worked out from the statutory pattern
/// (<see cref="EnglandAndWalesBankHolidays.ForYear"/>), so no due date lands on Christmas Day or Good Friday just
/// because nobody imported next year's list. A year with any holiday in the data is taken as the data says.
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>Beyond this, a deadline is not a deadline anyone could mean (about 4 years).</summary>
    public const int MaxWorkingDays = 1000;

    /// <summary>
    /// The first date a deadline may be counted from: the shipped data starts in 2005, and the rules before it differ
    /// (the early May holiday began in 1978, and one-off holidays before 2005 are not in the data).
    /// </summary>
    public static readonly DateOnly FirstReceived = new(EnglandAndWalesBankHolidays.FirstYear, 1, 1);

    /// <summary>The last date a deadline may be counted from: far enough for any real use, far from the calendar's end.</summary>
    public static readonly DateOnly LastReceived = new(2099, 12, 31);

    private readonly Dictionary<DateOnly, Holiday> _holidays;
    private readonly HashSet<int> _publishedYears;
    private readonly HashSet<int> _ruleYears = [];
    private readonly Lock _fill = new();
    private readonly DateOnly[] _published;

    /// <summary>
    /// The day numbers of the holidays known so far that fall on a weekday, sorted: <see cref="WorkingDaysLate"/> counts
    /// weekdays by arithmetic and subtracts these, instead of walking day by day. Replaced (never changed) when a year's
    /// holidays are worked out from the pattern, so readers need no lock.
    /// </summary>
    private volatile int[] _weekdayHolidays;

    public WorkingDayCalendar(IEnumerable<Holiday> holidays)
    {
        _holidays = holidays.GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First());
        _publishedYears = [.. _holidays.Keys.Select(d => d.Year)];
        _published = [.. _holidays.Keys.Order()];
        _weekdayHolidays = WeekdayHolidays(_holidays.Keys);
        KnownUntil = _holidays.Count == 0 ? null : new DateOnly(_holidays.Keys.Max().Year, 12, 31);
    }

    /// <summary>True when both calendars were built from the same holiday dates (the names aside).</summary>
    public bool HasSameHolidaysAs(WorkingDayCalendar other) => _published.AsSpan().SequenceEqual(other._published);

    /// <summary>The last day of the last year that has holiday data; null when there is none.</summary>
    public DateOnly? KnownUntil { get; }

    /// <summary>
    /// Null when a deadline can be counted from <paramref name="received"/>; otherwise the reason it cannot, for the
    /// person who typed it (dates before <see cref="FirstReceived"/> or after <see cref="LastReceived"/>).
    /// </summary>
    public static string? RefuseReceived(DateOnly received) =>
        received < FirstReceived
            ? $"Due dates are worked out from 1 January {FirstReceived.Year}: the bank holiday data starts then."
            : received > LastReceived
                ? $"Enter a date received up to 31 December {LastReceived.Year}."
                : null;

    /// <summary>True when <paramref name="year"/> has no holiday in the data and its holidays come from the pattern.</summary>
    public bool IsFromRules(int year) => !_publishedYears.Contains(year);

    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && HolidayOn(date) is null;

    public Holiday? HolidayOn(DateOnly date)
    {
        if (!_publishedYears.Contains(date.Year))
        {
            FillFromRules(date.Year);
        }

        return _holidays.GetValueOrDefault(date);
    }

    private void FillFromRules(int year)
    {
        lock (_fill)
        {
            if (!_ruleYears.Add(year))
            {
                return;
            }

            foreach (var (date, name) in EnglandAndWalesBankHolidays.ForYear(year))
            {
                _holidays.TryAdd(date, new Holiday(date, name));
            }

            _weekdayHolidays = WeekdayHolidays(_holidays.Keys);
        }
    }

    private static int[] WeekdayHolidays(IEnumerable<DateOnly> dates) =>
        [.. dates.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(d => d.DayNumber).Order()];

    /// <summary>Weekdays (Monday to Friday) among the day numbers 0 to <paramref name="dayNumber"/> − 1; day 0 is a Monday.</summary>
    private static long WeekdaysBefore(int dayNumber) => dayNumber / 7 * 5L + Math.Min(dayNumber % 7, 5);

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
    /// <exception cref="ArgumentOutOfRangeException">Working days outside 1–<see cref="MaxWorkingDays"/>, or a date
    /// received that <see cref="RefuseReceived"/> refuses: callers check it first and show its message.</exception>
    public DueDateCalculation DueDate(DateOnly received, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workingDays, MaxWorkingDays);
        if (RefuseReceived(received) is { } refused)
        {
            throw new ArgumentOutOfRangeException(nameof(received), received, refused);
        }

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
            else if (HolidayOn(day) is { } holiday && holiday.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                skipped.Add(holiday);
            }
            else
            {
                weekendDays++;
            }

            day = day.AddDays(1);
        }

        var fromRules = Enumerable.Range(received.Year, day.Year - received.Year + 1).Where(IsFromRules).ToList();
        return new DueDateCalculation(received, workingDays, first!.Value, day, skipped, weekendDays, fromRules);
    }

    /// <summary>
    /// How many working days after its due date something came: 0 when on or before it, 1 on the next working day. A due
    /// date that is not a working day (an agreed date on which a bank holiday was declared later, or one agreed before
    /// such dates were refused) is met on the next working day, as a time limit that ends on a day the office is closed
    /// is met on the next day it is open (Civil Procedure Rules 2.8(5)).
    /// </summary>
    /// <remarks>
    /// Counted without walking the days (the reminder sweep asks this of every long-overdue deadline): the weekdays in
    /// between by arithmetic, less the holidays on weekdays in between, found by binary search.
    /// </remarks>
    public int WorkingDaysLate(DateOnly due, DateOnly answered)
    {
        due = NextWorkingDay(due);
        if (answered <= due)
        {
            return 0;
        }

        for (var year = due.Year; year <= answered.Year; year++)
        {
            if (!_publishedYears.Contains(year))
            {
                FillFromRules(year);
            }
        }

        var (first, last) = (due.DayNumber + 1, answered.DayNumber);
        var weekdays = WeekdaysBefore(last + 1) - WeekdaysBefore(first);
        var holidays = _weekdayHolidays;
        var from = Array.BinarySearch(holidays, first);
        var to = Array.BinarySearch(holidays, last + 1);
        var skipped = (to < 0 ? ~to : to) - (from < 0 ? ~from : from);
        return (int)(weekdays - skipped);
    }
}
