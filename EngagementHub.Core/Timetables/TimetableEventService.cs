using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// Adds, changes and removes the events of the annual timetable. Each organisation's editors edit its own events. Each
/// change is saved with its note in the year's change log (<see cref="TimetableChangeLog"/>) in one transaction.
/// </summary>
public sealed class TimetableEventService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, TimeProvider clock)
{
    /// <summary>The organisation's editors keep its timetable; a question for the page, it refuses nothing.</summary>
    /// <returns>Whether <paramref name="actor"/> may add, change and remove the events of <paramref name="organisationId"/>.</returns>
    public static bool CanEdit(Actor actor, int organisationId) => OrganisationAccess.CanActFor(actor, organisationId);

    /// <summary>
    /// Adds an event to its organisation's timetable, and notes it in the change log of every year its days fall in that
    /// has been proposed (one running past 31 March is in both years, ADR 7), whose partners are told as of any change.
    /// A second submission of the same form (<paramref name="key"/>) adds nothing and returns the first one's id.
    /// </summary>
    /// <returns>The new event's id, or field messages.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the event's organisation.</exception>
    public async Task<Outcome<int>> CreateEventAsync(Actor actor, TimetableEventInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        access.EnsureCanActFor(actor, input.OrganisationId ?? -1, "add a timetable event");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.EarlierIdAsync(actor, key, nameof(TimetableEvent), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        if (await CheckAsync(db, input, ct) is { Length: > 0 } errors)
        {
            return Outcome<int>.Invalid(errors);
        }

        var added = new TimetableEvent(input, clock.GetUtcNow());
        db.TimetableEvents.Add(added);
        // The event (for its id), its change-log note and the submission key land in one transaction.
        var saved = await db.SaveOnceAsync(actor, key, nameof(TimetableEvent), () => added.Id, clock, ct,
            notify: () => TimetableChangeLog.RecordInYearsAsync(db, actor, added.YearsSpanned(), added.Id, added.OrganisationId, TimetableChangeLog.Added(added), clock, ct));
        return Outcome<int>.Ok(saved);
    }

    /// <summary>
    /// Changes an event, unless someone saved it since <paramref name="input"/>' version was read, and notes what a
    /// partner would notice in the change log of every year its days fell in before the change or fall in after it (a
    /// consultation's end moved from May to June is noted in the year it starts in and the next, ADR 7), whose partners
    /// are told as of any change.
    /// </summary>
    /// <returns>Success; field messages (among them, on "StartDate", a generated stage moved into a year that holds its
    /// own stage of the same cycle, also when it came a moment before); or a failure saying the event is gone or who
    /// changed it first.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the event's organisation.</exception>
    public async Task<Outcome> UpdateEventAsync(Actor actor, int id, TimetableEventInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        string? summary = null;
        int[] yearsBefore = [];
        (int OrganisationId, int TemplateId, string Stage, FinancialYear Year)? movedStage = null;
        return await db.ChangeAsync(actor, access, () => LoadAsync(db, id, ct), "This event no longer exists: someone removed it.", Row,
            existing => CanEdit(actor, existing.OrganisationId) ? null : Refusal.NotActingFor(existing.OrganisationId, "edit a timetable event"),
            async existing =>
            {
                if (input.OrganisationId != existing.OrganisationId)
                {
                    return Outcome.Invalid(new FieldError(nameof(input.OrganisationId), "An event stays with its organisation. Add a new one for the other organisation instead."));
                }

                if (await CheckAsync(db, input, ct) is { Length: > 0 } errors)
                {
                    return Outcome.Invalid(errors);
                }

                // A generated stage moved into another financial year may not meet that year's own stage of the same cycle
                // (the database keeps each stage once per organisation and year).
                if (existing.CycleTemplateId is not null && existing.CycleStage is not null && input.StartDate is { } start
                    && FinancialYear.Containing(start).StartYear != existing.Year)
                {
                    movedStage = (existing.OrganisationId, existing.CycleTemplateId.Value, existing.CycleStage, FinancialYear.Containing(start));
                    if (await StageTakenAsync(db, id, movedStage.Value, ct) is { } taken)
                    {
                        return Outcome.Invalid(taken);
                    }
                }

                var before = TimetableEventInput.From(existing);
                yearsBefore = [.. existing.YearsSpanned()];
                existing.Update(input);
                summary = TimetableChangeLog.Describe(before, existing);
                return Outcome.Success;
            },
            ct, seenVersion: input.Version,
            // The same stage moved into, or generated for, that year a moment ago: the unique index refused this save.
            taken: async () => movedStage is { } moved ? await StageTakenAsync(db, id, moved, ct) : null,
            afterSave: async existing =>
            {
                if (summary is not null)
                {
                    // Each year its days left, and each year they reach, had (or will have) them agreed by its partners.
                    await TimetableChangeLog.RecordInYearsAsync(db, actor, yearsBefore.Concat(existing.YearsSpanned()), id, existing.OrganisationId, summary, clock, ct);
                }
            });
    }

    /// <returns>A message on "StartDate" when <paramref name="to"/>'s year holds the same stage of the same cycle for the
    /// organisation in another event than <paramref name="id"/>; else null.</returns>
    private static async Task<FieldError?> StageTakenAsync(
        EngagementHubDbContext db, int id, (int OrganisationId, int TemplateId, string Stage, FinancialYear Year) to, CancellationToken ct) =>
        await db.TimetableEvents.AnyAsync(e => e.Id != id && e.OrganisationId == to.OrganisationId && e.Year == to.Year.StartYear
                                               && e.CycleTemplateId == to.TemplateId && e.CycleStage == to.Stage, ct)
            ? new FieldError(nameof(TimetableEventInput.StartDate),
                $"The {to.Year.Label} timetable already has its own '{UntrustedText.Isolate(to.Stage)}' stage of this cycle. Keep this one within its year, or move or remove that one first.")
            : null;

    /// <summary>Removes an event, unless someone saved it since <paramref name="version"/>, and notes it in the change log of
    /// every year its days fell in (ADR 7).</summary>
    /// <returns>Success (also when the event was already gone), or a failure saying who changed it first.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the event's organisation.</exception>
    public async Task<Outcome> RemoveEventAsync(Actor actor, int id, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access, () => LoadAsync(db, id, ct), gone: null, Row,
            existing => CanEdit(actor, existing.OrganisationId) ? null : Refusal.NotActingFor(existing.OrganisationId, "remove a timetable event"),
            existing =>
            {
                db.TimetableEvents.Remove(existing);
                return Task.FromResult(Outcome.Success);
            },
            ct, seenVersion: version,
            afterSave: existing => TimetableChangeLog.RecordInYearsAsync(db, actor, existing.YearsSpanned(), id, existing.OrganisationId, TimetableChangeLog.Removed(existing), clock, ct));
    }

    private static Task<TimetableEvent?> LoadAsync(EngagementHubDbContext db, int id, CancellationToken ct) =>
        db.TimetableEvents.FirstOrDefaultAsync(e => e.Id == id, ct);

    private static ChangedRow Row(TimetableEvent e) => new(nameof(TimetableEvent), e.Id, "event");

    private static async Task<FieldError[]> CheckAsync(EngagementHubDbContext db, TimetableEventInput input, CancellationToken ct)
    {
        var errors = TimetableRules.Errors(input).ToList();
        if (input.ExerciseIds.Count > 0)
        {
            var found = await db.Exercises.CountAsync(x => input.ExerciseIds.Contains(x.Id), ct);
            if (found != input.ExerciseIds.Distinct().Count())
            {
                errors.Add(new FieldError(nameof(input.ExerciseIds), "One of the linked exercises no longer exists. Choose again."));
            }
        }

        return [.. errors];
    }
}
