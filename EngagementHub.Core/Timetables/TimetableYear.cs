using EngagementHub.Core.Organisations;

namespace EngagementHub.Core.Timetables;

/// <summary>Which of a year's events a view shows; warnings are always worked out on the whole year.</summary>
public sealed record TimetableFilter
{
    public IReadOnlyCollection<int> OrganisationIds { get; init; } = [];
    public IReadOnlyCollection<TimetableEventKind> Kinds { get; init; } = [];
    public int? ExerciseId { get; init; }

    public bool Matches(TimetableEvent e) =>
        (OrganisationIds.Count == 0 || OrganisationIds.Contains(e.OrganisationId))
        && (Kinds.Count == 0 || Kinds.Contains(e.Kind))
        && (ExerciseId is not { } exercise || e.ExerciseIds.Contains(exercise));
}

/// <summary>An organisation with a lane in the year view.</summary>
public sealed record TimetableOrganisation(int Id, string Name, string? ShortName, OrganisationKind Kind)
{
    public string DisplayName => ShortName ?? Name;
}

/// <summary>
/// One financial year of the partnership's timetable as the views need it: the agreement, the events the filter
/// selects, the organisations in lanes, and the planner's warnings for the whole year.
/// </summary>
public sealed record TimetableYear(
    FinancialYear Year,
    AnnualTimetable? Timetable,
    IReadOnlyList<TimetableEvent> Events,
    int TotalEvents,
    IReadOnlyList<TimetableOrganisation> Lanes,
    IReadOnlyDictionary<int, TimetableOrganisation> Organisations,
    IReadOnlyList<ExerciseSpan> Exercises,
    IReadOnlyList<TimetableWarning> Warnings)
{
    public TimetableStatus Status => Timetable?.Status ?? TimetableStatus.Draft;

    public string OrganisationName(int id) => Organisations.TryGetValue(id, out var o) ? o.DisplayName : $"Organisation {id}";
}
