using System.Globalization;
using System.Text.RegularExpressions;

namespace EngagementHub.Core.Common;

/// <summary>
/// Reads a calendar date as people in England type it: day first, in figures or with the month's name, with any of the
/// usual separators. Shared by the forms' date field, and open to services and the API.
/// </summary>
public static partial class UkDate
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>What the date field's hint says about the forms it reads.</summary>
    public const string Hint = "Day first, e.g. 1/10/2008 or 1 Oct 08 (a two-digit year is 20xx).";

    /// <summary>
    /// Reads <paramref name="text"/> as a date. Accepted: <c>1/10/2008</c>, <c>01/10/08</c>, <c>1.10.2008</c>,
    /// <c>1-10-2008</c>, <c>1 10 2008</c> (always day, month, year — never month first, as in en-GB);
    /// <c>2008-10-01</c> (ISO, year first, four-digit year only); <c>1 Oct 2008</c>, <c>1 October 2008</c>,
    /// <c>1 oct 08</c>, <c>1st October 2008</c>, with or without a leading weekday ("Wed 1 Oct 2008").
    /// A two-digit year is read as 20xx.
    /// </summary>
    /// <returns>
    /// True with the date; false with <paramref name="error"/> saying why: empty text ("Enter a date."), text that is not
    /// a date, an impossible date ("31 February 2027 is not a date"), or one outside <see cref="Earliest"/> to
    /// <see cref="Latest"/> ("… is a long way off. Check the year"). Never throws.
    /// </returns>
    public static bool TryParse(string? text, out DateOnly date, out string? error)
    {
        date = default;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = "Enter a date.";
            return false;
        }

        if (IsoPattern().Match(trimmed) is { Success: true } iso)
        {
            return Build(Number(iso, "year"), Number(iso, "month"), Number(iso, "day"), out date, out error);
        }

        if (FiguresPattern().Match(trimmed) is { Success: true } figures)
        {
            return Build(Year(figures), Number(figures, "month"), Number(figures, "day"), out date, out error);
        }

        if (NamedPattern().Match(trimmed) is { Success: true } named)
        {
            var month = MonthNumber(named.Groups["month"].Value);
            if (month is null)
            {
                error = NotADate(trimmed);
                return false;
            }

            return Build(Year(named), month.Value, Number(named, "day"), out date, out error);
        }

        error = NotADate(trimmed);
        return false;
    }

    /// <summary>The earliest date a form takes: before the LINks (2008) and their forerunners, nothing is recorded.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The latest date a form takes: plans reach a few years ahead, so a later year is a slip of the keys.</summary>
    public static readonly DateOnly Latest = new(2099, 12, 31);

    /// <summary>Why a date is outside what a form takes (<see cref="Earliest"/> to <see cref="Latest"/>).</summary>
    /// <returns>The message to show next to the field, or null for a date within them.</returns>
    public static string? OutOfRange(DateOnly date) => date < Earliest || date > Latest
        ? $"{Describe(date)} is a long way off. Check the year: dates from {Earliest.Year} to {Latest.Year} are taken."
        : null;

    /// <summary>How the field says back the date it understood, e.g. "Wednesday 1 October 2008".</summary>
    public static string Describe(DateOnly date) => date.ToString("dddd d MMMM yyyy", British);

    /// <summary>How a date is written into the field, e.g. "01/10/2008" — a form this parser reads back unchanged.</summary>
    public static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string NotADate(string text) =>
        $"\"{Shorten(text)}\" is not a date we can read. Enter it day first, for example 1/10/2008 or 1 Oct 2008.";

    // The message quotes at most the first 30 characters typed, so a long paste does not flood the page; the field
    // itself keeps the whole text.
    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;

    private static bool Build(int year, int month, int day, out DateOnly date, out string? error)
    {
        date = default;
        if (year is < 1 or > 9999)
        {
            error = "Enter a year from 1 to 9999.";
            return false;
        }

        if (month is < 1 or > 12)
        {
            error = $"{day}/{month}/{year} is not a date: there is no month {month}. Enter the day first, then the month (1 to 12).";
            return false;
        }

        var monthName = new DateOnly(year, month, 1).ToString("MMMM", British);
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"{day} {monthName} {year} is not a date";
            error += day >= 1 ? $": {monthName} {year} has {DateTime.DaysInMonth(year, month)} days." : ".";
            return false;
        }

        date = new DateOnly(year, month, day);
        error = OutOfRange(date);
        return error is null;
    }

    private static int Number(Match match, string group) =>
        int.TryParse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static int Year(Match match)
    {
        var text = match.Groups["year"].Value;
        var year = Number(match, "year");
        return text.Length == 2 ? 2000 + year : year;
    }

    private static int? MonthNumber(string name)
    {
        var lower = name.TrimEnd('.').ToLowerInvariant();
        if (lower == "sept")
        {
            return 9;
        }

        for (var month = 1; month <= 12; month++)
        {
            var full = British.DateTimeFormat.GetMonthName(month).ToLowerInvariant();
            if (lower == full || (lower.Length == 3 && full.StartsWith(lower, StringComparison.Ordinal)))
            {
                return month;
            }
        }

        return null;
    }

    // 2008-10-01: ISO 8601, the only year-first form; a four-digit year makes it unambiguous.
    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{1,2})-(?<day>\d{1,2})$")]
    private static partial Regex IsoPattern();

    // 1/10/2008, 01.10.08, 1-10-2008, 1 10 2008: day, month, year; one kind of separator throughout.
    [GeneratedRegex(@"^(?<day>\d{1,2})\s*(?<sep>[/.\-\s])\s*(?<month>\d{1,2})\s*\k<sep>\s*(?<year>\d{4}|\d{2})$")]
    private static partial Regex FiguresPattern();

    // [Wed[,]] 1[st] Oct[.] [,] 2008 / 1-Oct-08: day, then the month's name, then the year.
    [GeneratedRegex(@"^(?:[A-Za-z]+,?\s+)?(?<day>\d{1,2})(?:st|nd|rd|th)?[\s\-/.]*(?<month>[A-Za-z]+\.?)[\s\-/.,]*(?<year>\d{4}|\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex NamedPattern();
}
