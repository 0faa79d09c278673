using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Reports;

/// <summary>
/// The reports partners print for their meetings. Each is a paper for the organisations it concerns (ADR 0017): a
/// responding organisation's responsiveness and a liaison meeting's deadlines for that organisation and the LINk; an
/// exercise's summary for the organisations taking part in it; the annual report for the LINk. Anyone else is refused,
/// and the refusal logged.
/// </summary>
public sealed class ReportService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, DeadlineService deadlines, BankHolidayCalendar holidays, OrganisationAccess access, TimeProvider clock)
{
    /// <summary>The default span of a liaison meeting's look ahead, in days from today.</summary>
    public const int LiaisonDaysAhead = 28;

    /// <summary>The longest date range a liaison report covers, in days.</summary>
    public const int LiaisonMaxDays = 366;

    private DateOnly Today => UkTime.Today(clock);

    /// <summary>The organisations whose responsiveness or liaison report this person may ask for: all responding ones for the LINk, their own otherwise.</summary>
    /// <returns>The organisations by name; empty for someone who may ask for none. Refuses nobody: it narrows the choice instead.</returns>
    public async Task<IReadOnlyList<ReportOrganisation>> RespondingOrganisationsAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ownKind = await OwnKindAsync(db, actor, ct);
        return await db.Organisations.AsNoTracking()
            .Where(o => o.Kind != OrganisationKind.Link && (ownKind == OrganisationKind.Link || o.Id == actor.OrganisationId))
            .OrderBy(o => o.Name)
            .Select(o => new ReportOrganisation(o.Id, o.Name, o.Kind))
            .ToListAsync(ct);
    }

    /// <summary>The exercises whose summary this person may print: those their organisation takes part in, newest first.</summary>
    /// <returns>The exercises with their dates (UK dates); none for the system actor. Refuses nobody: it narrows the choice instead.</returns>
    public async Task<IReadOnlyList<ExerciseChoice>> ExercisesAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (actor.OrganisationId is not { } own || actor.IsSystem)
        {
            return [];
        }

        var exercises = await db.Exercises.AsNoTracking()
            .Select(e => new { e.Id, e.Title, e.StartDate, e.EndDate, e.LeadCommissionerId, e.LinkOrganisationId, e.ProposedByOrganisationId, e.PartnerIds })
            .ToListAsync(ct);
        return [.. exercises
            .Where(e => e.LeadCommissionerId == own || e.LinkOrganisationId == own || e.ProposedByOrganisationId == own || e.PartnerIds.Contains(own))
            .OrderByDescending(e => e.StartDate).ThenBy(e => e.Title)
            .Select(e => new ExerciseChoice(e.Id, e.Title, e.StartDate, e.EndDate))];
    }

    /// <summary>Whether this person's organisation is a LINk (the annual report is the LINk's).</summary>
    /// <returns>True for a member of a LINk; a question, it refuses nothing.</returns>
    public async Task<bool> IsLinkAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await OwnKindAsync(db, actor, ct) == OrganisationKind.Link;
    }

    /// <summary>One responding organisation's responsiveness in a financial year, with each request and how it was answered.</summary>
    /// <returns>The report, or null when the organisation does not exist.</returns>
    /// <exception cref="AccessDeniedException">The person belongs neither to that organisation nor to a LINk.</exception>
    public async Task<ResponsivenessReport?> ResponsivenessAsync(Actor actor, int organisationId, FinancialYear year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
        {
            return null;
        }

        await EnsureLinkOrMemberAsync(db, actor, organisationId, "read the responsiveness report", ct);
        var calendar = await holidays.GetAsync(ct);
        var lines = await deadlines.ResponsivenessRecordsAsync(year, organisationId, ct);
        var figures = ResponsivenessRules.Compute(lines.Select(l => l.Record), year, calendar, Today).SingleOrDefault();
        var answers = await db.Deadlines.AsNoTracking().Where(d => d.ToOrganisationId == organisationId && d.Received >= year.Start && d.Received <= year.End)
            .Select(d => new { d.Id, d.Kind, d.Answer, d.ExerciseId }).ToDictionaryAsync(d => d.Id, ct);
        return new ResponsivenessReport(organisation.Id, organisation.Name, year, figures,
            [.. lines.Select(l => Line(l.Id, l.KindName, answers[l.Id].Kind, l.Subject, organisation.Name, l.Record, answers[l.Id].Answer, answers[l.Id].ExerciseId, calendar))]);
    }

    /// <summary>An exercise on one page: purpose, option and reasons, agreement, timetable, the LINk's input and the responses.</summary>
    /// <returns>The summary, or null when the exercise does not exist.</returns>
    /// <exception cref="AccessDeniedException">The person's organisation does not take part in the exercise.</exception>
    public async Task<ExerciseSummary?> ExerciseAsync(Actor actor, int exerciseId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var exercise = await db.Exercises.AsNoTracking().Include(e => e.Proposals).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == exerciseId, ct);
        if (exercise is null)
        {
            return null;
        }

        if (actor.IsSystem || actor.OrganisationId is not { } own
            || !(exercise.LeadCommissionerId == own || exercise.LinkOrganisationId == own || exercise.ProposedByOrganisationId == own || exercise.PartnerIds.Contains(own)))
        {
            access.Deny(actor, "read an exercise summary", $"exercise {exerciseId}");
            throw new AccessDeniedException("This summary is for the organisations taking part in the exercise.");
        }

        var communities = await db.Communities.AsNoTracking().Where(c => exercise.CommunityIds.Contains(c.Id)).Select(c => c.Name).ToListAsync(ct);
        var events = await db.TimetableEvents.AsNoTracking().Where(e => e.ExerciseIds.Contains(exerciseId)).InDateOrder().ToListAsync(ct);
        var calendar = await holidays.GetAsync(ct);
        var linked = await db.Deadlines.AsNoTracking().Include(d => d.Recommendations).ThenInclude(r => r.Milestones)
            .Where(d => d.ExerciseId == exerciseId && d.State != DeadlineState.Withdrawn)
            .OrderBy(d => d.Received).ThenBy(d => d.Id).ToListAsync(ct);
        // The names of the organisations the summary mentions, not the whole directory.
        var names = await NamesAsync(db, ct, [exercise.LeadCommissionerId, exercise.LinkOrganisationId, .. exercise.PartnerIds, .. exercise.LocalityIds,
            .. linked.Select(d => d.ToOrganisationId), .. linked.Select(d => d.SentByOrganisationId)]);
        var proposal = exercise.CurrentProposal;
        return new ExerciseSummary(
            exercise, NameOf(names, exercise.LeadCommissionerId), NameOf(names, exercise.LinkOrganisationId),
            [.. exercise.PartnerIds.Select(id => NameOf(names, id))],
            [.. communities.Order()],
            // Localities are organisations (of the locality kind), not communities.
            [.. exercise.LocalityIds.Select(id => NameOf(names, id)).Order()],
            proposal, proposal is null ? null : JointWorkingOptions.Get(proposal.PrimaryOption), events,
            [.. linked.Where(d => d.Kind == DeadlineKind.ReportResponse).Select(d => Report(d, names, calendar))],
            [.. linked.Where(d => d.Kind != DeadlineKind.ReportResponse).Select(d => Line(d, names, calendar))]);
    }

    /// <summary>
    /// The deadlines between the LINk and one organisation for a liaison meeting: every overdue one, and the open ones due
    /// from <paramref name="from"/> to <paramref name="to"/> (default: today and the next four weeks). Seen by the LINk,
    /// only what it sent; seen by the organisation, everything sent to it.
    /// </summary>
    /// <returns>The report; field messages ("from", "to") for a range that ends before it starts or spans over a year; a problem when the organisation does not exist.</returns>
    /// <exception cref="AccessDeniedException">The person belongs neither to that organisation nor to a LINk.</exception>
    public async Task<Outcome<LiaisonReport>> LiaisonAsync(Actor actor, int organisationId, DateOnly? from, DateOnly? to, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct);
        if (organisation is null)
        {
            return Outcome<LiaisonReport>.Failed("That organisation does not exist.");
        }

        var ownKind = await EnsureLinkOrMemberAsync(db, actor, organisationId, "read the liaison report", ct);
        var today = Today;
        var (start, end) = (from ?? today, to ?? (from ?? today).AddDays(LiaisonDaysAhead));
        if (end < start)
        {
            return Outcome<LiaisonReport>.Invalid(new FieldError("to", "The end of the range must be on or after its start."));
        }

        if (end.DayNumber - start.DayNumber > LiaisonMaxDays)
        {
            return Outcome<LiaisonReport>.Invalid(new FieldError("to", "Choose a range of at most a year."));
        }

        var query = db.Deadlines.AsNoTracking().Where(d => d.ToOrganisationId == organisationId).Where(ResponseDeadline.Open);
        if (ownKind == OrganisationKind.Link && actor.OrganisationId != organisationId)
        {
            query = query.Where(d => d.SentByOrganisationId == actor.OrganisationId);
        }

        var open = await query.Where(d => d.DueDate < today || (d.DueDate >= start && d.DueDate <= end)).OrderBy(d => d.DueDate).ThenBy(d => d.Id).ToListAsync(ct);
        var names = new Dictionary<int, (string, OrganisationKind)> { [organisation.Id] = (organisation.Name, organisation.Kind) };
        var calendar = await holidays.GetAsync(ct);
        return Outcome<LiaisonReport>.Ok(new LiaisonReport(organisation.Id, organisation.Name, start, end, today,
            [.. open.Where(d => d.DueDate < today).Select(d => Line(d, names, calendar))],
            [.. open.Where(d => d.DueDate >= today).Select(d => Line(d, names, calendar))]));
    }

    /// <summary>
    /// The LINk's statutory activity in a financial year, by date of receipt: its requests for information and how each
    /// was answered, its reports with the response to each recommendation, its referrals to scrutiny, the exercises it
    /// took part in (not those cancelled) and what changed as a result, and each organisation's responsiveness.
    /// </summary>
    /// <returns>The report for the actor's LINk and the year (1 April to 31 March); sections with nothing in them are empty.</returns>
    /// <exception cref="AccessDeniedException">The person does not belong to a LINk.</exception>
    public async Task<AnnualReport> AnnualAsync(Actor actor, FinancialYear year, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await OwnKindAsync(db, actor, ct) != OrganisationKind.Link)
        {
            access.Deny(actor, "read the annual report", $"annual report {year.Label}");
            throw new AccessDeniedException("The annual report is the LINk's: only its members can print it.");
        }

        var linkId = actor.OrganisationId!.Value;
        var names = await NamesAsync(db, ct);
        var calendar = await holidays.GetAsync(ct);
        var sent = await db.Deadlines.AsNoTracking().Include(d => d.Recommendations).ThenInclude(r => r.Milestones)
            .Where(d => d.SentByOrganisationId == linkId && d.Received >= year.Start && d.Received <= year.End)
            .OrderBy(d => d.Received).ThenBy(d => d.Id).ToListAsync(ct);
        var reports = sent.Where(d => d.Kind == DeadlineKind.ReportResponse && d.State != DeadlineState.Withdrawn).Select(d => Report(d, names, calendar)).ToList();

        var (start, end) = (year.Start, year.End);
        // A cancelled exercise did not go ahead: the LINk took no part in it.
        var exercises = await db.Exercises.AsNoTracking()
            .Where(e => e.LinkOrganisationId == linkId && e.StartDate <= end && e.EndDate >= start && e.State != ExerciseState.Cancelled)
            .OrderBy(e => e.StartDate).ThenBy(e => e.Title).ToListAsync(ct);
        var exerciseIds = exercises.Select(e => e.Id).ToList();
        // What changed may come from a report of any year about an exercise that ran in this one.
        var exerciseReports = await db.Deadlines.AsNoTracking().Include(d => d.Recommendations).ThenInclude(r => r.Milestones)
            .Where(d => d.Kind == DeadlineKind.ReportResponse && d.State != DeadlineState.Withdrawn && d.ExerciseId != null && exerciseIds.Contains(d.ExerciseId.Value))
            .ToListAsync(ct);
        var annualExercises = exercises.Select(e => new AnnualExercise(
            e.Id, e.Title, NameOf(names, e.LeadCommissionerId), e.State, e.CurrentOption, e.AgreementStatus, e.StartDate, e.EndDate, e.DecisionInformed,
            [.. exerciseReports.Where(d => d.ExerciseId == e.Id).OrderBy(d => d.Received).SelectMany(d => d.Recommendations.OrderBy(r => r.Number))
                .Where(r => r.Response is RecommendationResponse.Accepted or RecommendationResponse.PartlyAccepted)
                .Select(Recommendation)])).ToList();

        var lines = sent.Select(d => Line(d, names, calendar)).ToList();
        return new AnnualReport(linkId, NameOf(names, linkId), year,
            [.. lines.Where(l => l.Kind == DeadlineKind.InformationRequest)],
            reports,
            [.. lines.Where(l => l.Kind == DeadlineKind.ScrutinyReferral)],
            [.. lines.Where(l => l.Kind == DeadlineKind.Custom)],
            annualExercises,
            await deadlines.ResponsivenessAsync(year, ct: ct));
    }

    private static async Task<OrganisationKind?> OwnKindAsync(EngagementHubDbContext db, Actor actor, CancellationToken ct) =>
        actor.IsSystem || actor.OrganisationId is not { } own
            ? null
            : await db.Organisations.AsNoTracking().Where(o => o.Id == own).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct);

    /// <summary>Members of the organisation itself, or of a LINk (which sent what the report counts); refuses anyone else.</summary>
    private async Task<OrganisationKind?> EnsureLinkOrMemberAsync(EngagementHubDbContext db, Actor actor, int organisationId, string action, CancellationToken ct)
    {
        var ownKind = await OwnKindAsync(db, actor, ct);
        if (ownKind is null || (ownKind != OrganisationKind.Link && actor.OrganisationId != organisationId))
        {
            access.Deny(actor, action, $"organisation {organisationId}");
            throw new AccessDeniedException("This report is for the organisation it is about and the LINk.");
        }

        return ownKind;
    }

    /// <summary>The names and kinds of the organisations <paramref name="only"/> lists, or of every one when it is null.</summary>
    private static async Task<Dictionary<int, (string Name, OrganisationKind Kind)>> NamesAsync(EngagementHubDbContext db, CancellationToken ct, List<int>? only = null) =>
        (await db.Organisations.AsNoTracking().Where(o => only == null || only.Contains(o.Id)).Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(ct))
            .ToDictionary(o => o.Id, o => (o.Name, o.Kind));

    private static string NameOf(IReadOnlyDictionary<int, (string Name, OrganisationKind Kind)> names, int id) =>
        names.TryGetValue(id, out var found) ? found.Name : Organisation.UnknownName;

    private ReportDeadline Line(ResponseDeadline d, IReadOnlyDictionary<int, (string Name, OrganisationKind Kind)> names, WorkingDayCalendar calendar) =>
        Line(d.Id, d.KindName, d.Kind, d.Subject, NameOf(names, d.ToOrganisationId), Record(d, names), d.Answer, d.ExerciseId, calendar);

    private ReportDeadline Line(
        int id, string kindName, DeadlineKind kind, string subject, string to, ResponsivenessRecord record, string? answer, int? exerciseId, WorkingDayCalendar calendar) =>
        new(id, kindName, kind, subject, to, record.Received, record.DueDate, record.LapsedDueDate, ResponsivenessRules.Describe(record, calendar, Today),
            ResponsivenessRules.IsOverdue(record, Today), answer, exerciseId);

    private ReportOfTheLink Report(ResponseDeadline d, IReadOnlyDictionary<int, (string Name, OrganisationKind Kind)> names, WorkingDayCalendar calendar) =>
        new(Line(d, names, calendar), [.. d.Recommendations.OrderBy(r => r.Number).Select(Recommendation)]);

    private static ReportRecommendation Recommendation(Recommendation r) => new(
        r.Number, r.Text, r.Response, r.ResponseText, r.RespondedAt, r.Implementation, r.PlannedDate, r.ChangeMade, r.DroppedReason,
        r.Implementation is null ? null : r.Milestones.OrderByDescending(m => m.On).ThenByDescending(m => m.Id).Select(m => new RegisterMilestone(m.On, m.Text)).FirstOrDefault(),
        r.LinkVerdict, r.LinkComment, r.EarlierResponse, r.EarlierRespondedAt);

    private static ResponsivenessRecord Record(ResponseDeadline d, IReadOnlyDictionary<int, (string Name, OrganisationKind Kind)> names) =>
        new(d.ToOrganisationId, NameOf(names, d.ToOrganisationId), names.TryGetValue(d.ToOrganisationId, out var to) ? to.Kind : OrganisationKind.Commissioner,
            d.State, d.DischargedBy, d.Received, d.DueDate, d.LapsedDueDate, d.AcknowledgedAt is { } at ? UkTime.Today(at) : null, d.AnsweredOn, d.WorkingDaysLate,
            d.EscalatedToDeadlineId is not null);
}
