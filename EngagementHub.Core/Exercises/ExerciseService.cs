using System.Linq.Expressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Communities;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Exercises;

/// <summary>
/// Engagement exercises and the agreement of their joint-working option. Everyone signed in reads them; the lead
/// commissioner edits the exercises it leads; the LINk edits those it proposed; the two sides propose and agree.
/// </summary>
public sealed class ExerciseService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, TimeProvider clock)
{
    /// <summary>The most rows <see cref="SearchAsync"/> returns at once; a larger request gets this many.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Which side of the agreement this person speaks for on this exercise, if any.</summary>
    /// <returns>The commissioner's or the LINk's side, or null; a question, it refuses nothing.</returns>
    public static AgreementSide? SideOf(Actor actor, EngagementExercise exercise) =>
        OrganisationAccess.CanActFor(actor, exercise.LeadCommissionerId) ? AgreementSide.Commissioner
        : OrganisationAccess.CanActFor(actor, exercise.LinkOrganisationId) ? AgreementSide.Link
        : null;

    /// <summary>The lead commissioner edits its exercises; the LINk edits those it proposed.</summary>
    /// <returns>True when the actor may edit the exercise's details and state; a question, it refuses nothing.</returns>
    public static bool CanEdit(Actor actor, EngagementExercise exercise) => SideOf(actor, exercise) switch
    {
        AgreementSide.Commissioner => true,
        AgreementSide.Link => exercise.ProposedByLink,
        _ => false,
    };

    /// <summary>
    /// What <paramref name="actor"/> may do now on <paramref name="exercise"/>, as its pages offer it: edit it and move it
    /// along its life (<see cref="CanEdit"/>), move it to another commissioner (the LINk on its own proposals), and, for
    /// either side while its option can still change (<see cref="EngagementExercise.OptionCanChange"/>), propose an option
    /// or answer the other side's proposal.
    /// </summary>
    /// <param name="actor">The person asking, as signed in.</param>
    /// <param name="exercise">The exercise as loaded, with its proposals.</param>
    /// <returns>The steps open to them; <see cref="ExerciseSteps.None"/> for someone on neither side. A question: it refuses nothing.</returns>
    public static ExerciseSteps StepsOpenTo(Actor actor, EngagementExercise exercise)
    {
        if (SideOf(actor, exercise) is not { } side)
        {
            return ExerciseSteps.None;
        }

        var edit = CanEdit(actor, exercise);
        return new ExerciseSteps(
            Edit: edit,
            Moves: edit ? exercise.AllowedMoves : [],
            ChangeLead: edit && side == AgreementSide.Link && exercise.OptionCanChange,
            ProposeOption: exercise.OptionCanChange,
            Answer: exercise.ProposalAwaiting(side));
    }

    /// <summary>Editors of a commissioner (for exercises they lead) and of the LINk (proposing one) can create exercises.</summary>
    /// <returns>True when the page may offer "Create exercise"; a question, it refuses nothing.</returns>
    public static bool CanCreate(Actor actor, OrganisationKind? actorOrganisationKind) =>
        actor.Role is UserRole.Editor or UserRole.Admin && actorOrganisationKind is OrganisationKind.Commissioner or OrganisationKind.Link;

    /// <summary>
    /// Must an exercise this person creates be led by their own organisation? A commissioner creates only exercises it
    /// leads itself; the LINk proposes one for a commissioner to lead. The create form fixes the lead on this answer, and
    /// the service refuses anything else.
    /// </summary>
    /// <returns>True when the actor's own organisation is a commissioner.</returns>
    public static bool LeadsWhatItCreates(OrganisationKind? actorOrganisationKind) => actorOrganisationKind == OrganisationKind.Commissioner;

    /// <summary>
    /// One page of the exercises the filter matches, for everyone in the partnership to read. The page is clamped rather
    /// than refused: a negative <paramref name="skip"/> reads from the first row, and <paramref name="take"/> is held
    /// between 1 and <see cref="MaxPageSize"/> (the list pages ask for 10 to 100).
    /// </summary>
    /// <returns>The rows of the page and the total the filter matches; refuses nobody.</returns>
    public async Task<ExercisePage> SearchAsync(ExerciseFilter filter, int skip, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Apply(db.Exercises.AsNoTracking(), filter);
        var total = await query.CountAsync(ct);
        var rows = await Rows(db, query, Math.Max(0, skip), Math.Clamp(take, 1, MaxPageSize)).ToListAsync(ct);
        return new ExercisePage(rows, total);
    }

    /// <summary>Every row the filter matches, for export.</summary>
    /// <returns>All the rows, not paged; refuses nobody.</returns>
    public async Task<IReadOnlyList<ExerciseRow>> ExportAsync(ExerciseFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(db, Apply(db.Exercises.AsNoTracking(), filter), 0, int.MaxValue).ToListAsync(ct);
    }

    /// <summary>Exercises per option per commissioner, for the spectrum chart (exercises with a proposed option only).</summary>
    /// <returns>Counts by commissioner (short name) and option 1 to 6 (Table 2 of the study); refuses nobody.</returns>
    public async Task<IReadOnlyList<SpectrumCount>> SpectrumAsync(ExerciseFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await Apply(db.Exercises.AsNoTracking(), filter)
            .Where(e => e.CurrentOption != null)
            .GroupBy(e => new { e.LeadCommissionerId, Option = e.CurrentOption!.Value })
            .Select(g => new { g.Key.LeadCommissionerId, g.Key.Option, Count = g.Count() })
            .ToListAsync(ct);
        var names = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Commissioner).ToDictionaryAsync(o => o.Id, o => o.ShortName ?? o.Name, ct);
        return counts
            .Select(c => new SpectrumCount(c.LeadCommissionerId, names.GetValueOrDefault(c.LeadCommissionerId, "?"), c.Option, c.Count))
            .OrderBy(c => c.Commissioner).ThenBy(c => c.Option)
            .ToList();
    }

    /// <summary>
    /// One exercise for its page, with its joint-working proposals and the names of the organisations and communities it
    /// refers to. For everyone in the partnership to read.
    /// </summary>
    /// <returns>The exercise's details, untracked, or null when it does not exist; refuses nobody.</returns>
    /// <exception cref="Exception">The database's own failure.</exception>
    public async Task<ExerciseDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exercise = await db.Exercises.AsNoTracking().Include(e => e.Proposals).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (exercise is null)
        {
            return null;
        }

        var names = await db.OrganisationNamesAsync([exercise.LeadCommissionerId, exercise.LinkOrganisationId, exercise.ProposedByOrganisationId,
            .. exercise.PartnerIds, .. exercise.LocalityIds], ct);
        var communities = exercise.CommunityIds.Count == 0 ? []
            : await db.Communities.AsNoTracking().Where(c => exercise.CommunityIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Label, ct);
        string Name(int organisationId) => names.GetValueOrDefault(organisationId, Organisation.UnknownName);
        return new ExerciseDetails(exercise, Name(exercise.LeadCommissionerId), Name(exercise.LinkOrganisationId), Name(exercise.ProposedByOrganisationId),
            [.. exercise.PartnerIds.Select(Name)], [.. exercise.LocalityIds.Select(Name)],
            [.. exercise.CommunityIds.Select(c => communities.GetValueOrDefault(c, Community.UnknownName))]);
    }

    /// <summary>
    /// Creates an exercise led by <paramref name="input"/>' commissioner, with the partnership's LINk. A second
    /// submission of the same form (<paramref name="key"/>) creates nothing and returns the first one's id.
    /// </summary>
    /// <returns>The new exercise's id; field messages; a problem when the partnership has no active LINk.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of a commissioner or of the LINk.</exception>
    public async Task<Outcome<int>> CreateAsync(Actor actor, ExerciseInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.EarlierIdAsync(actor, key, nameof(EngagementExercise), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        var added = await AddAsync(db, actor, input, ct);
        if (!added.Succeeded)
        {
            return Outcome<int>.From(added);
        }

        var exercise = added.Value!;
        return Outcome<int>.Ok(await db.SaveOnceAsync(actor, key, nameof(EngagementExercise), () => exercise.Id, clock, ct,
            () => ExerciseNotices.ExerciseCreatedAsync(db, actor, exercise, clock.GetUtcNow(), ct)));
    }

    /// <summary>
    /// The one create path of an exercise: checks the actor and the details and adds the exercise to <paramref name="db"/>
    /// without saving, so a caller can save it with a record of its own in one transaction (a panel decision for further
    /// consultation). <see cref="CreateAsync"/> saves it on its own.
    /// </summary>
    /// <returns>The added exercise; field messages; a problem when the partnership has no active LINk (nothing added).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of a commissioner or of the LINk.</exception>
    internal async Task<Outcome<EngagementExercise>> AddAsync(EngagementHubDbContext db, Actor actor, ExerciseInput input, CancellationToken ct)
    {
        var own = actor.OrganisationId is { } ownId ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownId, ct) : null;
        if (own is null || !CanCreate(actor, own.Kind))
        {
            access.Deny(actor, "create an exercise", "exercises");
            throw new AccessDeniedException("Only editors of a commissioner or of the LINk can create exercises.");
        }

        if (LeadsWhatItCreates(own.Kind) && input.LeadCommissionerId != own.Id)
        {
            return Outcome<EngagementExercise>.Invalid(new FieldError(nameof(input.LeadCommissionerId), "A commissioner creates exercises it leads itself."));
        }

        if (await CheckAsync(db, input, null, ct) is { Length: > 0 } errors)
        {
            return Outcome<EngagementExercise>.Invalid(errors);
        }

        var linkId = own.Kind == OrganisationKind.Link
            ? own.Id
            : await db.Organisations.Where(o => o.Kind == OrganisationKind.Link && o.IsActive).OrderBy(o => o.Id).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        if (linkId is null)
        {
            return Outcome<EngagementExercise>.Failed("The partnership has no active LINk to work with. Ask an administrator to add it.");
        }

        var exercise = new EngagementExercise(input, linkId.Value, own.Id, clock.GetUtcNow());
        db.Exercises.Add(exercise);
        return Outcome<EngagementExercise>.Ok(exercise);
    }

    /// <summary>
    /// Changes an exercise's details (its dates are UK calendar dates). Partners added are told they are taking part, and
    /// partners taken off that they no longer are; after agreement, the others involved are told it changed.
    /// </summary>
    /// <returns>
    /// Success; field messages from <see cref="ExerciseRules.Errors"/>, or on "LeadCommissionerId" when a commissioner's
    /// exercise would move to another commissioner; a problem when it no longer exists or someone saved it first.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is neither the lead commissioner's editor nor, for its own proposals, the LINk's (logged).</exception>
    public Task<Outcome> UpdateAsync(Actor actor, int id, ExerciseInput input, CancellationToken ct = default) =>
        ChangeAsync(actor, id, withProposals: true, exercise => CannotEdit(actor, exercise, "edit an exercise"), async (db, exercise) =>
        {
            if (exercise.LeadCommissionerId != input.LeadCommissionerId && !StepsOpenTo(actor, exercise).ChangeLead)
            {
                // A closed or cancelled exercise stays with the commissioner it was agreed and run with: the public page
                // names its lead as the one who agreed its option.
                return Outcome.Invalid(new FieldError(nameof(input.LeadCommissionerId), exercise.OptionCanChange
                    ? "Only the LINk's own proposals can be moved to another commissioner."
                    : $"This exercise is {exercise.State.Label().ToLowerInvariant()}: it stays with the commissioner that led it."));
            }

            if (await CheckAsync(db, input, exercise, ct) is { Length: > 0 } errors)
            {
                return Outcome.Invalid(errors);
            }

            var previousLead = exercise.LeadCommissionerId;
            var partnersBefore = exercise.PartnerIds.ToList();
            var side = SideOf(actor, exercise)!.Value;
            exercise.Update(input);
            if (exercise.LeadCommissionerId != previousLead)
            {
                // Saved with the change, in its transaction: the new lead is asked to agree, and both commissioners are told.
                var option = exercise.ReopenAgreementForNewLead(side, actor.DisplayName, actor.OrganisationName ?? "", clock.GetUtcNow());
                await ExerciseNotices.ExerciseLeadChangedAsync(db, actor, exercise, previousLead, option, clock.GetUtcNow(), ct);
                await ExerciseNotices.PartnersChangedAsync(db, actor, exercise, partnersBefore, clock.GetUtcNow(), ct);
            }
            else
            {
                await ExerciseNotices.ExerciseChangedAsync(db, actor, exercise, partnersBefore, clock.GetUtcNow(), ct);
            }

            return Outcome.Success;
        }, ct, input.Version);

    /// <summary>Moves an exercise along its life (running, reporting, closed, cancelled); it becomes agreed only by agreement.</summary>
    /// <param name="actor">An editor who may edit the exercise.</param>
    /// <param name="id">The exercise.</param>
    /// <param name="target">The state to move it to.</param>
    /// <param name="version">The exercise's version the page showed; a save over a newer one is refused.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success; a problem when it no longer exists, the move is not allowed from its state (the message names the
    /// allowed ones), or someone saved it since <paramref name="version"/>.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor may not edit the exercise (logged).</exception>
    public Task<Outcome> MoveToAsync(Actor actor, int id, ExerciseState target, Guid version, CancellationToken ct = default) =>
        ChangeAsync(actor, id, withProposals: false, exercise => CannotEdit(actor, exercise, $"move an exercise to {target}"), async (db, exercise) =>
        {
            var moved = exercise.MoveTo(target);
            if (moved.Succeeded && exercise.State == ExerciseState.Cancelled)
            {
                await ExerciseNotices.ExerciseCancelledAsync(db, actor, exercise, clock.GetUtcNow(), ct);
            }

            return moved;
        }, ct, version);

    /// <summary>Proposes a joint-working option for one side; a second submission of the same form (<paramref name="key"/>) changes nothing.</summary>
    /// <param name="actor">An editor of the lead commissioner or of the LINk; their organisation's side proposes.</param>
    /// <param name="id">The exercise.</param>
    /// <param name="primaryOption">One of the study's six options (Table 2), 1 (the LINk acts for the commissioner) to 6 (parallel exercises).</param>
    /// <param name="reasons">Why this option, so the other side can agree it; required.</param>
    /// <param name="parts">Further options for parts of the exercise (the study allows combining them), each with its part and reasons.</param>
    /// <param name="seen">The proposal the page showed (<see cref="ProposalSeen.Of"/>): decided against it, not the exercise's
    /// version, so an edit of the exercise's details meanwhile refuses nothing (ADR 3, 11).</param>
    /// <param name="key">The form's submission; a repeat of it proposes nothing more.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success; field messages on "PrimaryOption", "Reasons" or "Parts" (among them a part over
    /// <see cref="EngagementExercise.PartLimit"/> characters or its reasons over <see cref="EngagementExercise.PartReasonsLimit"/>),
    /// nothing saved; a problem when it no longer exists, its state no longer lets the option change, someone proposed,
    /// agreed or asked for a change since <paramref name="seen"/> (the message says who, what and when), or someone saved
    /// the exercise at the same moment.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is an editor of neither the lead commissioner nor the LINk (logged).</exception>
    public Task<Outcome> ProposeOptionAsync(
        Actor actor, int id, int primaryOption, string reasons, IReadOnlyList<OptionPart> parts, ProposalSeen seen, SubmissionKey key = default, CancellationToken ct = default) =>
        ChangeAsync(actor, id, withProposals: true, exercise => NotASide(actor, exercise, "propose a joint-working option"), async (db, exercise) =>
        {
            var proposed = exercise.ProposeOption(SideOf(actor, exercise)!.Value, primaryOption, reasons, parts, actor.DisplayName, actor.OrganisationName ?? "", clock.GetUtcNow(), seen);
            if (proposed.Succeeded)
            {
                await ExerciseNotices.OptionProposedAsync(db, actor, exercise, proposed.Value!, clock.GetUtcNow(), ct);
            }

            return proposed;
        }, ct, key: key, keyAction: nameof(ProposeOptionAsync));

    /// <summary>
    /// The other side agrees the proposal its page showed, which must still be the current one; the exercise becomes agreed
    /// (ADR 0011). Decided against that proposal, not the exercise's version: an edit of the exercise's details or any
    /// other write meanwhile refuses nothing (ADR 3).
    /// </summary>
    /// <param name="actor">An editor of the side that did not propose it.</param>
    /// <param name="id">The exercise.</param>
    /// <param name="proposalId">The proposal the page showed and the person agrees to.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success; a problem when it no longer exists, or when the proposal shown was replaced since (the message names who
    /// proposed what in its place, and when, or says none stands), was agreed or had a change asked since (who, and when),
    /// or the actor's side proposed it, or someone saved the exercise at the same moment; nothing is saved then.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is an editor of neither the lead commissioner nor the LINk (logged).</exception>
    public Task<Outcome> AgreeAsync(Actor actor, int id, int proposalId, CancellationToken ct = default) =>
        ChangeAsync(actor, id, withProposals: true, exercise => NotASide(actor, exercise, "agree a joint-working option"), async (db, exercise) =>
        {
            var agreed = exercise.Agree(proposalId, SideOf(actor, exercise)!.Value, actor.DisplayName, clock.GetUtcNow());
            if (agreed.Succeeded)
            {
                await ExerciseNotices.OptionAgreedAsync(db, actor, exercise, exercise.CurrentProposal!, clock.GetUtcNow(), ct);
            }

            return agreed;
        }, ct);

    /// <summary>
    /// The other side asks for a change to the proposal its page showed, saying what and why; decided against that proposal,
    /// as <see cref="AgreeAsync"/> is.
    /// </summary>
    /// <param name="actor">An editor of the side that did not propose it.</param>
    /// <param name="id">The exercise.</param>
    /// <param name="proposalId">The proposal the page showed.</param>
    /// <param name="comment">What to change and why; required, at most <see cref="EngagementExercise.ChangeCommentLimit"/> characters.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success; a field message on "Comment" (blank, control characters, over 4,000 characters); a problem as for
    /// <see cref="AgreeAsync"/>.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is an editor of neither the lead commissioner nor the LINk (logged).</exception>
    public Task<Outcome> RequestChangeAsync(Actor actor, int id, int proposalId, string comment, CancellationToken ct = default) =>
        ChangeAsync(actor, id, withProposals: true, exercise => NotASide(actor, exercise, "ask for a change to a joint-working option"), async (db, exercise) =>
        {
            var requested = exercise.RequestChange(proposalId, SideOf(actor, exercise)!.Value, actor.DisplayName, comment, clock.GetUtcNow());
            if (requested.Succeeded)
            {
                await ExerciseNotices.OptionChangeRequestedAsync(db, actor, exercise, exercise.CurrentProposal!, clock.GetUtcNow(), ct);
            }

            return requested;
        }, ct);

    private static Refusal? CannotEdit(Actor actor, EngagementExercise exercise, string action) =>
        CanEdit(actor, exercise) ? null
        : new(action, $"exercise {exercise.Id}", "Only the lead commissioner, or the LINk for exercises it proposed, can change this exercise.");

    private static Refusal? NotASide(Actor actor, EngagementExercise exercise, string action) =>
        SideOf(actor, exercise) is not null ? null
        : new(action, $"exercise {exercise.Id}", "Only editors of the lead commissioner or of the LINk can choose and agree how they work together.");

    /// <summary>Every edit of an exercise: <see cref="ChangePath"/> with the exercise's load, its "gone" message and its conflict wording.</summary>
    private async Task<Outcome> ChangeAsync(
        Actor actor, int id, bool withProposals, Func<EngagementExercise, Refusal?> refuse, Func<EngagementHubDbContext, EngagementExercise, Task<Outcome>> apply,
        CancellationToken ct, Guid? version = null, SubmissionKey key = default, string? keyAction = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access,
            () => (withProposals ? db.Exercises.Include(e => e.Proposals) : (IQueryable<EngagementExercise>)db.Exercises).FirstOrDefaultAsync(e => e.Id == id, ct),
            "This exercise no longer exists.", _ => new ChangedRow(nameof(EngagementExercise), id, "exercise"),
            refuse, exercise => apply(db, exercise), ct, seenVersion: version, key: key, keyAction: keyAction, clock: clock);
    }

    /// <summary>
    /// The organisations the exercise form offers: commissioners to lead, others to take part (anyone but a locality),
    /// and localities, each active, plus those the edited exercise names already (kept when
    /// deactivated since, as its check keeps them). The same rules as <see cref="CreateAsync"/> and
    /// <see cref="UpdateAsync"/> check.
    /// </summary>
    /// <param name="editing">The exercise being edited, as the form loaded it; null for a new one.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The three lists, as <see cref="OrganisationChoice.OptionsAsync"/> orders them; refuses nobody (the directory is the partnership's; the form's own page checks
    /// who may edit).</returns>
    public async Task<ExerciseChoices> ChoicesAsync(EngagementExercise? editing, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new ExerciseChoices(
            await OrganisationChoice.OptionsAsync(db, LeadFits, editing is null ? null : [editing.LeadCommissionerId], ct),
            await OrganisationChoice.OptionsAsync(db, PartnerFits, editing?.PartnerIds, ct),
            await OrganisationChoice.OptionsAsync(db, LocalityFits, editing?.LocalityIds, ct));
    }

    // What each organisation field takes: the form's choices (ChoicesAsync) and the check (CheckAsync) read the same rule.
    private static readonly Expression<Func<Organisation, bool>> LeadFits = o => o.Kind == OrganisationKind.Commissioner;
    private static readonly Expression<Func<Organisation, bool>> PartnerFits = o => o.Kind != OrganisationKind.Locality;
    private static readonly Expression<Func<Organisation, bool>> LocalityFits = o => o.Kind == OrganisationKind.Locality;

    // The organisations are checked as new choices only: an exercise keeps a lead, partners or localities deactivated since
    // they were chosen, so an unrelated edit still saves (OrganisationChoice).
    private static async Task<FieldError[]> CheckAsync(EngagementHubDbContext db, ExerciseInput input, EngagementExercise? existing, CancellationToken ct)
    {
        var errors = ExerciseRules.Errors(input).ToList();
        if (await OrganisationChoice.CheckAsync(db, nameof(input.LeadCommissionerId), input.LeadCommissionerId,
                "The lead must be one of the partnership's commissioners.", LeadFits, existing?.LeadCommissionerId, ct) is { } lead)
        {
            errors.Add(lead);
        }

        if (await OrganisationChoice.CheckAllAsync(db, nameof(input.PartnerIds), input.PartnerIds,
                "Choose partner organisations from the list.", PartnerFits, existing?.PartnerIds, ct) is { } partners)
        {
            errors.Add(partners);
        }

        if (await OrganisationChoice.CheckAllAsync(db, nameof(input.LocalityIds), input.LocalityIds,
                "Choose localities from the list.", LocalityFits, existing?.LocalityIds, ct) is { } localities)
        {
            errors.Add(localities);
        }

        return [.. errors];
    }

    private static IQueryable<EngagementExercise> Apply(IQueryable<EngagementExercise> query, ExerciseFilter filter)
    {
        if (filter.CommissionerId is { } commissioner)
        {
            query = query.Where(e => e.LeadCommissionerId == commissioner);
        }

        if (filter.InvolvingOrganisationId is { } involving)
        {
            query = query.Where(e => e.LeadCommissionerId == involving || e.LinkOrganisationId == involving
                                     || e.ProposedByOrganisationId == involving || e.PartnerIds.Contains(involving));
        }

        if (filter.Option is { } option)
        {
            query = query.Where(e => e.CurrentOption == option);
        }

        if (filter.State is { } state)
        {
            query = query.Where(e => e.State == state);
        }

        if (filter.Agreement is { } agreement)
        {
            query = query.Where(e => e.AgreementStatus == agreement);
        }

        if (filter.Year is { } year)
        {
            var (start, end) = (year.Start, year.End);
            query = query.Where(e => e.StartDate <= end && e.EndDate >= start);
        }

        if (filter.Scope is { } scope)
        {
            query = query.Where(e => e.Scope == scope);
        }

        if (filter.Sector is { } sector)
        {
            query = query.Where(e => e.Sector == sector);
        }

        if (filter.CommunityId is { } community)
        {
            query = query.Where(e => e.CommunityIds.Contains(community));
        }

        if (InputValidation.Clean(filter.Search) is { } text)
        {
            // Lower-cased on both sides: case-insensitive on SQLite and PostgreSQL alike (LIKE ignores case only on SQLite).
            var term = text.ToLowerInvariant();
            query = query.Where(e => e.Title.ToLower().Contains(term) || e.DecisionInformed.ToLower().Contains(term) || e.Purpose.ToLower().Contains(term));
        }

        return query;
    }

    /// <summary>Newest first, paged in the database, with the lead commissioner's name joined in the same query.</summary>
    private static IQueryable<ExerciseRow> Rows(EngagementHubDbContext db, IQueryable<EngagementExercise> query, int skip, int take)
    {
        var ordered = (from e in query
                       join o in db.Organisations on e.LeadCommissionerId equals o.Id
                       select new { Exercise = e, Lead = o.Name })
            .OrderByDescending(x => x.Exercise.StartDate).ThenByDescending(x => x.Exercise.Id);
        var page = skip == 0 && take == int.MaxValue ? ordered : ordered.Skip(skip).Take(take);
        return page.Select(x => new ExerciseRow(x.Exercise.Id, x.Exercise.Title, x.Exercise.LeadCommissionerId, x.Lead, x.Exercise.State,
            x.Exercise.CurrentOption, x.Exercise.AgreementStatus, x.Exercise.StartDate, x.Exercise.EndDate, x.Exercise.DecisionDate,
            x.Exercise.Scope, x.Exercise.Sector, x.Exercise.Level));
    }
}
