using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// The partnership's shared annual timetable. Everyone signed in reads it; each organisation's editors edit its own
/// events; a year is proposed by one organisation and agreed by a member of each taking-part organisation.
/// </summary>
public sealed class TimetableService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, AuditHistory history, TimeProvider clock)
{
    /// <summary>The kinds of organisation that keep a timetable and are asked to agree the year by default.</summary>
    public static readonly OrganisationKind[] PlanningKinds =
        [OrganisationKind.Link, OrganisationKind.Commissioner, OrganisationKind.Partnership, OrganisationKind.Scrutiny];

    public static bool CanEdit(Actor actor, int organisationId) => OrganisationAccess.CanActFor(actor, organisationId);

    /// <summary>One financial year: one query each for the events, the organisations, the exercises and the communities.</summary>
    public async Task<TimetableYear> YearAsync(FinancialYear year, TimetableFilter? filter = null, CancellationToken ct = default)
    {
        filter ??= new TimetableFilter();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var timetable = await db.AnnualTimetables.AsNoTracking().Include(t => t.Agreements).Include(t => t.Changes).AsSplitQuery()
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
    public async Task<IReadOnlyList<DecisionOutlook>> AheadOfTheAgendaAsync(int weeks, FinancialYear? year = null, CancellationToken ct = default)
    {
        var today = UkTime.Today(clock);
        var until = today.AddDays(Math.Clamp(weeks, 1, 52) * 7);
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

    public async Task<TimetableEvent?> GetEventAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TimetableEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    /// <summary>The agreement record of a year, or null while nobody has proposed it.</summary>
    public async Task<AnnualTimetable?> TimetableAsync(FinancialYear year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AnnualTimetables.AsNoTracking().FirstOrDefaultAsync(t => t.Year == year.StartYear, ct);
    }

    /// <summary>The events of every year that link an exercise, for the exercise's own page.</summary>
    public async Task<IReadOnlyList<TimetableEvent>> EventsForExerciseAsync(int exerciseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.TimetableEvents.AsNoTracking()
            .Where(e => e.ExerciseIds.Contains(exerciseId))
            .InDateOrder()
            .ToListAsync(ct);
    }

    /// <summary>Every exercise an event may link, newest first (cancelled ones too: an old event may still name one).</summary>
    public async Task<IReadOnlyList<ExerciseChoice>> ExerciseChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Exercises.AsNoTracking()
            .OrderByDescending(x => x.StartDate).ThenBy(x => x.Title)
            .Select(x => new ExerciseChoice(x.Id, x.Title, x.StartDate, x.EndDate))
            .ToListAsync(ct);
    }

    /// <summary>A year's events as the filter selects them, with names in place of ids, for CSV and Excel.</summary>
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

    public async Task<IReadOnlyDictionary<int, TimetableOrganisation>> OrganisationsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OrganisationsAsync(db, ct);
    }

    /// <summary>
    /// Adds an event to its organisation's timetable. A second submission of the same form (<paramref name="key"/>) adds
    /// nothing and returns the first one's id.
    /// </summary>
    /// <returns>The new event's id, or field messages.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the event's organisation.</exception>
    public async Task<Outcome<int>> CreateEventAsync(Actor actor, TimetableEventDetails details, SubmissionKey key = default, CancellationToken ct = default)
    {
        access.EnsureCanActFor(actor, details.OrganisationId ?? -1, "add a timetable event");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.EarlierIdAsync(actor, key, nameof(TimetableEvent), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        if (await CheckAsync(db, details, ct) is { Length: > 0 } errors)
        {
            return Outcome<int>.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        var added = new TimetableEvent(details, now);
        db.TimetableEvents.Add(added);
        if (await db.SaveOnceAsync(actor, key, nameof(TimetableEvent), () => added.Id, clock, ct) is var saved && saved != added.Id)
        {
            return Outcome<int>.Ok(saved);
        }

        await RecordChangeAsync(db, actor, added.Year, added.Id, added.OrganisationId, $"Added '{UntrustedText.Isolate(added.Title)}' ({added.When}).", ct);
        return Outcome<int>.Ok(added.Id);
    }

    public async Task<Outcome> UpdateEventAsync(Actor actor, int id, TimetableEventDetails details, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.TimetableEvents.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (existing is null)
        {
            return Outcome.Failed("This event no longer exists: someone removed it.");
        }

        access.EnsureCanActFor(actor, existing.OrganisationId, "edit a timetable event");
        if (details.OrganisationId != existing.OrganisationId)
        {
            return Outcome.Invalid(new FieldError(nameof(details.OrganisationId), "An event stays with its organisation. Add a new one for the other organisation instead."));
        }

        if (await CheckAsync(db, details, ct) is { Length: > 0 } errors)
        {
            return Outcome.Invalid(errors);
        }

        var before = TimetableEventDetails.From(existing);
        var yearBefore = existing.Year;
        db.Entry(existing).Property(e => e.Version).OriginalValue = details.Version;
        existing.Update(details);
        var saved = await history.SaveOrDescribeConflictAsync(db, actor, nameof(TimetableEvent), id, "event", ct);
        if (!saved.Succeeded)
        {
            return saved;
        }

        var summary = DescribeChange(before, existing);
        if (summary is not null)
        {
            await RecordChangeAsync(db, actor, existing.Year, id, existing.OrganisationId, summary, ct);
            if (yearBefore != existing.Year)
            {
                await RecordChangeAsync(db, actor, yearBefore, id, existing.OrganisationId, summary, ct);
            }
        }

        return Outcome.Success;
    }

    public async Task<Outcome> DeleteEventAsync(Actor actor, int id, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.TimetableEvents.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (existing is null)
        {
            return Outcome.Success;
        }

        access.EnsureCanActFor(actor, existing.OrganisationId, "remove a timetable event");
        db.Entry(existing).Property(e => e.Version).OriginalValue = version;
        db.TimetableEvents.Remove(existing);
        var saved = await history.SaveOrDescribeConflictAsync(db, actor, nameof(TimetableEvent), id, "event", ct);
        if (saved.Succeeded)
        {
            await RecordChangeAsync(db, actor, existing.Year, id, existing.OrganisationId, $"Removed '{UntrustedText.Isolate(existing.Title)}' ({existing.When}).", ct);
        }

        return saved;
    }

    /// <summary>Generates an organisation's events for a year from a commissioning-cycle template; they can then be edited.</summary>
    public async Task<Outcome<int>> GenerateCycleAsync(Actor actor, int templateId, int organisationId, FinancialYear year, CancellationToken ct = default)
    {
        access.EnsureCanActFor(actor, organisationId, "generate a commissioning cycle");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.CycleTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct);
        if (template is null)
        {
            return Outcome<int>.Failed("That commissioning cycle no longer exists.");
        }

        if (await db.TimetableEvents.AnyAsync(e => e.OrganisationId == organisationId && e.Year == year.StartYear && e.CycleTemplateId == templateId, ct))
        {
            return Outcome<int>.Failed($"Your {year.Label} timetable already has the '{template.Name}' stages. Edit them, or remove them first to start again.");
        }

        var now = clock.GetUtcNow();
        var events = template.Instantiate(organisationId, year).Select((details, i) =>
        {
            var e = new TimetableEvent(details, now);
            e.MarkGeneratedFrom(template.Id, template.Stages[i].Name);
            return e;
        }).ToList();
        db.TimetableEvents.AddRange(events);
        await db.ActingAs(actor).SaveChangesAsync(ct);
        await RecordChangeAsync(db, actor, year.StartYear, null, organisationId, $"Added the {events.Count} stages of '{template.Name}'.", ct);
        return Outcome<int>.Ok(events.Count);
    }

    /// <summary>Sends the year's timetable to the chosen organisations for agreement, on behalf of the actor's organisation.</summary>
    public async Task<Outcome> ProposeAsync(Actor actor, FinancialYear year, IReadOnlyCollection<int> participantIds, string? note, CancellationToken ct = default)
    {
        var own = OwnOrganisation(actor, "propose the annual timetable");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = await db.Organisations.Where(o => o.IsActive && participantIds.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        if (active.Count != participantIds.Distinct().Count())
        {
            return Outcome.Invalid(new FieldError("ParticipantIds", "Some of the chosen organisations are no longer active. Choose again."));
        }

        var timetable = await LoadOrCreateAsync(db, year, ct);
        var outcome = timetable.Propose(active, own, actor.DisplayName, note, clock.GetUtcNow());
        if (outcome.Succeeded)
        {
            await WorkflowNotifications.TimetableProposedAsync(db, actor, timetable, clock.GetUtcNow(), ct);
        }

        return outcome.Succeeded ? await SaveTimetableAsync(db, actor, timetable, ct) : outcome;
    }

    /// <summary>Records the agreement of the actor's organisation to the proposed year.</summary>
    public async Task<Outcome> AgreeAsync(Actor actor, FinancialYear year, Guid version, CancellationToken ct = default)
    {
        var own = OwnOrganisation(actor, "agree the annual timetable");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var timetable = await db.AnnualTimetables.Include(t => t.Agreements).FirstOrDefaultAsync(t => t.Year == year.StartYear, ct);
        if (timetable is null)
        {
            return Outcome.Failed($"The {year.Label} timetable has not been proposed yet.");
        }

        if (timetable.Status == TimetableStatus.Proposed && !timetable.ParticipantIds.Contains(own))
        {
            access.Deny(actor, "agree the annual timetable", $"timetable {year.Label}");
            throw new AccessDeniedException("Your organisation was not asked to agree this timetable.");
        }

        db.Entry(timetable).Property(t => t.Version).OriginalValue = version;
        var outcome = timetable.Agree(own, actor.DisplayName, clock.GetUtcNow());
        if (outcome.Succeeded)
        {
            await WorkflowNotifications.TimetableAgreedAsync(db, actor, timetable, clock.GetUtcNow(), ct);
        }

        return outcome.Succeeded ? await SaveTimetableAsync(db, actor, timetable, ct) : outcome;
    }

    /// <summary>Sends a proposed year back with what should change.</summary>
    public async Task<Outcome> RequestChangesAsync(Actor actor, FinancialYear year, string comment, Guid version, CancellationToken ct = default)
    {
        var own = OwnOrganisation(actor, "ask for changes to the annual timetable");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var timetable = await db.AnnualTimetables.Include(t => t.Agreements).FirstOrDefaultAsync(t => t.Year == year.StartYear, ct);
        if (timetable is null)
        {
            return Outcome.Failed($"The {year.Label} timetable has not been proposed yet.");
        }

        db.Entry(timetable).Property(t => t.Version).OriginalValue = version;
        var outcome = timetable.RequestChanges(own, actor.DisplayName, comment);
        if (outcome.Succeeded)
        {
            await WorkflowNotifications.TimetableChangesRequestedAsync(db, actor, timetable, clock.GetUtcNow(), ct);
        }

        return outcome.Succeeded ? await SaveTimetableAsync(db, actor, timetable, ct) : outcome;
    }

    public async Task<IReadOnlyList<CycleTemplate>> TemplatesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CycleTemplates.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
    }

    /// <summary>Adds (id null) or changes a commissioning-cycle template. Admins only; events already generated keep their dates.</summary>
    public async Task<Outcome<int>> SaveTemplateAsync(
        Actor actor, int? id, string name, string? description, IReadOnlyList<CycleStage> stages, Guid version, SubmissionKey key = default,
        CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "edit a commissioning cycle");
        if (CycleTemplate.Check(name, stages).Concat(InputValidation.CheckText(("Description", description))).ToArray() is { Length: > 0 } errors)
        {
            return Outcome<int>.Invalid(errors);
        }

        if (InputValidation.TooLong(nameof(CycleTemplate.Description), description, CycleTemplate.MaxDescriptionLength, "The description") is { } tooLong)
        {
            return Outcome<int>.Invalid(tooLong);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (id is null && await db.EarlierIdAsync(actor, key, nameof(CycleTemplate), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        if (await db.CycleTemplates.AnyAsync(t => t.Name == name.Trim() && t.Id != id, ct))
        {
            return Outcome<int>.Invalid(new FieldError(nameof(CycleTemplate.Name), "Another cycle already has this name."));
        }

        CycleTemplate template;
        if (id is { } existingId)
        {
            template = await db.CycleTemplates.FirstOrDefaultAsync(t => t.Id == existingId, ct)
                       ?? throw new InvalidOperationException("Template not found.");
            db.Entry(template).Property(t => t.Version).OriginalValue = version;
            template.Update(name, description, stages.Select(s => s with { Name = s.Name.Trim() }));
        }
        else
        {
            template = new CycleTemplate(name.Trim(), InputValidation.Clean(description), stages.Select(s => s with { Name = s.Name.Trim() }));
            db.CycleTemplates.Add(template);
            return Outcome<int>.Ok(await db.SaveOnceAsync(actor, key, nameof(CycleTemplate), () => template.Id, clock, ct));
        }

        var saved = await history.SaveOrDescribeConflictAsync(db, actor, nameof(CycleTemplate), template.Id, "commissioning cycle", ct);
        return saved.Succeeded ? Outcome<int>.Ok(template.Id) : Outcome<int>.From(saved);
    }

    /// <summary>"Moved 'Board' from Tue 12 Jan 2027 to Tue 19 Jan 2027." — what a partner needs to know changed.</summary>
    public static string? DescribeChange(TimetableEventDetails before, TimetableEvent after)
    {
        var parts = new List<string>();
        var whenBefore = TimetableRules.DescribeWhen(before.StartDate!.Value, before.EndDate ?? before.StartDate.Value, before.StartTime, before.EndTime);
        if (whenBefore != after.When)
        {
            parts.Add($"moved from {whenBefore} to {after.When}");
        }

        if (before.Title.Trim() != after.Title)
        {
            parts.Add($"renamed from '{UntrustedText.Isolate(before.Title.Trim())}'");
        }

        if (before.Kind != after.Kind)
        {
            parts.Add($"now a {after.Kind.Label().ToLowerInvariant()}");
        }

        if (before.Visibility != after.Visibility)
        {
            parts.Add(after.Visibility == EventVisibility.Public ? "now public" : "now for partners only");
        }

        if (!before.ExerciseIds.Order().SequenceEqual(after.ExerciseIds))
        {
            parts.Add("linked exercises changed");
        }

        if (before.IsFormal != after.IsFormal || before.IsMovable != after.IsMovable
            || InputValidation.Clean(before.Description) != after.Description || InputValidation.Clean(before.Location) != after.Location)
        {
            parts.Add("details changed");
        }

        return parts.Count == 0 ? null : $"'{UntrustedText.Isolate(after.Title)}' {string.Join("; ", parts)}.";
    }

    private int OwnOrganisation(Actor actor, string action)
    {
        access.EnsureCanActFor(actor, actor.OrganisationId ?? -1, action);
        return actor.OrganisationId!.Value;
    }

    private async Task<Outcome> SaveTimetableAsync(EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, CancellationToken ct)
    {
        try
        {
            return await history.SaveOrDescribeConflictAsync(db, actor, nameof(AnnualTimetable), timetable.Id, "timetable", ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on (timetable, round, organisation): a colleague agreed for the organisation a moment ago.
            return Outcome.Failed("Someone in your organisation agreed this timetable a moment ago. Reload to see it.");
        }
    }

    /// <summary>
    /// Notes a change on the year's timetable once it has been proposed or agreed. A separate save after the event's
    /// own: a conflict on the timetable row (two partners changing it at once) is retried, never lost.
    /// </summary>
    private async Task RecordChangeAsync(EngagementHubDbContext db, Actor actor, int year, int? eventId, int organisationId, string summary, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var timetable = await db.AnnualTimetables.FirstOrDefaultAsync(t => t.Year == year, ct);
            if (timetable is null || (timetable.Status == TimetableStatus.Draft && timetable.AgreedAt is null))
            {
                return;
            }

            var (wasProposed, wasChanged) = (timetable.Status == TimetableStatus.Proposed, timetable.ChangedSinceAgreement);
            timetable.RecordChange(eventId, organisationId, actor.DisplayName, summary, clock.GetUtcNow());
            await WorkflowNotifications.TimetableChangedAsync(db, actor, timetable, wasProposed, wasChanged, summary, clock.GetUtcNow(), ct);
            try
            {
                await db.ActingAs(actor).SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>A financial year's events in date order, by the (Year, StartDate) index.</summary>
    private static IQueryable<TimetableEvent> EventsOf(EngagementHubDbContext db, FinancialYear year) =>
        db.TimetableEvents.AsNoTracking().Where(e => e.Year == year.StartYear).InDateOrder();

    private static async Task<AnnualTimetable> LoadOrCreateAsync(EngagementHubDbContext db, FinancialYear year, CancellationToken ct)
    {
        var timetable = await db.AnnualTimetables.Include(t => t.Agreements).FirstOrDefaultAsync(t => t.Year == year.StartYear, ct);
        if (timetable is null)
        {
            timetable = new AnnualTimetable(year);
            db.AnnualTimetables.Add(timetable);
        }

        return timetable;
    }

    private static async Task<FieldError[]> CheckAsync(EngagementHubDbContext db, TimetableEventDetails details, CancellationToken ct)
    {
        var errors = TimetableRules.Errors(details).ToList();
        if (details.ExerciseIds.Count > 0)
        {
            var found = await db.Exercises.CountAsync(x => details.ExerciseIds.Contains(x.Id), ct);
            if (found != details.ExerciseIds.Distinct().Count())
            {
                errors.Add(new FieldError(nameof(details.ExerciseIds), "One of the linked exercises no longer exists. Choose again."));
            }
        }

        return [.. errors];
    }

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
