using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// Commissioning-cycle templates: administrators keep them; an organisation's editors generate a year's events from one.
/// </summary>
public sealed class CycleTemplateService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, TimeProvider clock)
{
    /// <returns>Every template, by name. Refuses nobody: anyone in the partnership may read it.</returns>
    public async Task<IReadOnlyList<CycleTemplate>> TemplatesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CycleTemplates.AsNoTracking().OrderBy(t => t.Name).ToListAsync(ct);
    }

    /// <summary>Whether <paramref name="actor"/> may add and change commissioning-cycle templates.</summary>
    /// <returns>True for an administrator; a question, it refuses nothing.</returns>
    public static bool CanEditTemplates(Actor actor) => OrganisationAccess.CanAdminister(actor);

    /// <summary>
    /// Whether <paramref name="actor"/> may generate a commissioning cycle's events for <paramref name="organisationId"/>:
    /// generating adds events to that organisation's timetable, so its timetable editors may
    /// (<see cref="TimetableEventService.CanEdit"/>), which <see cref="GenerateCycleAsync"/> checks.
    /// </summary>
    /// <returns>True for the organisation's editors; a question for the page, it refuses nothing.</returns>
    public static bool CanGenerateCycle(Actor actor, int organisationId) => TimetableEventService.CanEdit(actor, organisationId);

    /// <summary>Adds (id null) or changes a commissioning-cycle template. Admins only; events already generated keep their dates.</summary>
    /// <returns>The template's id; field messages (on "Name", "Description" and each stage's "Stages[i]": missing, over
    /// <see cref="CycleTemplate.MaxNameLength"/> or <see cref="CycleTemplate.MaxDescriptionLength"/> characters; on "Name"
    /// also when another template has the name, also when it was saved a moment before), nothing saved; or a failure when the template was removed or someone saved it since
    /// <paramref name="version"/> (refusals come back as outcomes, like every timetable operation's).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public async Task<Outcome<int>> SaveTemplateAsync(
        Actor actor, int? id, string name, string? description, IReadOnlyList<CycleStage> stages, Guid version, SubmissionKey key = default,
        CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "edit a commissioning cycle");
        // Every message at once: a long description is named together with the name's and the stages'.
        if (CycleTemplate.Check(name, stages).Concat(InputValidation.CheckText(("Description", description)))
                .Append(InputValidation.TooLong(nameof(CycleTemplate.Description), description, CycleTemplate.MaxDescriptionLength, "The description"))
                .OfType<FieldError>().ToArray() is { Length: > 0 } errors)
        {
            return Outcome<int>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (id is null && await db.EarlierIdAsync(actor, key, nameof(CycleTemplate), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        async Task<FieldError?> NameTakenAsync() =>
            await db.CycleTemplates.AnyAsync(t => t.Name.ToLower() == name.Trim().ToLower() && t.Id != id, ct)
                ? new FieldError(nameof(CycleTemplate.Name), "Another cycle already has this name.")
                : null;

        if (await NameTakenAsync() is { } taken)
        {
            return Outcome<int>.Invalid(taken);
        }

        if (id is { } existingId)
        {
            // The administrator's right was checked above: it does not depend on the template.
            var saved = await db.ChangeAsync(actor, access, () => db.CycleTemplates.FirstOrDefaultAsync(t => t.Id == existingId, ct),
                "This commissioning cycle no longer exists: someone removed it. Your changes were not saved.",
                t => new ChangedRow(nameof(CycleTemplate), t.Id, "commissioning cycle"), refuse: null,
                template =>
                {
                    template.Update(name, description, stages.Select(s => s with { Name = s.Name.Trim() }));
                    return Task.FromResult(Outcome.Success);
                },
                ct, seenVersion: version, taken: NameTakenAsync);
            return saved.Succeeded ? Outcome<int>.Ok(existingId) : Outcome<int>.From(saved);
        }

        var template = new CycleTemplate(name.Trim(), InputValidation.Clean(description), stages.Select(s => s with { Name = s.Name.Trim() }));
        db.CycleTemplates.Add(template);
        return await db.SaveOnceAsync(actor, key, nameof(CycleTemplate), () => template.Id, clock, taken: NameTakenAsync, ct);
    }

    /// <summary>
    /// Generates an organisation's events for a year from a commissioning-cycle template; they can then be edited. The
    /// events and their note in the year's change log are saved in one transaction. One intent is one template for one
    /// organisation and year, whoever asks and from however many tabs: the database keeps each stage once per organisation
    /// and year (a unique index), so a second generation that raced past the check adds nothing and is told so.
    /// </summary>
    /// <returns>How many events were added (one for each stage the year did not hold yet: a stage moved in from the year
    /// before stays as it is), or a failure when the template is gone, two of its stages share a name (saved before that
    /// was refused), or the year already has all its stages (also when they were generated a moment before).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of <paramref name="organisationId"/>.</exception>
    public async Task<Outcome<int>> GenerateCycleAsync(Actor actor, int templateId, int organisationId, FinancialYear year, CancellationToken ct = default)
    {
        access.EnsureCanActFor(actor, organisationId, "generate a commissioning cycle");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.CycleTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct);
        if (template is null)
        {
            return Outcome<int>.Failed("That commissioning cycle no longer exists.");
        }

        // A stage the year holds already (generated before, or moved in from the year before: the database keeps each
        // stage once per organisation and year) is left as it is; the others are added.
        var held = await StagesHeldAsync(db, templateId, organisationId, year, ct);
        if (template.Stages.All(s => held.Contains(s.Name)))
        {
            return AlreadyGenerated(template, year);
        }

        if (template.Stages.GroupBy(s => s.Name.Trim()).FirstOrDefault(g => g.Count() > 1) is { } repeated)
        {
            return Outcome<int>.Failed($"Two stages of '{UntrustedText.Isolate(template.Name)}' are both called '{UntrustedText.Isolate(repeated.Key)}', so its stages cannot be told apart. Ask an administrator to rename one.");
        }

        var now = clock.GetUtcNow();
        var events = template.Instantiate(organisationId, year).Select((details, i) => (Details: details, Stage: template.Stages[i].Name))
            .Where(x => !held.Contains(x.Stage))
            .Select(x =>
            {
                var e = new TimetableEvent(x.Details, now);
                e.MarkGeneratedFrom(template.Id, x.Stage);
                return e;
            }).ToList();
        db.TimetableEvents.AddRange(events);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.ActingAs(actor).SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same cycle was generated a moment ago (another tab, a colleague): the unique index on the organisation,
            // year, template and stage refused these events. Anything else is rethrown.
            if (await db.TakenMeanwhileAsync(transaction, async () => (await StagesHeldAsync(db, templateId, organisationId, year, ct)).Count > held.Count
                    ? AlreadyGenerated(template, year) : null) is { } already)
            {
                return already;
            }

            throw;
        }

        await TimetableChangeLog.RecordAsync(db, actor, year.StartYear, null, organisationId, TimetableChangeLog.CycleAdded(template, events.Count), clock, ct);
        await transaction.CommitAsync(ct);
        return Outcome<int>.Ok(events.Count);
    }

    private static async Task<HashSet<string>> StagesHeldAsync(EngagementHubDbContext db, int templateId, int organisationId, FinancialYear year, CancellationToken ct) =>
        [.. await db.TimetableEvents.Where(e => e.OrganisationId == organisationId && e.Year == year.StartYear && e.CycleTemplateId == templateId && e.CycleStage != null)
            .Select(e => e.CycleStage!).ToListAsync(ct)];

    private static Outcome<int> AlreadyGenerated(CycleTemplate template, FinancialYear year) =>
        Outcome<int>.Failed($"Your {year.Label} timetable already has every stage of '{UntrustedText.Isolate(template.Name)}'. Edit them, or remove them first to start again.");
}
