namespace EngagementHub.Core.Common;

/// <summary>
/// The bank holidays of England and Wales, generated from the statutory pattern (Banking and Financial Dealings
/// Act 1971 and the annual proclamations) with the known one-off changes. This is the starting data the calendar ships
/// with; the holidays themselves live in the database, where admins edit them and import GOV.UK's list.
/// </summary>
public static class EnglandAndWalesBankHolidays
{
    public const int FirstYear = 2005;
    public const int LastYear = 2030;

    /// <summary>Every bank holiday from <see cref="FirstYear"/> to <see cref="LastYear"/>, in date order.</summary>
    public static IReadOnlyList<(DateOnly Date, string Name)> All { get; } =
        [.. Enumerable.Range(FirstYear, LastYear - FirstYear + 1).SelectMany(ForYear)];

    public static IEnumerable<(DateOnly Date, string Name)> ForYear(int year)
    {
        var holidays = new List<(DateOnly Date, string Name)>();

        var newYear = new DateOnly(year, 1, 1);
        holidays.Add(IsWeekend(newYear) ? (NextMonday(newYear), "New Year’s Day (substitute day)") : (newYear, "New Year’s Day"));

        var easter = EasterSunday(year);
        holidays.Add((easter.AddDays(-2), "Good Friday"));
        holidays.Add((easter.AddDays(1), "Easter Monday"));

        if (year == 2011)
        {
            holidays.Add((new DateOnly(2011, 4, 29), "Royal wedding"));
        }

        // Moved in 2020 to the Friday for the 75th anniversary of VE day.
        holidays.Add(year == 2020 ? (new DateOnly(2020, 5, 8), "Early May bank holiday (VE day)") : (FirstMonday(year, 5), "Early May bank holiday"));

        if (year == 2023)
        {
            holidays.Add((new DateOnly(2023, 5, 8), "Bank holiday for the coronation of King Charles III"));
        }

        switch (year)
        {
            case 2012: // Moved to make a four-day weekend with the Diamond Jubilee.
                holidays.Add((new DateOnly(2012, 6, 4), "Spring bank holiday"));
                holidays.Add((new DateOnly(2012, 6, 5), "Queen’s Diamond Jubilee"));
                break;
            case 2022: // Moved to make a four-day weekend with the Platinum Jubilee.
                holidays.Add((new DateOnly(2022, 6, 2), "Spring bank holiday"));
                holidays.Add((new DateOnly(2022, 6, 3), "Platinum Jubilee bank holiday"));
                break;
            default:
                holidays.Add((LastMonday(year, 5), "Spring bank holiday"));
                break;
        }

        holidays.Add((LastMonday(year, 8), "Summer bank holiday"));

        if (year == 2022)
        {
            holidays.Add((new DateOnly(2022, 9, 19), "Bank Holiday for the State Funeral of Queen Elizabeth II"));
        }

        var christmas = new DateOnly(year, 12, 25);
        switch (christmas.DayOfWeek)
        {
            case DayOfWeek.Friday:
                holidays.Add((christmas, "Christmas Day"));
                holidays.Add((new DateOnly(year, 12, 28), "Boxing Day (substitute day)"));
                break;
            case DayOfWeek.Saturday:
                holidays.Add((new DateOnly(year, 12, 27), "Christmas Day (substitute day)"));
                holidays.Add((new DateOnly(year, 12, 28), "Boxing Day (substitute day)"));
                break;
            case DayOfWeek.Sunday:
                holidays.Add((new DateOnly(year, 12, 26), "Boxing Day"));
                holidays.Add((new DateOnly(year, 12, 27), "Christmas Day (substitute day)"));
                break;
            default:
                holidays.Add((christmas, "Christmas Day"));
                holidays.Add((new DateOnly(year, 12, 26), "Boxing Day"));
                break;
        }

        return holidays.OrderBy(h => h.Date);
    }

    /// <summary>Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    private static DateOnly NextMonday(DateOnly date) => date.AddDays(((int)DayOfWeek.Monday - (int)date.DayOfWeek + 7) % 7);

    private static DateOnly FirstMonday(int year, int month) => NextMonday(new DateOnly(year, month, 1));

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
