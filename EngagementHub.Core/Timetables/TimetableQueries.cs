using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// Reads the partnership's shared annual timetable: a year's read model, the decisions ahead, one event, the agreement
/// record, the exports. Everyone signed in reads it; nothing here changes data.
/// </summary>
public sealed class TimetableQueries(IDbContextFactory<EngagementHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The furthest <see cref="AheadOfTheAgendaAsync"/> looks ahead, in weeks: a year.</summary>
    public const int MaxWeeksAhead = 52;

    /// <summary>One financial year: one query each for the events, the organisations, the exercises and the communities.</summary>
    /// <returns>The year's agreement record, its events as <paramref name="filter"/> selects them (with the whole
    /// year's count; an event belongs to every year it overlaps, so one running past 31 March is in both years), the
    /// organisations' lanes, the exercises and the warnings; a year nobody has planned has no events. Refuses nobody: anyone in the partnership may read it.</returns>
    public async Task<TimetableYear> YearAsync(FinancialYear year, TimetableFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new TimetableFilter();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var timetable = await db.AnnualTimetables.AsNoTracking().Include(t => t.Agreements).Include(t => t.Changes).Include(t => t.ChangeChecks).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Year == year.StartYear, ct);
        var all = await EventsOf(db, year).ToListAsync(ct);
        var organisations = await OrganisationsAsync(db, ct);
        var exercises = await ExerciseSpansAsync(db, year.Start, year.End, LinkedExercises(all), ct);
        var communities = await db.Communities.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var localities = organisations.Values.Where(o => o.Kind == OrganisationKind.Locality).ToDictionary(o => o.Id, o => o.Name);

        var shown = all.Where(filter.Matches).ToList();
        var lanes = shown.Select(e => e.OrganisationId).Distinct()
            .Select(id => organisations.GetValueOrDefault(id) ?? new TimetableOrganisation(id, $"Organisation {id}", null, OrganisationKind.Partnership))
            .OrderBy(o => LaneOrder(o.Kind)).ThenBy(o => o.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ToList();
        var warnings = TimetableAnalysis.Warnings(year, all, exercises, communities, localities);
        return new TimetableYear(year, timetable, shown, all.Count, lanes, organisations, exercises, warnings);
    }

    /// <summary>
    /// The decision points of the next <paramref name="weeks"/> weeks (1 to 52), and whether engagement lands before
    /// each. Given a <paramref name="year"/>, only that financial year's: a timetable page lists its own year's decisions,
    /// so a 2027/28 page never lists December 2026 ones (empty when the year is past or starts after the window).
    /// </summary>
    /// <returns>The decisions from today's UK date on, soonest first, each with when its engagement reports; refuses nobody.</returns>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="weeks"/> is outside 1 to <see cref="MaxWeeksAhead"/> (the page offers fixed choices, so another
    /// number is a fault in the caller, not a person's input, and is not quietly narrowed).
    /// </exception>
    public async Task<IReadOnlyList<DecisionOutlook>> AheadOfTheAgendaAsync(int weeks, FinancialYear? year = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(weeks, MaxWeeksAhead);
        var today = UkTime.Today(clock);
        var until = today.AddDays(weeks * 7);
        var from = year is { } y && y.Start > today ? y.Start : today;
        if (year is { } shown && shown.End < until)
        {
            until = shown.End;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var decisions = await db.TimetableEvents.AsNoTracking()
            .Where(e => e.Kind == TimetableEventKind.DecisionPoint && e.StartDate >= from && e.StartDate <= until)
            .ToListAsync(ct);
        var exercises = await ExerciseSpansAsync(db, today.AddYears(-1), until, LinkedExercises(decisions), ct);
        return TimetableAnalysis.AheadOfTheAgenda(decisions, exercises, today, weeks);
    }

    /// <summary>
    /// One event for its page, with the names of its organisation, the exercises it links and the cycle it was generated
    /// from, and its year's agreement record. For everyone signed in to read; refuses nobody.
    /// </summary>
    /// <returns>The event's details, untracked, or null when there is none with that id.</returns>
    /// <exception cref="Exception">The database's own failure.</exception>
    public async Task<EventDetails?> GetEventAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await db.TimetableEvents.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return null;
        }

        var organisation = (await db.OrganisationNamesAsync([e.OrganisationId], ct)).GetValueOrDefault(e.OrganisationId);
        var exerciseIds = e.ExerciseIds;
        var titles = exerciseIds.Count == 0 ? []
            : await db.Exercises.AsNoTracking().Where(x => exerciseIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Title, ct);
        var template = e.CycleTemplateId is { } templateId
            ? await db.CycleTemplates.AsNoTracking().Where(t => t.Id == templateId).Select(t => t.Name).FirstOrDefaultAsync(ct)
            : null;
        int[] years = [.. e.YearsSpanned()];
        var timetables = await db.AnnualTimetables.AsNoTracking().Where(t => years.Contains(t.Year)).OrderBy(t => t.Year).ToListAsync(ct);
        return new EventDetails(e, organisation ?? $"Organisation {e.OrganisationId}",
            [.. exerciseIds.Select(x => new LinkedExercise(x, titles.GetValueOrDefault(x, $"Exercise {x}")))], template, timetables);
    }

    /// <summary>The agreement record of every year that has one, for a form whose dates may be moved into any year (an
    /// event's form warns about each year its change touches: <see cref="TimetableTerms.ChangeNotices"/>). One small row a year.</summary>
    /// <returns>The records in year order, untracked, without their change logs; empty when no year has been proposed.
    /// Refuses nobody: anyone in the partnership may read them.</returns>
    public async Task<IReadOnlyList<AnnualTimetable>> TimetablesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AnnualTimetables.AsNoTracking().OrderBy(t => t.Year).ToListAsync(ct);
    }

    /// <summary>The agreement record of a year, or null while nobody has proposed it.</summary>
    /// <returns>The agreement record, untracked; null while nobody has proposed the year. Refuses nobody: anyone in the
    /// partnership may read it.</returns>
    public async Task<AnnualTimetable?> TimetableAsync(FinancialYear year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AnnualTimetables.AsNoTracking().FirstOrDefaultAsync(t => t.Year == year.StartYear, ct);
    }

    /// <summary>The events of every year that link an exercise, for the exercise's own page.</summary>
    /// <returns>Those events in date order, untracked; empty when none links the exercise. Refuses nobody: anyone in
    /// the partnership may read it.</returns>
    public async Task<IReadOnlyList<TimetableEvent>> EventsForExerciseAsync(int exerciseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TimetableEvents.AsNoTracking()
            .Where(e => e.ExerciseIds.Contains(exerciseId))
            .InDateOrder()
            .ToListAsync(ct);
    }

    /// <summary>Every exercise an event may link, newest first (cancelled ones too: an old event may still name one).</summary>
    /// <returns>Each exercise's id, title and dates, newest first; empty when there are none. Refuses nobody: anyone in
    /// the partnership may read it.</returns>
    public async Task<IReadOnlyList<ExerciseChoice>> ExerciseChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Exercises.AsNoTracking()
            .OrderByDescending(x => x.StartDate).ThenBy(x => x.Title)
            .Select(x => new ExerciseChoice(x.Id, x.Title, x.StartDate, x.EndDate))
            .ToListAsync(ct);
    }

    /// <summary>A year's events as the filter selects them (every event that overlaps the year, with its own dates), with
    /// names in place of ids, for CSV and Excel.</summary>
    /// <returns>One row per event <paramref name="filter"/> selects, in date order; empty when none. Refuses nobody:
    /// anyone in the partnership may read it.</returns>
    public async Task<IReadOnlyList<TimetableExportRow>> ExportAsync(FinancialYear year, TimetableFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = (await EventsOf(db, year).ToListAsync(ct)).Where(filter.Matches).ToList();
        var organisations = await OrganisationsAsync(db, ct);
        var exerciseIds = events.SelectMany(e => e.ExerciseIds).Distinct().ToList();
        var titles = await db.Exercises.AsNoTracking().Where(x => exerciseIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Title, ct);
        return [.. events.Select(e => new TimetableExportRow(
            e,
            organisations.TryGetValue(e.OrganisationId, out var o) ? o.Name : $"Organisation {e.OrganisationId}",
            [.. e.ExerciseIds.Select(id => titles.GetValueOrDefault(id, $"Exercise {id}"))]))];
    }

    /// <summary>A financial year's events in date order: every event that shares a day with it, also one that started in
    /// the year before or runs on into the next.</summary>
    private static IQueryable<TimetableEvent> EventsOf(EngagementHubDbContext db, FinancialYear year) =>
        db.TimetableEvents.AsNoTracking().Overlapping(year, year).InDateOrder();

    /// <summary>Every organisation (inactive ones too: old events still name them) by id, with the names a timetable shows.</summary>
    private static async Task<Dictionary<int, TimetableOrganisation>> OrganisationsAsync(EngagementHubDbContext db, CancellationToken ct) =>
        await db.Organisations.AsNoTracking()
            .Select(o => new TimetableOrganisation(o.Id, o.Name, o.ShortName, o.Kind))
            .ToDictionaryAsync(o => o.Id, ct);

    /// <summary>
    /// The exercises running or deciding between two days, and those the given events link to wherever they fall
    /// (a decision in April may be informed by engagement that reported in March).
    /// </summary>
    internal static async Task<List<ExerciseSpan>> ExerciseSpansAsync(
        EngagementHubDbContext db, DateOnly from, DateOnly to, int[] linked, CancellationToken ct)
    {
        var rows = await db.Exercises.AsNoTracking()
            .Where(x => x.State != ExerciseState.Cancelled
                        && ((x.StartDate <= to && (x.EndDate >= from || x.DecisionDate >= from)) || linked.Contains(x.Id)))
            .Select(x => new { x.Id, x.Title, x.LeadCommissionerId, x.StartDate, x.EndDate, x.DecisionDate, x.CommunityIds, x.LocalityIds })
            .ToListAsync(ct);
        return [.. rows.Select(x => new ExerciseSpan(x.Id, x.Title, x.LeadCommissionerId, x.StartDate, x.EndDate, x.DecisionDate, x.CommunityIds, x.LocalityIds))];
    }

    private static int[] LinkedExercises(IEnumerable<TimetableEvent> events) => [.. events.SelectMany(e => e.ExerciseIds).Distinct()];

    private static int LaneOrder(OrganisationKind kind) => Array.IndexOf(LaneKinds, kind) is var i and >= 0 ? i : LaneKinds.Length;

    private static readonly OrganisationKind[] LaneKinds =
    [
        OrganisationKind.Link, OrganisationKind.Commissioner, OrganisationKind.Partnership, OrganisationKind.Scrutiny,
        OrganisationKind.Provider, OrganisationKind.Regulator, OrganisationKind.VoluntarySector, OrganisationKind.Locality,
    ];
}
