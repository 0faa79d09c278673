using System.Globalization;
using System.Text.RegularExpressions;

namespace EngagementHub.Core.Common;

/// <summary>
/// Reads a time of day as people in England type it: the 24-hour clock with a colon, a full stop or nothing between the
/// hours and minutes, or the 12-hour clock with am or pm. Shared by the forms' time field, as <see cref="UkDate"/> is by
/// their date field, so a time that cannot be read is refused with a reason instead of being lost.
/// </summary>
public static partial class ClockTime
{
    /// <summary>What the time field's hint says about the forms it reads.</summary>
    public const string Hint = "24-hour clock, e.g. 14:00 or 9.30 (2pm also works).";

    /// <summary>
    /// Reads <paramref name="text"/> as a time of day. Accepted: <c>14:00</c>, <c>9:30</c>, <c>09.30</c>, <c>1400</c>,
    /// <c>930</c>, <c>14</c> (on the hour); <c>2pm</c>, <c>2.30 pm</c>, <c>11:15am</c>, <c>12pm</c> (noon), <c>12am</c>
    /// (midnight); <c>noon</c> and <c>midday</c>.
    /// </summary>
    /// <returns>
    /// True with the time; false with <paramref name="error"/> saying why: empty text ("Enter a time."), text that is not a
    /// time, or one the clock does not have ("25:99 is not a time: …"). Never throws.
    /// </returns>
    public static bool TryParse(string? text, out TimeOnly time, out string? error)
    {
        time = default;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0)
        {
            error = "Enter a time.";
            return false;
        }

        if (trimmed.Equals("noon", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("midday", StringComparison.OrdinalIgnoreCase))
        {
            time = new TimeOnly(12, 0);
            error = null;
            return true;
        }

        if (Pattern().Match(trimmed) is not { Success: true } match)
        {
            error = $"\"{Shorten(trimmed)}\" is not a time we can read. Enter it on the 24-hour clock, for example 14:00 or 9.30.";
            return false;
        }

        var (hours, minutes) = match.Groups["compact"].Success
            ? Split(match.Groups["compact"].Value)
            : (Number(match.Groups["hours"].Value), match.Groups["minutes"].Success ? Number(match.Groups["minutes"].Value) : 0);
        var half = match.Groups["half"].Value.ToLowerInvariant();
        if (half.Length > 0)
        {
            if (hours is < 1 or > 12 || minutes > 59)
            {
                error = $"{trimmed} is not a time: on the 12-hour clock the hours go from 1 to 12 and the minutes up to 59.";
                return false;
            }

            hours = hours % 12 + (half.StartsWith('p') ? 12 : 0);
        }
        else if (hours > 23 || minutes > 59)
        {
            error = $"{trimmed} is not a time: the hours go up to 23 and the minutes up to 59. Enter it on the 24-hour clock, for example 14:00.";
            return false;
        }

        time = new TimeOnly(hours, minutes);
        error = null;
        return true;
    }

    /// <summary>How a time is written into the field, e.g. "09:30" — a form this parser reads back unchanged.</summary>
    public static string Format(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    // "930" is 9:30 and "1400" is 14:00: the last two figures are the minutes.
    private static (int Hours, int Minutes) Split(string figures) =>
        (Number(figures[..^2]), Number(figures[^2..]));

    private static int Number(string figures) => int.Parse(figures, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length > 30 ? text[..30] + "…" : text;

    // 14:00, 9.30, 14 (hours, then minutes after a colon or full stop), or 1400 and 930 (three or four figures), each
    // with am or pm after it if wanted ("2pm", "2.30 p.m.").
    [GeneratedRegex(@"^(?:(?<compact>\d{3,4})|(?<hours>\d{1,2})(?:\s*[:.]\s*(?<minutes>\d{2}))?)\s*(?<half>[ap]\.?\s*m\.?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
