using System.Linq.Expressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
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
    private static readonly OrganisationKind[] PlanningKinds =
        [OrganisationKind.Link, OrganisationKind.Commissioner, OrganisationKind.Partnership, OrganisationKind.Scrutiny];

    /// <summary>Whether an organisation of <paramref name="kind"/> is asked to agree the year unless the proposer chooses
    /// otherwise: the kinds that keep a timetable (<see cref="PlanningKinds"/>).</summary>
    /// <returns>True for the LINk, commissioners, partnerships and scrutiny; a question, it refuses nothing.</returns>
    public static bool AgreesByDefault(OrganisationKind kind) => PlanningKinds.Contains(kind);

    /// <summary>
    /// What the proposal form offers as the organisations asked to agree: every active organisation but the proposer's
    /// own, which agrees by proposing (<see cref="AnnualTimetable.Propose"/> adds it). The same rule as
    /// <see cref="ProposeAsync"/>'s check, so the form offers exactly what the proposal takes.
    /// </summary>
    /// <param name="actor">The person proposing, as signed in.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The options in the directory's order: the kinds that keep a timetable first, localities last
    /// (<see cref="AgreesByDefault"/> picks the usual ones). Refuses nobody: the directory is the partnership's.</returns>
    public async Task<IReadOnlyList<OrganisationOption>> ParticipantChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OrganisationChoice.OptionsAsync(db, MayTakePartWith(actor.OrganisationId ?? 0), ct: ct);
    }

    // Who may be asked to agree a proposal: anyone but the proposer, who agrees by proposing (the form's choices and the check).
    private static Expression<Func<Organisation, bool>> MayTakePartWith(int proposerId) => o => o.Id != proposerId;

    /// <summary>
    /// What <paramref name="actor"/> may do now in <paramref name="year"/>'s agreement round, for the organisation they act
    /// for, as the year's agreement panel offers it.
    /// </summary>
    /// <param name="actor">The person asking, as signed in.</param>
    /// <param name="year">The year as read for the timetable page.</param>
    /// <param name="today">The UK date today: a year that is over has no changes left to check.</param>
    /// <returns>The steps open to them; <see cref="TimetableAgreementSteps.None"/> when they act for no organisation. A
    /// question: it refuses nothing.</returns>
    public static TimetableAgreementSteps StepsOpenTo(Actor actor, TimetableYear year, DateOnly today)
    {
        if (actor.OrganisationId is not { } own || !OrganisationAccess.CanActFor(actor, own))
        {
            return TimetableAgreementSteps.None;
        }

        var timetable = year.Timetable;
        return new TimetableAgreementSteps(
            Propose: timetable?.OpenToProposal ?? true,
            Agree: timetable?.AwaitingAgreementFrom.Contains(own) == true,
            AskForChanges: timetable is { Status: TimetableStatus.Proposed } && timetable.ParticipantIds.Contains(own),
            CheckChanges: timetable?.ChangesToCheckFor(own, today).Any() == true);
    }

    /// <summary>
    /// Sends the year's timetable to the chosen organisations for agreement, on behalf of the actor's organisation. A year
    /// proposed again tells them how many changes its change log holds since the last proposal (ADR 7).
    /// </summary>
    /// <returns>Success; a field message when a chosen organisation is no longer active; or the timetable's refusal
    /// (already out for agreement, nothing changed since agreement, too few organisations, note too long), also when
    /// someone proposed it a moment before this save.</returns>
    /// <exception cref="AccessDeniedException">The actor may not act for an organisation.</exception>
    public async Task<Outcome> ProposeAsync(Actor actor, FinancialYear year, IReadOnlyCollection<int> participantIds, string? note, CancellationToken ct = default)
    {
        var own = OwnOrganisation(actor, "propose the annual timetable");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // The proposer's own organisation, sent along, is no choice: it agrees by proposing.
        IReadOnlyCollection<int> active = [.. participantIds.Where(id => id != own).Distinct()];
        if (await OrganisationChoice.CheckAllAsync(db, "ParticipantIds", active, "Some of the chosen organisations no longer exist. Choose again.",
                MayTakePartWith(own), ct: ct) is { } notActive)
        {
            return Outcome.Invalid(notActive);
        }

        return await ChangeAsync(db, actor, () => LoadOrCreateAsync(db, year, ct), null, null, async timetable =>
        {
            var lastProposed = timetable.ProposedAt;
            var outcome = timetable.Propose(active, own, actor.DisplayName, note, clock.GetUtcNow());
            if (outcome.Succeeded)
            {
                // The partners are pointed to what changed since they were last asked: nothing is noted before a year's
                // first proposal, so every note from that moment on came with or after it. Compared once read, as SQLite
                // cannot compare the stored moments in a query.
                var changes = lastProposed is { } since
                    ? (await db.TimetableChanges.AsNoTracking().Where(c => c.TimetableId == timetable.Id).Select(c => c.At).ToListAsync(ct)).Count(at => at >= since)
                    : 0;
                await TimetableNotices.TimetableProposedAsync(db, actor, timetable, changes, clock.GetUtcNow(), ct);
            }

            return outcome;
        }, null, ct,
            // The unique index on the year (two partners proposing the year's first timetable at once), or the one on the
            // round's agreements (two people of one organisation proposing the same round): the round is out already.
            raced: async () => await db.AnnualTimetables.AnyAsync(t => t.Year == year.StartYear && t.Status == TimetableStatus.Proposed, ct)
                ? $"Someone proposed the {year.Label} timetable a moment ago. Reload to see it."
                : null);
    }

    /// <summary>Records the agreement of the actor's organisation to the proposed year, unless someone saved it since <paramref name="version"/>.</summary>
    /// <returns>Success, or a failure saying why not (not proposed, not out for agreement, already agreed, changed first by
    /// someone, a colleague agreeing for the organisation a moment before, by name).</returns>
    /// <exception cref="AccessDeniedException">The actor may not act for an organisation, or theirs was not asked to agree.</exception>
    public async Task<Outcome> AgreeAsync(Actor actor, FinancialYear year, Guid version, CancellationToken ct = default)
    {
        var own = OwnOrganisation(actor, "agree the annual timetable");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChangeAsync(db, actor, () => LoadAsync(db, year, ct), $"The {year.Label} timetable has not been proposed yet.",
            timetable => NotAskedToAgree(timetable, own, "agree the annual timetable", year),
            async timetable =>
            {
                var outcome = timetable.Agree(own, actor.DisplayName, clock.GetUtcNow());
                if (outcome.Succeeded)
                {
                    await TimetableNotices.TimetableAgreedAsync(db, actor, timetable, clock.GetUtcNow(), ct);
                }

                return outcome;
            }, version, ct,
            // The unique index on the round's agreements: a colleague agreed for the organisation a moment ago.
            raced: async () => await db.TimetableAgreements
                .Where(a => db.AnnualTimetables.Any(t => t.Id == a.TimetableId && t.Year == year.StartYear && t.Round == a.Round) && a.OrganisationId == own)
                .Select(a => a.AgreedBy).FirstOrDefaultAsync(ct) is { } agreedBy
                ? $"{agreedBy} agreed this timetable for your organisation a moment ago. Reload to see it."
                : null);
    }

    /// <summary>
    /// Sends a proposed year back with what should change, unless someone saved it since <paramref name="version"/>: the
    /// proposer and every other partner of the round are told.
    /// </summary>
    /// <returns>Success, a field message on the comment, or a failure saying why not (not proposed, not out for agreement,
    /// changed first by someone).</returns>
    /// <exception cref="AccessDeniedException">The actor may not act for an organisation, or theirs was not asked to agree
    /// (logged, as <see cref="AgreeAsync"/>).</exception>
    public async Task<Outcome> RequestChangesAsync(Actor actor, FinancialYear year, string comment, Guid version, CancellationToken ct = default)
    {
        const string action = "ask for changes to the annual timetable";
        var own = OwnOrganisation(actor, action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChangeAsync(db, actor, () => LoadAsync(db, year, ct), $"The {year.Label} timetable has not been proposed yet.",
            timetable => NotAskedToAgree(timetable, own, action, year),
            async timetable =>
            {
                var outcome = timetable.RequestChanges(own, actor.DisplayName, comment);
                if (outcome.Succeeded)
                {
                    await TimetableNotices.TimetableChangesRequestedAsync(db, actor, timetable, comment, clock.GetUtcNow(), ct);
                }

                return outcome;
            }, version, ct);
    }

    /// <summary>
    /// Records that the actor's organisation checked the changes other partners made to the agreed year since its
    /// agreement, up to the latest change the actor's screen listed, and needs nothing agreed again: the year leaves the
    /// organisation's "My work" until it is changed again (ADR 7). Nobody else is told: the year stays "changed since
    /// agreement", and any partner may still propose it again.
    /// </summary>
    /// <param name="actor">The person recording it, an editor or administrator of a partner of the year.</param>
    /// <param name="year">The year.</param>
    /// <param name="seenUpToChangeId">The id of the latest change the screen listed.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>Success; or a failure saying why not (never agreed, nothing left to check, changed again since the screen
    /// was read, a colleague recording the same check a moment before, by name).</returns>
    /// <exception cref="AccessDeniedException">The actor may not act for an organisation, or theirs did not take part in
    /// the year's agreement (logged).</exception>
    public async Task<Outcome> CheckChangesAsync(Actor actor, FinancialYear year, int seenUpToChangeId, CancellationToken ct = default)
    {
        const string action = "record the timetable's changes as checked";
        var own = OwnOrganisation(actor, action);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChangeAsync(db, actor,
            () => db.AnnualTimetables.Include(t => t.Changes.Where(c => c.OrganisationId != own)).Include(t => t.ChangeChecks.Where(c => c.OrganisationId == own))
                .AsSplitQuery().FirstOrDefaultAsync(t => t.Year == year.StartYear, ct),
            $"The {year.Label} timetable has not been agreed yet.",
            timetable => timetable.ParticipantIds.Contains(own)
                ? null
                : new Refusal(action, $"timetable {year.Label}", "Your organisation did not take part in agreeing this timetable."),
            timetable =>
            {
                var outcome = timetable.CheckChanges(own, seenUpToChangeId, actor.DisplayName, clock.GetUtcNow());
                if (outcome.Succeeded)
                {
                    // Saved with the year's row: a change to the year saved meanwhile (which saves it too) makes this
                    // check decided again on it, and refused as not shown (AnnualTimetable.CheckChanges).
                    db.SaveUnderItsVersion(timetable);
                }

                return Task.FromResult(outcome);
            },
            null, ct, decideAgainOnConflict: true,
            // The unique index on the checks: a colleague recorded the same check for the organisation a moment ago.
            raced: async () => await db.TimetableChangeChecks
                .Where(c => db.AnnualTimetables.Any(t => t.Id == c.TimetableId && t.Year == year.StartYear) && c.OrganisationId == own)
                .OrderByDescending(c => c.UpToChangeId).Select(c => c.CheckedBy).FirstOrDefaultAsync(ct) is { } checkedBy
                ? $"{checkedBy} recorded these changes as checked for your organisation a moment ago."
                : null);
    }

    /// <summary>The refusal of a round's step to an organisation that was not asked to agree the year out for agreement.</summary>
    private static Refusal? NotAskedToAgree(AnnualTimetable timetable, int own, string action, FinancialYear year) =>
        timetable.Status == TimetableStatus.Proposed && !timetable.ParticipantIds.Contains(own)
            ? new Refusal(action, $"timetable {year.Label}", "Your organisation was not asked to agree this timetable.")
            : null;

    private int OwnOrganisation(Actor actor, string action)
    {
        access.EnsureCanActFor(actor, actor.OrganisationId ?? -1, action);
        return actor.OrganisationId!.Value;
    }

    /// <summary>
    /// Every step of a round: <see cref="ChangePath"/> on the year's timetable (the caller checked the actor acts for an
    /// organisation). A save a unique index refuses, one that raced past the step's own check, is answered by
    /// <paramref name="raced"/>, the step's look-up of what the other person saved (<see cref="Submissions.TakenMeanwhileAsync"/>).
    /// </summary>
    /// <exception cref="DbUpdateException">The save failed and <paramref name="raced"/> found no such save (or there is none).</exception>
    private async Task<Outcome> ChangeAsync(
        EngagementHubDbContext db, Actor actor, Func<Task<AnnualTimetable?>> load, string? gone, Func<AnnualTimetable, Refusal?>? refuse,
        Func<AnnualTimetable, Task<Outcome>> apply, Guid? version, CancellationToken ct, Func<Task<string?>>? raced = null, bool decideAgainOnConflict = false)
    {
        try
        {
            return await db.ChangeAsync(actor, access, load, gone, t => new ChangedRow(nameof(AnnualTimetable), t.Id, "timetable"), refuse, apply, ct,
                seenVersion: version, decideAgainOnConflict: decideAgainOnConflict);
        }
        catch (DbUpdateException) when (raced is not null)
        {
            // One SaveChanges, already undone: nothing to roll back.
            if (await db.TakenMeanwhileAsync(null, raced) is { } problem)
            {
                return Outcome.Failed(problem);
            }

            throw;
        }
    }

    private static Task<AnnualTimetable?> LoadAsync(EngagementHubDbContext db, FinancialYear year, CancellationToken ct) =>
        db.AnnualTimetables.Include(t => t.Agreements).FirstOrDefaultAsync(t => t.Year == year.StartYear, ct);

    private static async Task<AnnualTimetable?> LoadOrCreateAsync(EngagementHubDbContext db, FinancialYear year, CancellationToken ct)
    {
        var timetable = await LoadAsync(db, year, ct);
        if (timetable is null)
        {
            timetable = new AnnualTimetable(year);
            db.AnnualTimetables.Add(timetable);
        }

        return timetable;
    }
}
