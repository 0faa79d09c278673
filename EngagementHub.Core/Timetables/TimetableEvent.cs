using EngagementHub.Core.Common;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// One date in a partner's timetable: a meeting, a decision, a consultation window, a stage of its commissioning
/// cycle. It lasts a day, a span of days, or has a start and end time on one day.
/// </summary>
public class TimetableEvent : IVersioned
{
    /// <summary>The longest title, in characters (the column's length and the form's limit).</summary>
    public const int TitleMaxLength = 200;

    /// <summary>The longest description, in characters.</summary>
    public const int DescriptionMaxLength = 2000;

    /// <summary>The longest location, in characters.</summary>
    public const int LocationMaxLength = 200;

    private TimetableEvent()
    {
        Title = "";
    }

    /// <summary>A new event on an organisation's timetable.</summary>
    /// <param name="input">Already checked by <see cref="TimetableRules.Errors"/>.</param>
    /// <param name="createdAt">The moment it was added (UTC).</param>
    public TimetableEvent(TimetableEventInput input, DateTimeOffset createdAt)
        : this()
    {
        CreatedAt = createdAt;
        Update(input);
    }

    public int Id { get; private set; }
    public int OrganisationId { get; private set; }

    /// <summary>
    /// The financial year the event starts in (its <see cref="FinancialYear.StartYear"/>): where its page links back to,
    /// and where a generated stage of a cycle is kept once. An event running past 31 March belongs to every year it
    /// overlaps, so views of a year select by dates (<see cref="TimetableEventYears.Overlapping"/>), not by this.
    /// </summary>
    public int Year { get; private set; }

    public TimetableEventKind Kind { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public string? Location { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }

    /// <summary>Set for a meeting at a time of day (UK time); null for an all-day event or span.</summary>
    public TimeOnly? StartTime { get; private set; }

    public TimeOnly? EndTime { get; private set; }

    /// <summary>A formal opportunity (a board paper, a statutory consultation) rather than an informal one.</summary>
    public bool IsFormal { get; private set; }

    /// <summary>The date can move (an informal or provisional date) rather than being fixed.</summary>
    public bool IsMovable { get; private set; }

    public EventVisibility Visibility { get; private set; }

    /// <summary>The exercises whose input this event concerns (for a decision point: the engagement that informs it).</summary>
    public List<int> ExerciseIds { get; private set; } = [];

    /// <summary>The commissioning-cycle template and stage this event was generated from, if any.</summary>
    public int? CycleTemplateId { get; private set; }

    public string? CycleStage { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid Version { get; set; }

    public FinancialYear FinancialYear => new(Year);

    /// <summary>The financial years the event's days fall in, from the one it starts in to the one it ends in: each of
    /// their timetables shows it, and each notes its changes (ADR 7).</summary>
    /// <returns>The years' <see cref="FinancialYear.StartYear"/>s, in order.</returns>
    public IEnumerable<int> YearsSpanned() => YearsSpanned(StartDate, EndDate);

    /// <summary>The financial years the days from <paramref name="start"/> to <paramref name="end"/> fall in (as
    /// <see cref="YearsSpanned()"/>, for dates not yet saved, such as a form's).</summary>
    /// <returns>The years' <see cref="FinancialYear.StartYear"/>s, in order; the start's alone when the end is before it.</returns>
    public static IEnumerable<int> YearsSpanned(DateOnly start, DateOnly end)
    {
        var first = FinancialYear.Containing(start).StartYear;
        return Enumerable.Range(first, Math.Max(FinancialYear.Containing(end).StartYear - first, 0) + 1);
    }

    public bool IsTimed => StartTime is not null;

    public void Update(TimetableEventInput input)
    {
        OrganisationId = input.OrganisationId ?? throw new ArgumentException("An event needs an organisation.", nameof(input));
        Kind = input.Kind;
        Title = input.Title.Trim();
        Description = InputValidation.Clean(input.Description);
        Location = InputValidation.Clean(input.Location);
        StartDate = input.StartDate ?? throw new ArgumentException("An event needs a date.", nameof(input));
        EndDate = input.StartTime is null ? input.EndDate ?? StartDate : StartDate;
        StartTime = input.StartTime;
        EndTime = input.StartTime is null ? null : input.EndTime;
        IsFormal = input.IsFormal;
        IsMovable = input.IsMovable;
        Visibility = input.Visibility;
        ExerciseIds = [.. input.ExerciseIds.Distinct().Order()];
        Year = FinancialYear.Containing(StartDate).StartYear;
    }

    internal void MarkGeneratedFrom(int templateId, string stage)
    {
        CycleTemplateId = templateId;
        CycleStage = stage;
    }

    /// <summary>"Tue 12 Jan 2027", "1 Apr – 30 Jun 2026" or "Tue 12 Jan 2027, 14:00–16:00".</summary>
    public string When => TimetableRules.DescribeWhen(StartDate, EndDate, StartTime, EndTime);
}

/// <summary>The one order events are listed, drawn and fed in: by day, then time of day (all-day first), then as added.</summary>
public static class TimetableEventOrder
{
    public static IOrderedQueryable<TimetableEvent> InDateOrder(this IQueryable<TimetableEvent> events) =>
        events.OrderBy(e => e.StartDate).ThenBy(e => e.StartTime).ThenBy(e => e.Id);

    public static IOrderedEnumerable<TimetableEvent> InDateOrder(this IEnumerable<TimetableEvent> events) =>
        events.OrderBy(e => e.StartDate).ThenBy(e => e.StartTime).ThenBy(e => e.Id);
}

/// <summary>
/// Which events a financial year shows: every event that shares a day with it, wherever it starts. A consultation from
/// 1 March to 31 May is in both years; a year's views clip it or say it continues.
/// </summary>
public static class TimetableEventYears
{
    /// <summary>The events sharing at least one day with the financial years from <paramref name="from"/> to
    /// <paramref name="to"/> (both included): a comparison of the start and end dates, which both databases run.</summary>
    public static IQueryable<TimetableEvent> Overlapping(this IQueryable<TimetableEvent> events, FinancialYear from, FinancialYear to)
    {
        var (first, last) = (from.Start, to.End);
        return events.Where(e => e.StartDate <= last && e.EndDate >= first);
    }
}
