using System.Linq.Expressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// The LINk's work programme (ADR 0022): issues raised by the community, taken through Kent LINk's steps to a panel
/// decision whose outcome creates its next record, and feedback to the referrer by a set number of working days.
/// Anyone signed in records an issue and reads the programme; the LINk's editors take the steps; the referrer's name
/// and contact are read only by the LINk's own people.
/// </summary>
public sealed class WorkProgrammeService(
    IDbContextFactory<EngagementHubDbContext> dbFactory,
    BankHolidayCalendar holidays,
    DeadlineService deadlines,
    Exercises.ExerciseService exercises,
    OrganisationAccess access,
    IOptions<EngagementHubOptions> options,
    TimeProvider clock)
{
    private const string Noun = "issue";

    /// <summary>The body named as deciding in the decisions log for a panel decision on an issue.</summary>
    public const string PanelBody = "The LINk's issues panel";

    private DateOnly Today => UkTime.Today(clock);

    /// <summary>The LINk's own people (any role) read a referrer's details; the system actor does not.</summary>
    /// <returns>True when the person belongs to the issue's LINk; a question, it refuses nothing.</returns>
    public static bool IsLinkMember(Actor actor, RaisedIssue issue) => !actor.IsSystem && actor.OrganisationId == issue.LinkOrganisationId;

    /// <summary>
    /// May this person record a relevant decision in the LINk's decisions log? Only an editor (or administrator) of the
    /// LINk may: the check <see cref="RecordDecisionAsync"/> makes, and the one the decisions log page asks.
    /// </summary>
    /// <param name="actor">The person asking, as signed in.</param>
    /// <param name="actorOrganisationKind">The kind of the actor's own organisation; null when they have none.</param>
    /// <returns>True when they may; false otherwise (the service refuses with <see cref="AccessDeniedException"/>).</returns>
    public static bool CanRecordDecision(Actor actor, OrganisationKind? actorOrganisationKind) => ActingFor.TheLink(actor, actorOrganisationKind);

    /// <summary>Editors and admins of the issue's LINk take its steps.</summary>
    /// <returns>True when the person may take the issue's steps; a question, it refuses nothing.</returns>
    public static bool CanAct(Actor actor, RaisedIssue issue) => OrganisationAccess.CanActFor(actor, issue.LinkOrganisationId);

    /// <summary>
    /// Records an issue raised by a person or group, on the programme of the actor's LINk (or the partnership's LINk,
    /// for someone of another organisation, whose editors are then told). A second submission of the same form records
    /// nothing.
    /// </summary>
    /// <returns>The new issue's id; field messages; a problem when the partnership has no active LINk.</returns>
    /// <exception cref="AccessDeniedException">Nobody is signed in (the system actor).</exception>
    public async Task<Outcome<int>> RecordAsync(Actor actor, RaisedIssueInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        if (actor.IsSystem || actor.OrganisationId is null)
        {
            access.Deny(actor, "record an issue", "work programme");
            throw new AccessDeniedException("Sign in to record an issue.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.EarlierIdAsync(actor, key, nameof(RaisedIssue), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        var errors = InputValidation.Validate(input).ToList();
        if (input.RaisedOn is { } raised && raised > Today)
        {
            errors.Add(new FieldError(nameof(input.RaisedOn), "The date raised cannot be in the future."));
        }

        if (input.ConsentToContact && string.IsNullOrWhiteSpace(input.ReferrerContact))
        {
            errors.Add(new FieldError(nameof(input.ReferrerContact), "Say how to reach them, since they agreed to be contacted."));
        }

        errors.AddRange(ProgrammeBalance.Validate(input.Sector, input));

        if (errors.Count > 0)
        {
            return Outcome<int>.Invalid([.. errors]);
        }

        var own = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == actor.OrganisationId, ct);
        var linkId = own?.Kind == OrganisationKind.Link
            ? own.Id
            : await db.Organisations.Where(o => o.Kind == OrganisationKind.Link && o.IsActive).OrderBy(o => o.Id).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        if (linkId is null)
        {
            return Outcome<int>.Failed("The partnership has no active LINk to raise the issue with. Ask an administrator to add it.");
        }

        var issue = new RaisedIssue(linkId.Value, input, actor.OrganisationId.Value, actor.UserId!, actor.DisplayName, clock.GetUtcNow());
        db.RaisedIssues.Add(issue);
        return Outcome<int>.Ok(await db.SaveOnceAsync(actor, key, nameof(RaisedIssue), () => issue.Id, clock, ct,
            () => WorkProgrammeNotices.IssueRaisedAsync(db, actor, issue, clock.GetUtcNow(), ct)));
    }

    /// <returns>The issues matching <paramref name="filter"/>, newest raised first; never the referrer's details.
    /// Refuses nobody: anyone in the partnership may read it.</returns>
    public async Task<IReadOnlyList<IssueRow>> ListAsync(IssueFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.RaisedIssues.AsNoTracking();
        if (filter.Step is { } step)
        {
            query = query.Where(i => i.Step == step);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(i => i.Outcome == outcome);
        }

        if (filter.Sector is { } sector)
        {
            query = query.Where(i => i.Sector == sector);
        }

        if (filter.FeedbackOwedOnly)
        {
            // As RaisedIssue.FeedbackOwed: nothing is owed someone who did not agree to be contacted.
            query = query.Where(i => i.Step == IssueStep.Decided && i.ConsentToContact);
        }

        return await query.OrderByDescending(i => i.RaisedOn).ThenByDescending(i => i.Id)
            .Select(i => new IssueRow(i.Id, i.Title, i.RaisedOn, i.Sector, i.Locality, i.Step, i.Outcome, i.FeedbackDue))
            .ToListAsync(ct);
    }

    /// <summary>
    /// An issue for its page, always without the referrer's name and contact: the page asks for them separately
    /// (<see cref="ReferrerAsync"/>) when <see cref="IssueDetails.ReferrerVisible"/> says the actor may read them. For
    /// anyone outside the issue's LINk that is an ordinary view, not a refusal: nobody asked for the details, so nothing
    /// is logged; an explicit request for them is refused and logged.
    /// </summary>
    /// <returns>The issue, or null when it does not exist.</returns>
    public async Task<IssueDetails?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var issue = await db.RaisedIssues.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (issue is null)
        {
            return null;
        }

        var visible = IsLinkMember(actor, issue);
        issue.WithholdReferrer();
        if (!visible)
        {
            issue.WithholdReferrerNotes();
        }

        var linkName = await db.Organisations.Where(o => o.Id == issue.LinkOrganisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "the LINk";
        var partner = issue.PartnerOrganisationId is { } p ? await db.Organisations.Where(o => o.Id == p).Select(o => o.Name).FirstOrDefaultAsync(ct) : null;
        var deadline = issue.DeadlineId is { } d ? await db.Deadlines.Where(x => x.Id == d).Select(x => x.Subject).FirstOrDefaultAsync(ct) : null;
        var exercise = issue.ExerciseId is { } x ? await db.Exercises.Where(e => e.Id == x).Select(e => e.Title).FirstOrDefaultAsync(ct) : null;
        return new IssueDetails(issue, visible, CanAct(actor, issue), linkName, partner, deadline, exercise);
    }

    /// <summary>An explicit request for who raised an issue and how to reach them: the LINk's own people only.</summary>
    /// <returns>The referrer's details, or null when the issue does not exist.</returns>
    /// <exception cref="AccessDeniedException">The actor is not one of the issue's LINk (the refusal is logged).</exception>
    public async Task<ReferrerDetails?> ReferrerAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var issue = await db.RaisedIssues.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (issue is null)
        {
            return null;
        }

        if (!IsLinkMember(actor, issue))
        {
            access.Deny(actor, "read the referrer's details", $"issue {id}");
            throw new AccessDeniedException("Only the LINk's own people can read who raised an issue.");
        }

        return new ReferrerDetails(issue.ReferrerName, issue.ReferrerIsGroup, issue.ReferrerContact, issue.ConsentToContact);
    }

    /// <summary>
    /// Places an issue on the five balances it records (term, statutory or third sector, acute or community, reactive or
    /// proactive, majority or minority). The LINk's editors only: the placement is the LINk's judgement of its programme.
    /// </summary>
    /// <returns>Success; field messages (nothing saved); a problem when the issue is gone or someone else saved it first.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the issue's LINk (the refusal is logged).</exception>
    public async Task<Outcome> PlaceAsync(Actor actor, int id, BalanceInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access, () => LoadAsync(db, id, ct), Gone, _ => Row(id),
            issue => CanAct(actor, issue) ? null
                : new Refusal("place the issue on the programme's balance", $"issue {id}", "Only editors of the LINk place its issues on the programme's balance."),
            issue =>
            {
                if (ProgrammeBalance.Validate(issue.Sector, input) is { Count: > 0 } errors)
                {
                    return Task.FromResult(Outcome.Invalid([.. errors]));
                }

                issue.Place(input);
                return Task.FromResult(Outcome.Success);
            },
            ct, seenVersion: input.Version);
    }

    /// <summary>
    /// The programme's balance for a financial year (ADR 0025): the issues raised in it (optionally at one step or with
    /// one outcome), each placed on the study's eight dimensions, with the figures, the big-things-to-quick-wins ratio and
    /// the warnings of <see cref="ProgrammeBalance"/>. Read by the same people as <see cref="ListAsync"/> (anyone signed
    /// in); never the referrer's details.
    /// </summary>
    /// <returns>The report for the financial year (1 April to 31 March, by the day each issue was raised); refuses nobody.</returns>
    public async Task<BalanceReport> BalanceAsync(BalanceFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        DateOnly start = filter.Year.Start, end = filter.Year.End;
        var query = db.RaisedIssues.AsNoTracking().Where(i => i.RaisedOn >= start && i.RaisedOn <= end);
        if (filter.Step is { } step)
        {
            query = query.Where(i => i.Step == step);
        }

        if (filter.Outcome is { } outcome)
        {
            query = query.Where(i => i.Outcome == outcome);
        }

        var rows = await query.OrderBy(i => i.RaisedOn).ThenBy(i => i.Id)
            .Select(i => new
            {
                i.Id, i.Title, i.RaisedOn, i.Step, i.Outcome, i.Sector, i.Locality, i.BusinessCaseOn, i.BusinessCaseSkippedReason,
                i.AffectsManyPeople, i.LongLasting, i.SignificantResources, i.MajorQualityImplications, i.AffectsInequalities, i.NationalOrLocalPriority,
                i.Term, i.PartnerSector, i.Setting, i.Origin, i.Reach,
            })
            .ToListAsync(ct);
        var issues = rows.Select(r =>
        {
            int? score = r.BusinessCaseOn is null ? null
                : new[] { r.AffectsManyPeople, r.LongLasting, r.SignificantResources, r.MajorQualityImplications, r.AffectsInequalities, r.NationalOrLocalPriority }.Count(b => b);
            return new IssuePlacement(r.Id, r.Title, r.RaisedOn, r.Step, r.Outcome, r.Sector, r.Locality, score,
                ProgrammeBalance.SizeOf(score, r.BusinessCaseSkippedReason is not null, r.Outcome), r.Term, r.PartnerSector, r.Setting, r.Origin, r.Reach);
        }).ToList();
        return ProgrammeBalance.Report(filter.Year, issues);
    }

    /// <summary>
    /// What the panel's decision form offers: the organisations an issue may be referred or handed to (any active
    /// organisation but the issue's LINk), the commissioners that may lead a further consultation, and the kinds of
    /// deadline a referral can be (a request for information or a report). The same rules as <see cref="DecideAsync"/>
    /// checks.
    /// </summary>
    /// <param name="issueId">The issue being decided.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The organisations as <see cref="OrganisationChoice.OptionsAsync"/> orders them, and the kinds in use; all
    /// empty when there is no such issue. Refuses nobody (the page checks who may decide,
    /// <see cref="CanRecordDecision"/>).</returns>
    public async Task<PanelChoices> PanelChoicesAsync(int issueId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.RaisedIssues.AsNoTracking().Where(i => i.Id == issueId).Select(i => (int?)i.LinkOrganisationId).FirstOrDefaultAsync(ct) is not { } link)
        {
            return new PanelChoices([], [], []);
        }

        var kinds = await db.DeadlineRules.AsNoTracking().Where(r => r.IsActive && ReferralKinds.Contains(r.Kind)).ToListAsync(ct);
        return new PanelChoices(
            await OrganisationChoice.OptionsAsync(db, NotTheLink(link), ct: ct),
            await OrganisationChoice.OptionsAsync(db, Commissioners, ct: ct),
            [.. kinds.OrderBy(r => r.Kind)]);
    }

    // The kinds of deadline a panel's referral can be (the form's choices and DecideAsync's check).
    private static readonly Deadlines.DeadlineKind[] ReferralKinds = [Deadlines.DeadlineKind.InformationRequest, Deadlines.DeadlineKind.ReportResponse];

    // What the panel's organisation fields take (its form's choices and DecideAsync's checks).
    private static Expression<Func<Organisation, bool>> NotTheLink(int linkId) => o => o.Id != linkId;
    private static readonly Expression<Func<Organisation, bool>> Commissioners = o => o.Kind == OrganisationKind.Commissioner;

    /// <returns>The issue a deadline was created for by a panel's referral, or null: the link back from the deadline.
    /// Refuses nobody: anyone in the partnership may read it.</returns>
    public async Task<IssueRow?> ForDeadlineAsync(int deadlineId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RaisedIssues.AsNoTracking().Where(i => i.DeadlineId == deadlineId)
            .Select(i => new IssueRow(i.Id, i.Title, i.RaisedOn, i.Sector, i.Locality, i.Step, i.Outcome, i.FeedbackDue))
            .FirstOrDefaultAsync(ct);
    }

    /// <returns>The issue an exercise was proposed for by a panel's "further consultation", or null: the link back from
    /// the exercise. Refuses nobody: anyone in the partnership may read it.</returns>
    public async Task<IssueRow?> ForExerciseAsync(int exerciseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RaisedIssues.AsNoTracking().Where(i => i.ExerciseId == exerciseId)
            .Select(i => new IssueRow(i.Id, i.Title, i.RaisedOn, i.Sector, i.Locality, i.Step, i.Outcome, i.FeedbackDue))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Records the host's discussion with the referrer (Kent LINk's first step).</summary>
    /// <returns>
    /// Success (also for a repeat of the same submission); field messages on the input (the date, "On", not before the
    /// previous step); a problem when the issue no longer exists, someone recorded a step since the page read it at
    /// <see cref="StepInput.SeenStep"/> (who, which and when: <see cref="RaisedIssue.StepsTakenSince"/>), the step cannot
    /// follow its current one, or someone saved it at the same moment. The other steps below answer the same way.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the issue's LINk (logged); the same for every step.</exception>
    public Task<Outcome> DiscussAsync(Actor actor, int id, StepInput input, SubmissionKey key = default, CancellationToken ct = default) =>
        StepAsync(actor, id, "record the discussion", input, key, (issue, _) =>
            Task.FromResult(issue.RecordDiscussion(input.On!.Value, actor.DisplayName, input.Notes)), ct);

    /// <summary>Records the wider participants consulted and what they said (skipping the discussion with a reason).</summary>
    /// <returns>As <see cref="DiscussAsync"/>, and a message on each skipped step's field (<see cref="RaisedIssue.SkipField"/>) without a reason.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the issue's LINk (logged).</exception>
    public Task<Outcome> ConsultAsync(Actor actor, int id, StepInput input, SubmissionKey key = default, CancellationToken ct = default) =>
        StepAsync(actor, id, "record the consultation", input, key, (issue, _) =>
            Task.FromResult(issue.RecordConsultation(input.On!.Value, actor.DisplayName, input.Notes, input.SkipReasons)), ct);

    /// <summary>Records the business case (skipping earlier steps with reasons).</summary>
    /// <returns>As <see cref="ConsultAsync"/>, with messages on the business case's own fields.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the issue's LINk (logged).</exception>
    public Task<Outcome> BusinessCaseAsync(Actor actor, int id, BusinessCaseInput input, SubmissionKey key = default, CancellationToken ct = default) =>
        StepAsync(actor, id, "record the business case", input, key, (issue, _) =>
            Task.FromResult(issue.RecordBusinessCase(input.On!.Value, actor.DisplayName, input, input.SkipReasons)), ct);

    /// <summary>
    /// Records that the referrer was told the decision (the last step, after the panel's decision), which closes the
    /// issue: whoever outside the LINk recorded it, and the organisation it was referred or handed to, are told.
    /// </summary>
    /// <returns>As <see cref="DiscussAsync"/>.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the issue's LINk (logged).</exception>
    public Task<Outcome> FeedbackAsync(Actor actor, int id, StepInput input, SubmissionKey key = default, CancellationToken ct = default) =>
        StepAsync(actor, id, "record the feedback", input, key, async (issue, db) =>
        {
            var given = issue.RecordFeedback(input.On!.Value, actor.DisplayName, input.Notes);
            if (given.Succeeded)
            {
                await WorkProgrammeNotices.IssueFeedbackGivenAsync(db, actor, issue, clock.GetUtcNow(), ct);
            }

            return given;
        }, ct);

    /// <summary>
    /// Records the panel's decision and, in the same transaction, the record its outcome creates: a referral creates
    /// a request or report deadline to the chosen organisation through <see cref="DeadlineService"/>'s create path
    /// (received on the day of the decision); a hand-off records the organisation and contact; a project its owner,
    /// milestones and end date; no action its reasons. The organisation the outcome concerns is told (the deadline's, the
    /// exercise's and the hand-off's notices), and so is whoever outside the LINk recorded the issue, never with the
    /// referrer's details. The referrer's feedback falls due
    /// <see cref="WorkProgrammeOptions.FeedbackWorkingDays"/> working days after the decision. The panel's reasons are
    /// kept whole wherever they go (<see cref="InputValidation.Fit"/>): a referral's details are "Referred by the LINk's
    /// panel on …: " and the reasons, or the reasons alone when both do not fit in 4,000 characters; a further
    /// consultation's purpose is the issue's description and the reasons, else the reasons alone. The proposed exercise's
    /// title is "Consultation: " and the issue's title, or the title alone; only a title longer than an exercise's 200
    /// characters (an issue's may have 300) is cut, ending "…": the issue, linked from the exercise, keeps it whole, and
    /// the exercise can be edited like any other.
    /// </summary>
    /// <returns>Success, field messages (nothing saved; on "ToOrganisationId" or "LeadCommissionerId" also when the chosen
    /// organisation is no longer active: <see cref="OrganisationChoice"/>; on "RuleId" when a referral is not a request for
    /// information or a report in use), or a problem as for <see cref="DiscussAsync"/> (among them a step recorded since the
    /// page read the issue: the panel decides on the business case and steps it saw).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the issue's LINk.</exception>
    public Task<Outcome> DecideAsync(Actor actor, int id, PanelDecisionInput input, SubmissionKey key = default, CancellationToken ct = default) =>
        StepAsync(actor, id, "record the panel's decision", input, key, async (issue, db) =>
        {
            var on = input.On!.Value;
            var errors = new List<FieldError>();
            switch (input.Outcome)
            {
                case PanelOutcome.ReferToProviderOrCommissioner:
                    // Referred to a provider or commissioner, the issue becomes a request for information or a report to
                    // answer: the LINk's powers towards them. The form offers those kinds only; a crafted post gets no other.
                    if (input.RuleId is not { } ruleId
                        || !await db.DeadlineRules.AnyAsync(r => r.Id == ruleId && r.IsActive && ReferralKinds.Contains(r.Kind), ct))
                    {
                        errors.Add(new FieldError(nameof(input.RuleId), "Choose whether it is a request for information or a report."));
                    }

                    const string chooseReferredTo = "Choose the provider or commissioner it is referred to.";
                    if (input.ToOrganisationId is null)
                    {
                        errors.Add(new FieldError(nameof(input.ToOrganisationId), chooseReferredTo));
                    }
                    else if (await OrganisationChoice.CheckAsync(db, nameof(input.ToOrganisationId), input.ToOrganisationId, chooseReferredTo,
                                 NotTheLink(issue.LinkOrganisationId), ct: ct) is { } referredTo)
                    {
                        errors.Add(referredTo);
                    }

                    break;
                case PanelOutcome.WorkWithAnotherOrganisation:
                    const string chooseHandedTo = "Choose the organisation the issue is handed to.";
                    if (input.ToOrganisationId is null)
                    {
                        errors.Add(new FieldError(nameof(input.ToOrganisationId), chooseHandedTo));
                    }
                    else if (await OrganisationChoice.CheckAsync(db, nameof(input.ToOrganisationId), input.ToOrganisationId, chooseHandedTo,
                                 NotTheLink(issue.LinkOrganisationId), ct: ct) is { } handedTo)
                    {
                        errors.Add(handedTo);
                    }

                    if (string.IsNullOrWhiteSpace(input.HandOffContact))
                    {
                        errors.Add(new FieldError(nameof(input.HandOffContact), "Name the contact there who takes it on."));
                    }

                    break;
                case PanelOutcome.FurtherConsultation:
                    const string chooseLead = "Choose the commissioner who would lead the consultation.";
                    if (input.LeadCommissionerId is null)
                    {
                        errors.Add(new FieldError(nameof(input.LeadCommissionerId), chooseLead));
                    }
                    else if (await OrganisationChoice.CheckAsync(db, nameof(input.LeadCommissionerId), input.LeadCommissionerId, chooseLead,
                                 Commissioners, ct: ct) is { } lead)
                    {
                        errors.Add(lead);
                    }

                    if (input.ExerciseStart is null)
                    {
                        errors.Add(new FieldError(nameof(input.ExerciseStart), "Enter when the consultation would start."));
                    }

                    if (input.ExerciseEnd is null)
                    {
                        errors.Add(new FieldError(nameof(input.ExerciseEnd), "Enter when the consultation would end."));
                    }

                    break;
                case PanelOutcome.LinkProject:
                    if (string.IsNullOrWhiteSpace(input.ProjectOwner))
                    {
                        errors.Add(new FieldError(nameof(input.ProjectOwner), "Name who owns the project."));
                    }

                    if (string.IsNullOrWhiteSpace(input.ProjectMilestones))
                    {
                        errors.Add(new FieldError(nameof(input.ProjectMilestones), "List the project's milestones."));
                    }

                    if (input.ProjectEndDate is not { } end || end < on)
                    {
                        errors.Add(new FieldError(nameof(input.ProjectEndDate), "Enter the project's end date, on or after the decision."));
                    }

                    break;
            }

            var calendar = await holidays.GetAsync(ct);
            var decided = issue.RecordDecision(on, actor.DisplayName, input,
                calendar.AddWorkingDays(on, options.Value.WorkProgramme.FeedbackWorkingDays), input.SkipReasons);
            if (errors.Count > 0 || !decided.Succeeded)
            {
                return decided.Problem is { } problem ? Outcome.Failed(problem) : Outcome.Invalid([.. decided.Errors, .. errors]);
            }

            Deadlines.DeadlineKind? referralKind = null;
            switch (input.Outcome)
            {
                case PanelOutcome.ReferToProviderOrCommissioner:
                    var added = await deadlines.AddAsync(db, actor, new DeadlineInput
                    {
                        RuleId = input.RuleId!.Value,
                        Subject = issue.Title,
                        // The reasons whole: with the words saying who referred it when they fit, else alone (the
                        // deadline links back to the issue, and was received on the day of the decision).
                        Details = InputValidation.Fit(DeadlineInput.MaxDetailsLength,
                            $"Referred by the LINk's panel on {UkTime.FormatDate(on)}: {input.Reasons!.Trim()}", input.Reasons.Trim()),
                        ToOrganisationId = input.ToOrganisationId!.Value,
                        Received = on,
                    }, ct);
                    if (!added.Succeeded)
                    {
                        // The decision form's own fields: the deadline's date received is the decision's date, its details the reasons.
                        return Outcome.Invalid([.. added.Errors.Select(e => e.Field switch
                        {
                            nameof(DeadlineInput.Received) => e with { Field = nameof(input.On) },
                            nameof(DeadlineInput.Details) => e with { Field = nameof(input.Reasons) },
                            _ => e,
                        })]);
                    }

                    // The deadline is saved first for its id, the issue's decision held back so that the decision and its
                    // link are one history entry; the caller's transaction keeps the deadline and the decision together.
                    await db.SaveAddedRowsAsync(actor, ct);
                    referralKind = added.Value!.Kind;
                    issue.LinkOutcome(deadlineId: added.Value.Id, partnerOrganisationId: input.ToOrganisationId);
                    await DeadlineNotices.DeadlineLoggedAsync(db, actor, added.Value, clock.GetUtcNow(), ct);
                    break;
                case PanelOutcome.FurtherConsultation:
                    var proposed = await exercises.AddAsync(db, actor, new Exercises.ExerciseInput
                    {
                        Title = InputValidation.Fit(Exercises.ExerciseInput.MaxTitleLength, $"Consultation: {issue.Title}", issue.Title),
                        // The panel's reasons whole, after the issue's description when both fit (the exercise links
                        // back to the issue, which keeps its description).
                        Purpose = InputValidation.Fit(Exercises.ExerciseInput.MaxPurposeLength,
                            $"{issue.Description}\n\nProposed by the LINk's panel on {UkTime.FormatDate(on)}: {input.Reasons!.Trim()}",
                            $"Proposed by the LINk's panel on {UkTime.FormatDate(on)}: {input.Reasons.Trim()}", input.Reasons.Trim()),
                        LeadCommissionerId = input.LeadCommissionerId,
                        DecisionInformed = "How the issue raised with the LINk is taken forward",
                        StartDate = input.ExerciseStart,
                        EndDate = input.ExerciseEnd,
                        Sector = issue.Sector,
                        Level = Exercises.InvolvementLevel.Consult,
                    }, ct);
                    if (!proposed.Succeeded)
                    {
                        return proposed.Problem is { } noLink
                            ? Outcome.Failed(noLink)
                            : Outcome.Invalid([.. proposed.Errors.Select(e => e.Field switch
                            {
                                nameof(Exercises.ExerciseInput.StartDate) => e with { Field = nameof(input.ExerciseStart) },
                                nameof(Exercises.ExerciseInput.EndDate) => e with { Field = nameof(input.ExerciseEnd) },
                                _ => e,
                            })]);
                    }

                    await db.SaveAddedRowsAsync(actor, ct);
                    issue.LinkOutcome(exerciseId: proposed.Value!.Id, partnerOrganisationId: input.LeadCommissionerId);
                    await ExerciseNotices.ExerciseCreatedAsync(db, actor, proposed.Value, clock.GetUtcNow(), ct);
                    break;
                case PanelOutcome.WorkWithAnotherOrganisation:
                    issue.LinkOutcome(partnerOrganisationId: input.ToOrganisationId, handOffContact: input.HandOffContact);
                    await WorkProgrammeNotices.IssueHandedOffAsync(db, actor, issue, clock.GetUtcNow(), ct);
                    break;
                case PanelOutcome.LinkProject:
                    issue.LinkOutcome(projectOwner: input.ProjectOwner, projectMilestones: input.ProjectMilestones, projectEndDate: input.ProjectEndDate);
                    break;
            }

            await WorkProgrammeNotices.IssueDecidedAsync(db, actor, issue, clock.GetUtcNow(), ct);

            // Every panel decision is a relevant decision: logged with the body, date and reasons, in the same save.
            db.RelevantDecisions.Add(new RelevantDecision(issue.LinkOrganisationId, RelevantDecision.KindOf(input.Outcome!.Value, referralKind), on,
                issue.Title, PanelBody, input.Reasons!, actor.DisplayName, clock.GetUtcNow(), issue.Id, issue.DeadlineId));
            return Outcome.Success;
        }, ct);

    /// <summary>
    /// The LINk's editors record a relevant decision not taken on an issue (to enter and view, say). A second
    /// submission of the same form records nothing.
    /// </summary>
    /// <returns>The new entry's id, or field messages (among them, on "Kind", a kind that is a decision on an issue:
    /// <see cref="RelevantDecision.RecordedOnTheirOwn"/>).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of a LINk.</exception>
    public async Task<Outcome<int>> RecordDecisionAsync(Actor actor, RelevantDecisionInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.EarlierIdAsync(actor, key, nameof(RelevantDecision), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        var own = actor.OrganisationId is { } ownId ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == ownId, ct) : null;
        if (own is null || !CanRecordDecision(actor, own.Kind))
        {
            access.Deny(actor, "record a relevant decision", "decisions log");
            throw new AccessDeniedException("Only editors of the LINk record its decisions.");
        }

        var errors = InputValidation.Validate(input).ToList();
        if (input.DecidedOn is { } on && on > Today)
        {
            errors.Add(new FieldError(nameof(input.DecidedOn), "The date cannot be in the future."));
        }

        if (input.Kind is { } kind && !RelevantDecision.RecordedOnTheirOwn.Contains(kind))
        {
            errors.Add(new FieldError(nameof(input.Kind), "Taking up or declining an issue is the panel's decision on it: record it on the issue's page."));
        }

        if (errors.Count > 0)
        {
            return Outcome<int>.Invalid([.. errors]);
        }

        var decision = new RelevantDecision(own.Id, input.Kind!.Value, input.DecidedOn!.Value, input.Subject, input.DecidedBy, input.Reasons,
            actor.DisplayName, clock.GetUtcNow());
        db.RelevantDecisions.Add(decision);
        return Outcome<int>.Ok(await db.SaveOnceAsync(actor, key, nameof(RelevantDecision), () => decision.Id, clock, ct));
    }



    /// <summary>
    /// The one path of every step: the issue's LINk editors only (refusals logged), the issue still at the step the page
    /// showed (<see cref="StepInput.SeenStep"/>), the step's date not in the future,
    /// skip reasons free of control characters, then <paramref name="change"/> and one audited save in a transaction,
    /// with a second editor's conflicting save described rather than overwritten.
    /// </summary>
    private async Task<Outcome> StepAsync(
        Actor actor, int id, string action, StepInput input, SubmissionKey key, Func<RaisedIssue, EngagementHubDbContext, Task<Outcome>> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access, () => LoadAsync(db, id, ct), Gone, _ => Row(id),
            issue => CanAct(actor, issue) ? null : new Refusal(action, $"issue {id}", "Only editors of the LINk take an issue through its steps."),
            issue =>
            {
                // Decided on the steps the page showed: one recorded since by someone else is not built on unseen (ADR 3).
                if (input.SeenStep is { } seen && issue.StepsTakenSince(seen) is { } changed)
                {
                    return Task.FromResult(Outcome.Failed(changed));
                }

                var errors = InputValidation.Validate(input).ToList();
                errors.AddRange(InputValidation.CheckText([.. input.SkipReasons.Select(r => (RaisedIssue.SkipField(r.Key), r.Value))]));
                errors.AddRange(input.SkipReasons.Select(r => InputValidation.CheckOneLine(RaisedIssue.SkipField(r.Key), r.Value)).OfType<FieldError>());
                errors.AddRange(input.SkipReasons.Select(r => InputValidation.TooLong(RaisedIssue.SkipField(r.Key), r.Value, RaisedIssue.SkipReasonLimit, "The reason")).OfType<FieldError>());
                if (input.On is { } on && on > Today)
                {
                    errors.Add(new FieldError(nameof(input.On), "The date cannot be in the future."));
                }

                return errors.Count > 0 ? Task.FromResult(Outcome.Invalid([.. errors])) : change(issue, db);
            },
            // One transaction for the step, the record its outcome creates (saved first for its id) and the form's key, so
            // none of them is kept without the others.
            ct, key: key, keyAction: action, clock: clock, oneTransaction: true);
    }

    private const string Gone = "This issue no longer exists.";

    private static Task<RaisedIssue?> LoadAsync(EngagementHubDbContext db, int id, CancellationToken ct) =>
        db.RaisedIssues.FirstOrDefaultAsync(i => i.Id == id, ct);

    /// <summary>The issue's row, with how a recount of its feedback date is told on a conflict (<see cref="FeedbackDueDates.Describe"/>).</summary>
    private static ChangedRow Row(int id) => new(nameof(RaisedIssue), id, Noun, FeedbackDueDates.Describe);
}
