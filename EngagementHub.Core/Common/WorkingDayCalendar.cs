namespace EngagementHub.Core.Common;

/// <summary>A bank holiday as the calendar knows it.</summary>
public sealed record Holiday(DateOnly Date, string Name);

/// <summary>
/// How a due date was worked out, so nobody has to take it on trust: the day counting began, the holidays it
/// skipped, and whether the published bank holidays reached that far.
/// </summary>
/// <param name="Received">The UK date of receipt.</param>
/// <param name="WorkingDays">The working days counted.</param>
/// <param name="FirstCountedDay">Day 1: the day of receipt when it is a working day, else the next working day.</param>
/// <param name="DueDate">The UK date of the last working day counted.</param>
/// <param name="SkippedHolidays">The bank holidays on weekdays between receipt and the due date, in date order.</param>
/// <param name="WeekendDaysSkipped">Saturdays and Sundays between receipt and the due date.</param>
/// <param name="YearsFromRules">The calendar years of the count whose regular holidays were worked out, wholly or in
/// part, from the statutory pattern (<see cref="WorkingDayCalendar.IsFromRules"/>, <see cref="WorkingDayCalendar.IsPartlyFromRules"/>).</param>
/// <param name="YearsPartlyPublished">Those of <paramref name="YearsFromRules"/> for which part of the year's list is
/// published (the first or last year of an import): the pattern gave only the regular holidays outside that part.</param>
public sealed record DueDateCalculation(
    DateOnly Received,
    int WorkingDays,
    DateOnly FirstCountedDay,
    DateOnly DueDate,
    IReadOnlyList<Holiday> SkippedHolidays,
    int WeekendDaysSkipped,
    IReadOnlyList<int> YearsFromRules,
    IReadOnlyList<int>? YearsPartlyPublished = null)
{
    /// <summary>
    /// The count ran over a year whose bank holidays are not (all) published: that year's regular holidays were worked
    /// out from the statutory pattern, and a one-off holiday announced later could still move the date.
    /// </summary>
    public bool BeyondKnownHolidays => YearsFromRules.Count > 0;

    /// <summary>One plain sentence of the working.</summary>
    public string Explanation =>
        $"{Counted.Of(WorkingDays, "working day")} beginning with {Format(FirstCountedDay)}"
        + (FirstCountedDay != Received ? $" (received {Format(Received)}, not a working day, so counting starts on the next one)" : " (the day of receipt counts as day 1)")
        + $", skipping {Counted.Of(WeekendDaysSkipped, "weekend day")}"
        + (SkippedHolidays.Count == 0 ? " and no bank holidays" : $" and {Counted.Of(SkippedHolidays.Count, "bank holiday")} ({string.Join("; ", SkippedHolidays.Select(h => $"{h.Name}, {Format(h.Date)}"))})")
        + $": due {Format(DueDate)}."
        + FromRules();

    private string FromRules()
    {
        var partly = YearsPartlyPublished ?? [];
        var none = YearsFromRules.Except(partly).ToList();
        var said = new List<string>();
        if (none.Count > 0)
        {
            said.Add($"No bank holidays are published yet for {string.Join(" and ", none)}");
        }

        if (partly.Count > 0)
        {
            said.Add($"{(none.Count > 0 ? "only" : "Only")} part of the list for {string.Join(" and ", partly)} is published");
        }

        return said.Count == 0 ? ""
            : $" {string.Join(", and ", said)}: the regular ones {(partly.Count > 0 ? "not published " : "")}were worked out from the statutory pattern, and a one-off holiday announced later could move this date.";
    }

    private static string Format(DateOnly date) => date.ToString("ddd d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}

/// <summary>
/// Working days in England and Wales: Monday to Friday, not a bank holiday. Deadlines count N working days
/// "beginning with" the day of receipt: that day is day 1 when it is a working day, otherwise counting starts on the
/// next working day.
/// </summary>
/// <remarks>
/// <para>The holidays are data: the published list (shipped with the app from the statutory pattern, or imported from
/// GOV.UK's list) and the days administrators added. A year's bank holidays are (ADR 0012, "Partly filled years"):</para>
/// <list type="bullet">
/// <item>a year holding no holiday of the published list: the regular holidays of the statutory pattern
/// (<see cref="EnglandAndWalesBankHolidays.ForYear"/>) plus the days administrators added for it, so no due date
/// lands on Christmas Day or Good Friday because nobody imported next year's list, and a one-off day added ahead of
/// the list never takes the year's regular holidays away;</item>
/// <item>a year the published list holds from January to December: the data as it stands, so a holiday an
/// administrator removed or moved is a working day;</item>
/// <item>a year the list holds only in part (it starts after January or stops before December, as the first or
/// last year of an import may): the data, plus the pattern's regular holidays before the list's first holiday of the
/// year or after its last.</item>
/// </list>
/// <para>So adding a day never takes another away, and removing one never adds another: a day an administrator adds
/// never stands in for the published list.</para>
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

    /// <summary>Per year holding holidays of the published list: the part of the year the list speaks for.</summary>
    private readonly Dictionary<int, (DateOnly From, DateOnly To)> _listed;

    /// <summary>Years whose holidays are the data alone: the list speaks for all of the pattern's days in them.</summary>
    private readonly HashSet<int> _wholeYears;

    private readonly HashSet<int> _ruleYears = [];
    private readonly Lock _fill = new();
    private readonly DateOnly[] _published;
    private readonly DateOnly[] _added;

    /// <summary>
    /// The day numbers of the holidays known so far that fall on a weekday, sorted: <see cref="WorkingDaysLate"/> counts
    /// weekdays by arithmetic and subtracts these, instead of walking day by day. Replaced (never changed) when a year's
    /// holidays are worked out from the pattern, so readers need no lock.
    /// </summary>
    private volatile int[] _weekdayHolidays;

    /// <summary>A calendar whose holidays are all of the published list (the shipped data, GOV.UK's list).</summary>
    /// <param name="published">The holidays of the published list; of two on one date, the first is kept.</param>
    public WorkingDayCalendar(IEnumerable<Holiday> published)
        : this(published, [])
    {
    }

    /// <summary>A calendar of the published list and the days administrators added to it.</summary>
    /// <param name="published">The holidays of the published list (shipped with the app, or imported from GOV.UK).</param>
    /// <param name="added">The days administrators added. They count as holidays, but never as a year's published
    /// list: a year holding only these keeps the statutory pattern's regular holidays. A date in both counts once, as
    /// the list's.</param>
    public WorkingDayCalendar(IEnumerable<Holiday> published, IEnumerable<Holiday> added)
    {
        var list = published.GroupBy(h => h.Date).ToDictionary(g => g.Key, g => g.First());
        _holidays = new Dictionary<DateOnly, Holiday>(list);
        foreach (var holiday in added)
        {
            _holidays.TryAdd(holiday.Date, holiday);
        }

        _published = [.. list.Keys.Order()];
        _added = [.. _holidays.Keys.Except(list.Keys).Order()];
        _listed = list.Keys.GroupBy(d => d.Year).ToDictionary(g => g.Key, g => Listed(g.Key, g.Min(), g.Max()));
        _wholeYears = [.. _listed.Where(y => EnglandAndWalesBankHolidays.ForYear(y.Key).All(h => Speaks(y.Value, h.Date))).Select(y => y.Key)];
        _weekdayHolidays = WeekdayHolidays(_holidays.Keys);
        KnownUntil = _listed.Count == 0 ? null : _listed.MaxBy(y => y.Key).Value.To;
    }

    /// <summary>
    /// The part of <paramref name="year"/> its published holidays speak for: from 1 January when the first is in
    /// January (else from that holiday), to 31 December when the last is in December (else to that holiday).
    /// </summary>
    private static (DateOnly From, DateOnly To) Listed(int year, DateOnly first, DateOnly last) =>
        (first.Month == 1 ? new DateOnly(year, 1, 1) : first, last.Month == 12 ? new DateOnly(year, 12, 31) : last);

    private static bool Speaks((DateOnly From, DateOnly To) listed, DateOnly date) => date >= listed.From && date <= listed.To;

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>True when both calendars were built from the same holiday dates, each as the published list's or as an
    /// administrator's addition (the names aside).</summary>
    public bool HasSameHolidaysAs(WorkingDayCalendar other) =>
        _published.AsSpan().SequenceEqual(other._published) && _added.AsSpan().SequenceEqual(other._added);

    /// <summary>
    /// The last day the published list speaks for: 31 December of the last year holding a holiday of the list, or that
    /// list's last holiday when it stops before December. Null when there is no published list. Days administrators
    /// added do not extend it.
    /// </summary>
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

    /// <summary>
    /// True when <paramref name="year"/> holds no holiday of the published list: its regular holidays come from the
    /// statutory pattern, with the days administrators added for it (ADR 0012).
    /// </summary>
    public bool IsFromRules(int year) => !_listed.ContainsKey(year);

    /// <summary>
    /// True when the published list holds only part of <paramref name="year"/> (it starts after January or stops
    /// before December) and the pattern has regular holidays outside that part: those come from the pattern.
    /// </summary>
    public bool IsPartlyFromRules(int year) => _listed.ContainsKey(year) && !_wholeYears.Contains(year);

    /// <summary>True when <paramref name="date"/> is Monday to Friday and not a bank holiday.</summary>
    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && HolidayOn(date) is null;

    /// <summary>Why <paramref name="date"/> is no working day, in words that follow "is" or "has become".</summary>
    /// <returns>"a bank holiday (Christmas Day)", or the day of the week ("a Saturday"); asked of a working day, its day of
    /// the week too. A calculation: it refuses nothing.</returns>
    public string DayNobodyWorks(DateOnly date) => HolidayOn(date) is { } holiday
        // "Boxing Day (substitute day)" within the brackets reads "(Boxing Day, substitute day)", not brackets in brackets.
        ? $"a bank holiday ({(holiday.Name.EndsWith(')') && holiday.Name.Contains(" (", StringComparison.Ordinal) ? holiday.Name[..^1].Replace(" (", ", ", StringComparison.Ordinal) : holiday.Name)})"
        : $"a {date.DayOfWeek}";

    /// <returns>The bank holiday on <paramref name="date"/> (of the data, or of the statutory pattern in a year or part
    /// of a year the published list does not hold), or null.</returns>
    public Holiday? HolidayOn(DateOnly date)
    {
        if (!_wholeYears.Contains(date.Year))
        {
            FillFromRules(date.Year);
        }

        return _holidays.GetValueOrDefault(date);
    }

    /// <returns>The bank holidays of <paramref name="year"/> as this calendar counts them, weekend dates included, in date order.</returns>
    public IReadOnlyList<Holiday> HolidaysIn(int year)
    {
        if (!_wholeYears.Contains(year))
        {
            FillFromRules(year);
        }

        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        lock (_fill)
        {
            return [.. _holidays.Values.Where(h => h.Date >= from && h.Date <= to).OrderBy(h => h.Date)];
        }
    }

    private void FillFromRules(int year)
    {
        lock (_fill)
        {
            if (!_ruleYears.Add(year))
            {
                return;
            }

            var listed = _listed.TryGetValue(year, out var part) ? part : ((DateOnly, DateOnly)?)null;
            foreach (var (date, name) in EnglandAndWalesBankHolidays.ForYear(year))
            {
                if (listed is not { } speaks || !Speaks(speaks, date))
                {
                    _holidays.TryAdd(date, new Holiday(date, name));
                }
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
    /// How many working days fall after <paramref name="from"/>, up to and including <paramref name="to"/>: the count
    /// <see cref="AddWorkingDays"/> takes from <paramref name="from"/> to reach <paramref name="to"/>, when that is a
    /// working day, whatever day <paramref name="from"/> is. Unlike <see cref="WorkingDaysLate"/>, which measures from the
    /// day a due date is met, a start on a day nobody works is not moved: the next working day is the first counted.
    /// </summary>
    /// <returns>The number of working days, 0 when <paramref name="to"/> is on or before <paramref name="from"/>.</returns>
    public int WorkingDaysAfter(DateOnly from, DateOnly to)
    {
        var first = NextWorkingDay(from.AddDays(1));
        var last = to;
        while (last >= first && !IsWorkingDay(last))
        {
            last = last.AddDays(-1);
        }

        // Both working days, so WorkingDaysLate counts exactly those after the first, up to the last.
        return last < first ? 0 : 1 + WorkingDaysLate(first, last);
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
    /// <returns>The due date with its working; <see cref="DueDateCalculation.YearsFromRules"/> names the years whose
    /// regular holidays the count took from the statutory pattern (a year with no published list, or the part of a year
    /// its list does not hold, that the count reached).</returns>
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

        var years = Enumerable.Range(received.Year, day.Year - received.Year + 1).ToList();
        var partly = years.Where(y => IsPartlyFromRules(y) && !(Speaks(_listed[y], Later(received, new DateOnly(y, 1, 1))) && Speaks(_listed[y], Earlier(day, new DateOnly(y, 12, 31))))).ToList();
        return new DueDateCalculation(received, workingDays, first!.Value, day, skipped, weekendDays, [.. years.Where(y => IsFromRules(y) || partly.Contains(y))], partly);
    }

    /// <summary>
    /// How many working days after its due date something came: 0 when on or before it, 1 on the next working day. A due
    /// date that is not a working day (an agreed date on which a bank holiday was declared later, or one agreed before
    /// such dates were refused) is met on the next working day, as a time limit that ends on a day the office is closed
    /// is met on the next day it is open (Civil Procedure Rules 2.8(5)). Something that came after it on a day that is
    /// not a working day counts as coming on the next working day, as a request received then is counted from it
    /// ("beginning with" receipt): an answer on the Saturday after a Friday due date is 1 working day late, not on time,
    /// as the deadline was already overdue (and could be escalated) that Saturday.
    /// </summary>
    /// <param name="due">The due date (UK calendar date).</param>
    /// <param name="answered">The day the step was taken (UK calendar date).</param>
    /// <returns>Working days late, 0 or more.</returns>
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

        answered = NextWorkingDay(answered);

        for (var year = due.Year; year <= answered.Year; year++)
        {
            if (!_wholeYears.Contains(year))
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
