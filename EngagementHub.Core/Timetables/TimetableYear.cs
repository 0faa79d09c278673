using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Organisations;

namespace EngagementHub.Core.Timetables;

/// <summary>Which of a year's events a view shows; warnings are always worked out on the whole year.</summary>
public sealed record TimetableFilter
{
    public IReadOnlyCollection<int> OrganisationIds { get; init; } = [];
    public IReadOnlyCollection<TimetableEventKind> Kinds { get; init; } = [];
    public int? ExerciseId { get; init; }

    /// <summary>
    /// Reads a filter from query-string values, each a comma-separated list or one of repeated keys
    /// (<c>org=1,2&amp;kind=DecisionPoint</c>): the timetable page and its exports read links the same way. What cannot
    /// be read is left out rather than refused, so an old or hand-edited link still opens. One full stop after a value is
    /// read past, as a link pasted with its sentence's full stop comes (<c>org=1,2.</c>), as <c>QueryValue</c> does.
    /// </summary>
    public static TimetableFilter Parse(IEnumerable<string?> organisations, IEnumerable<string?> kinds, int? exerciseId) => new()
    {
        OrganisationIds = [.. Split(organisations)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().Order()],
        Kinds = [.. Split(kinds)
            .Select(s => Enum.TryParse<TimetableEventKind>(s, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : (TimetableEventKind?)null)
            .OfType<TimetableEventKind>().Distinct().Order()],
        ExerciseId = exerciseId is > 0 ? exerciseId : null,
    };

    private static IEnumerable<string> Split(IEnumerable<string?> values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(part => part.EndsWith('.') ? part[..^1].TrimEnd() : part);

    public bool Matches(TimetableEvent e) =>
        (OrganisationIds.Count == 0 || OrganisationIds.Contains(e.OrganisationId))
        && (Kinds.Count == 0 || Kinds.Contains(e.Kind))
        && (ExerciseId is not { } exercise || e.ExerciseIds.Contains(exercise));
}

/// <summary>An event for its page: the event as loaded (untracked) and the names of what it refers to.</summary>
/// <param name="Event">The event.</param>
/// <param name="OrganisationName">The name of the organisation whose event it is ("Organisation 12" when it cannot be found, as the timetable says).</param>
/// <param name="Exercises">The exercises it links, in the event's order ("Exercise 7" for one that cannot be found).</param>
/// <param name="CycleTemplateName">The name of the commissioning cycle it was generated from, or null (none, or removed since).</param>
/// <param name="Timetables">The agreement records of the financial years its days fall in (<see cref="TimetableEvent.YearsSpanned()"/>),
/// in year order; a year nobody has proposed has none.</param>
public sealed record EventDetails(
    TimetableEvent Event, string OrganisationName, IReadOnlyList<LinkedExercise> Exercises, string? CycleTemplateName, IReadOnlyList<AnnualTimetable> Timetables)
{
    /// <summary>The agreement record of the financial year the event starts in, or null while nobody has proposed it.</summary>
    public AnnualTimetable? Timetable => Timetables.FirstOrDefault(t => t.Year == Event.Year);
}

/// <summary>An exercise an event links, by its title.</summary>
public sealed record LinkedExercise(int Id, string Title);

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

    /// <summary>
    /// Fewer events than this (in the whole year, whatever the filter) and proposing or agreeing the year asks first: one
    /// organisation's board meetings alone are about ten a year, so a shorter plan is most likely not filled in yet.
    /// </summary>
    public const int NearlyEmptyBelow = 5;

    /// <summary>True when the year holds fewer than <see cref="NearlyEmptyBelow"/> events.</summary>
    public bool IsNearlyEmpty => TotalEvents < NearlyEmptyBelow;

    /// <summary>"no events", "only 1 event", "only 3 events": the size of a nearly empty year, in words.</summary>
    public string EventCountText => TotalEvents switch
    {
        0 => "no events",
        1 => "only 1 event",
        var n when n < NearlyEmptyBelow => $"only {n} events",
        var n => $"{n} events",
    };

    public string OrganisationName(int id) => Organisations.TryGetValue(id, out var o) ? o.DisplayName : $"Organisation {id}";
}

/// <summary>
/// The steps of the year's agreement round a person may take now (<see cref="TimetableAgreementService.StepsOpenTo"/>),
/// for the organisation they act for; the service's methods check the same and refuse the others.
/// </summary>
/// <param name="Propose">Send the year out for agreement: a draft, or an agreed year changed since.</param>
/// <param name="Agree">Agree the year out for agreement: their organisation was asked and has not agreed yet.</param>
/// <param name="AskForChanges">Send it back with what should change: their organisation takes part in the round.</param>
/// <param name="CheckChanges">Record the changes since agreement as checked: their organisation took part and another
/// changed the agreed year since it last checked (<see cref="AnnualTimetable.ChangesToCheckFor"/>).</param>
public sealed record TimetableAgreementSteps(bool Propose, bool Agree, bool AskForChanges, bool CheckChanges)
{
    /// <summary>No step at all: for a viewer, someone with no organisation, or nobody signed in.</summary>
    public static readonly TimetableAgreementSteps None = new(false, false, false, false);
}
