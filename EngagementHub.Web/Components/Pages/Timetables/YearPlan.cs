using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Web.Components.Pages.Timetables;

public enum YearItemShape
{
    /// <summary>An event over several days: a bar from its first to its last day.</summary>
    Bar,
    /// <summary>A one-day (or timed) event: a round marker on its day.</summary>
    Marker,
    /// <summary>A decision point: a diamond marker, named "Decision" in its label.</summary>
    Decision,
    /// <summary>The rest of a busy month, as one link to the month view.</summary>
    More,
}

/// <summary>
/// One thing drawn in a lane, placed on the lane's grid of days (one column a day) so it needs no measuring in the
/// browser, and its row grows to fit its label wrapped over as many lines as it needs.
/// </summary>
/// <param name="Shape">How it is drawn: a bar, a marker, a decision's diamond, or a "+N more" link.</param>
/// <param name="FirstDay">The day of the year (0 for 1 April) the item starts on.</param>
/// <param name="Days">How many days wide the item is: at least a month, so its label has room.</param>
/// <param name="Row">The lane's row it is placed on, from 0.</param>
/// <param name="Label">The text shown on it.</param>
/// <param name="AccessibleName">What a screen reader announces: the event, its kind, its organisation and its dates.</param>
/// <param name="Event">The event drawn; null for a "+N more" link.</param>
/// <param name="Month">The first day of the month the item belongs to (an event's first month within the year).</param>
/// <param name="Hidden">For a "+N more" link, how many events it stands for; 0 otherwise.</param>
/// <param name="MarkOffset">Where the event's own days begin within the item, in percent of its width.</param>
/// <param name="MarkWidth">How wide the event's own days are, in percent of the item's width.</param>
public sealed record YearItem(
    YearItemShape Shape,
    int FirstDay,
    int Days,
    int Row,
    string Label,
    string AccessibleName,
    TimetableEvent? Event,
    DateOnly Month,
    int Hidden,
    double MarkOffset,
    double MarkWidth)
{
    /// <summary>CSS grid lines are numbered from 1: day 0 starts at line 1.</summary>
    public string Style => string.Create(CultureInfo.InvariantCulture, $"grid-column:{FirstDay + 1} / span {Days};grid-row:{Row + 1}");

    /// <summary>Where the event's own days lie within the item (it may be wider, to fit its label), in percent of the item.</summary>
    public string MarkStyle => string.Create(CultureInfo.InvariantCulture, $"left:{MarkOffset:0.###}%;width:{MarkWidth:0.###}%");

    /// <summary>
    /// A marker late in March: its item is pulled back to fit the year, so its label goes on the wider side of the
    /// marker rather than over it.
    /// </summary>
    public bool LabelBefore => IsMarker && MarkOffset > 50;

    public string? LabelStyle =>
        LabelBefore ? string.Create(CultureInfo.InvariantCulture, $"width:{MarkOffset:0.###}%")
        : IsMarker && MarkOffset > 0 ? string.Create(CultureInfo.InvariantCulture, $"margin-left:calc({MarkOffset:0.###}% + 0.85rem)")
        : null;

    private bool IsMarker => Shape is YearItemShape.Marker or YearItemShape.Decision;
}

/// <summary>One organisation's lane in the year plan.</summary>
/// <param name="Organisation">Whose events the lane shows.</param>
/// <param name="Items">What is drawn in it, in date order, each month's "+N more" after the events it follows.</param>
/// <param name="Rows">How many rows the items need.</param>
/// <param name="EventCount">How many events the organisation has in the year, drawn or behind a "+N more" link.</param>
/// <param name="Unshown">The lane's events behind its "+N more" links, in date order: the printed plan lists them, since
/// a link cannot be followed on paper.</param>
public sealed record YearLane(TimetableOrganisation Organisation, IReadOnlyList<YearItem> Items, int Rows, int EventCount, IReadOnlyList<TimetableEvent> Unshown);

/// <summary>
/// Lays a year's events out in lanes, one per organisation, months April to March across. An event that started in the
/// year before or runs on into the next is clipped to the year, from 1 April or to 31 March, and its name says it continues. Each item is given at least
/// two months' width so its label can be read, and items that would overlap go on separate rows. A month with more than
/// <see cref="MaxPerMonth"/> events in a lane shows the first few and one "+N more" link, so 2,000 events stay a page
/// a browser draws quickly (and a person can read).
/// </summary>
public static class YearPlan
{
    public const int MaxPerMonth = 3;

    /// <summary>
    /// The days an item's label needs, whatever the event's own length: two months, about 150 px beside the menu on a
    /// 1366 px screen, so a title wraps over a few lines of whole words. One month (75 px) broke words letter by letter.
    /// </summary>
    private const int MinimumDays = 61;

    public static IReadOnlyList<YearLane> Lay(
        FinancialYear year, IReadOnlyList<TimetableOrganisation> lanes, IReadOnlyList<TimetableEvent> events, Func<int, string> organisationName)
    {
        var byOrganisation = events.ToLookup(e => e.OrganisationId);
        return [.. lanes.Select(o => LayLane(year, o, byOrganisation[o.Id].ToList(), organisationName(o.Id)))];
    }

    /// <summary>The months of the year, with their widths in percent (months differ in length).</summary>
    public static IReadOnlyList<(DateOnly Month, double Width)> Months(FinancialYear year)
    {
        double days = DaysIn(year);
        return [.. Enumerable.Range(0, 12).Select(i => year.Start.AddMonths(i)).Select(m => (m, DateTime.DaysInMonth(m.Year, m.Month) / days * 100))];
    }

    /// <summary>A lane's grid: one column a day of the year, so an item spans its days without any measuring.</summary>
    public static string DayColumns(FinancialYear year) =>
        string.Create(CultureInfo.InvariantCulture, $"grid-template-columns:repeat({DaysIn(year)},minmax(0,1fr))");

    public static string MonthColumns(FinancialYear year) =>
        string.Join(" ", Enumerable.Range(0, 12).Select(i => year.Start.AddMonths(i)).Select(m => $"{DateTime.DaysInMonth(m.Year, m.Month)}fr"));

    /// <summary>
    /// Begins with the visible label (WCAG 2.5.3), then what the bar's place alone shows: who and when, and, given the
    /// year shown, that the event continues from the year before or into the next (its bar stops at the year's edge).
    /// </summary>
    public static string AccessibleName(TimetableEvent e, string organisation, FinancialYear? year = null) =>
        $"{Label(e)} ({e.Kind.Label()}), {organisation}, {e.When}"
        + (year is { } shown && TimetableTerms.Continuing(e.StartDate, e.EndDate, shown) is { } continuing ? $", {continuing}" : "");

    /// <summary>
    /// The title, with "Decision: " before a decision point's so the shape is said in words too; not when the title
    /// already begins with "Decision" (the four-stage cycle's "Decision: commissioning intentions agreed").
    /// </summary>
    public static string Label(TimetableEvent e) =>
        e.Kind == TimetableEventKind.DecisionPoint && !e.Title.StartsWith("Decision", StringComparison.OrdinalIgnoreCase) ? $"Decision: {e.Title}" : e.Title;

    private static YearLane LayLane(FinancialYear year, TimetableOrganisation organisation, List<TimetableEvent> events, string name)
    {
        var days = DaysIn(year);
        var placed = new List<(int From, int To, YearItemShape Shape, string Label, string Accessible, TimetableEvent? Event, DateOnly Month, int Hidden)>();
        var unshown = new List<TimetableEvent>();
        foreach (var month in events.GroupBy(e => MonthOf(year, e.StartDate)).OrderBy(g => g.Key))
        {
            var inMonth = month.InDateOrder().ToList();
            var shown = inMonth.Count > MaxPerMonth ? inMonth.Take(MaxPerMonth - 1).ToList() : inMonth;
            foreach (var e in shown)
            {
                var from = Day(year, e.StartDate);
                var to = Math.Min(Day(year, e.EndDate), days - 1);
                var shape = e.Kind == TimetableEventKind.DecisionPoint ? YearItemShape.Decision
                    : e.EndDate > e.StartDate ? YearItemShape.Bar
                    : YearItemShape.Marker;
                placed.Add((from, to, shape, Label(e), AccessibleName(e, name, year), e, month.Key, 0));
            }

            var hidden = inMonth.Count - shown.Count;
            if (hidden > 0)
            {
                unshown.AddRange(inMonth.Skip(shown.Count));
                var monthName = month.Key.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
                var from = Day(year, month.Key);
                placed.Add((from, from + DateTime.DaysInMonth(month.Key.Year, month.Key.Month) - 1, YearItemShape.More, $"+{hidden} more",
                    $"+{hidden} more events of {name} in {monthName}: open the month", null, month.Key, hidden));
            }
        }

        // Greedy rows: each item goes on the first row that is free from where its label starts.
        var rowEnds = new List<int>();
        var items = new List<YearItem>();
        // In date order, each month's "+N more" after the events it follows, so reading order matches what is seen.
        foreach (var p in placed)
        {
            var start = Math.Min(p.From, days - MinimumDays);
            var end = Math.Max(p.To, start + MinimumDays - 1);
            var row = rowEnds.FindIndex(e => e < start);
            if (row < 0)
            {
                row = rowEnds.Count;
                rowEnds.Add(end);
            }
            else
            {
                rowEnds[row] = end;
            }

            var extent = end - start + 1;
            items.Add(new YearItem(p.Shape, start, extent, row, p.Label, p.Accessible, p.Event, p.Month, p.Hidden,
                Percent(p.From - start, extent), Percent(p.To - p.From + 1, extent)));
        }

        return new YearLane(organisation, items, rowEnds.Count, events.Count, unshown);
    }

    private static DateOnly MonthOf(FinancialYear year, DateOnly date) =>
        date < year.Start ? year.Start : date > year.End ? new DateOnly(year.End.Year, year.End.Month, 1) : new DateOnly(date.Year, date.Month, 1);

    private static int Day(FinancialYear year, DateOnly date) => Math.Max(0, date.DayNumber - year.Start.DayNumber);

    private static int DaysIn(FinancialYear year) => year.End.DayNumber - year.Start.DayNumber + 1;

    private static double Percent(int days, int of) => Math.Round(days * 100.0 / of, 3);
}
