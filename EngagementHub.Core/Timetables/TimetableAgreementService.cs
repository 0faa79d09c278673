using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// The agreement rounds of a year's timetable: one organisation proposes it, a member of each taking-part organisation
/// agrees it or sends it back with what should change. Each step is saved with its notices in one SaveChanges.
/// </summary>
public sealed class TimetableAgreementService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, TimeProvider clock)
{
    /// <summary>The kinds of organisation that keep a timetable and are asked to agree the year by default.</summary>
    public static readonly OrganisationKind[] PlanningKinds =
        [OrganisationKind.Link, OrganisationKind.Commissioner, OrganisationKind.Partnership, OrganisationKind.Scrutiny];

    /// <summary>Sends the year's timetable to the chosen organisations for agreement, on behalf of the actor's organisation.</summary>
    /// <returns>Success; a field message when a chosen organisation is no longer active; or the timetable's refusal
    /// (already out for agreement, nothing changed since agreement, too few organisations, note too long).</returns>
    /// <exception cref="AccessDeniedException">The actor may not act for an organisation.</exception>
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

    /// <summary>Records the agreement of the actor's organisation to the proposed year, unless someone saved it since <paramref name="version"/>.</summary>
    /// <returns>Success, or a failure saying why not (not proposed, not out for agreement, already agreed, changed first by someone).</returns>
    /// <exception cref="AccessDeniedException">The actor may not act for an organisation, or theirs was not asked to agree.</exception>
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

    /// <summary>Sends a proposed year back with what should change, unless someone saved it since <paramref name="version"/>.</summary>
    /// <returns>Success, a field message on the comment, or a failure saying why not.</returns>
    /// <exception cref="AccessDeniedException">The actor may not act for an organisation.</exception>
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

    private int OwnOrganisation(Actor actor, string action)
    {
        access.EnsureCanActFor(actor, actor.OrganisationId ?? -1, action);
        return actor.OrganisationId!.Value;
    }

    private async Task<Outcome> SaveTimetableAsync(EngagementHubDbContext db, Actor actor, AnnualTimetable timetable, CancellationToken ct)
    {
        try
        {
            return await db.SaveOrDescribeConflictAsync(actor, nameof(AnnualTimetable), timetable.Id, "timetable", ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on (timetable, round, organisation): a colleague agreed for the organisation a moment ago.
            return Outcome.Failed("Someone in your organisation agreed this timetable a moment ago. Reload to see it.");
        }
    }

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
}
