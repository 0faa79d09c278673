using System.Linq.Expressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

/// <summary>Where a recommendation stands, from the response through its implementation: one word for a register row.</summary>
public enum RegisterStage
{
    /// <summary>No response recorded yet.</summary>
    AwaitingResponse,
    UnderConsideration,
    NotAccepted,
    /// <summary>Accepted (in whole or part), with no implementation recorded yet.</summary>
    AcceptedNotYetPlanned,
    Planned,
    InProgress,
    Done,
    Dropped,
}

/// <summary>The register's filters; null means any. <paramref name="Year"/> is the financial year the report was received in.</summary>
public sealed record RegisterFilter(int? CommissionerId = null, FinancialYear? Year = null, RegisterStage? Stage = null, int? ExerciseId = null);

/// <summary>A dated step in a register row: when and what, without who.</summary>
public sealed record RegisterMilestone(DateOnly On, string Text);

/// <summary>
/// One row of the "you said, we did" register. Safe to show to anyone: it carries organisations, the report, the
/// recommendation, the response and its implementation, and no person's name or contact details.
/// </summary>
/// <param name="RecommendationId">The recommendation's id.</param>
/// <param name="Number">Its number within the report, from 1.</param>
/// <param name="Recommendation">What the LINk recommended, in its words.</param>
/// <param name="DeadlineId">The report's deadline, whose page shows the whole report.</param>
/// <param name="Report">The report's subject.</param>
/// <param name="Received">The day the report was received; its financial year is <paramref name="Year"/>.</param>
/// <param name="Year">The financial year (1 April to 31 March) the report was received in.</param>
/// <param name="CommissionerId">The organisation the report was sent to.</param>
/// <param name="Commissioner">The organisation the report was sent to, which responds and carries it out.</param>
/// <param name="ExerciseId">The engagement exercise the report came from, if any.</param>
/// <param name="Exercise">That exercise's title.</param>
/// <param name="Response">What the organisation said: pending, under consideration, accepted, partly, or not.</param>
/// <param name="ResponseText">Its response in its own words.</param>
/// <param name="RespondedOn">The UK date the current response was given, if one was.</param>
/// <param name="EarlierResponse">The response the current one replaced (a changed mind), if any; null while the first stands.</param>
/// <param name="EarlierResponseText">What was said with it.</param>
/// <param name="EarlierRespondedOn">The UK date it was given.</param>
/// <param name="Stage">Where the recommendation stands, from the response and the implementation (<see cref="YouSaidWeDidRegister.StageOf"/>).</param>
/// <param name="Implementation">Where carrying it out stands; null until first recorded, and when it is not (or no longer) accepted.</param>
/// <param name="PlannedDate">The UK date it is planned to be done by.</param>
/// <param name="DroppedReason">Why it was dropped after being accepted.</param>
/// <param name="ChangeMade">The decision or service change it led to, in the organisation's words.</param>
/// <param name="UpdatedOn">The UK date the implementation was last recorded or a milestone added.</param>
/// <param name="LatestMilestone">The newest dated step of the implementation, if any; null while no implementation is recorded.</param>
/// <param name="LinkVerdict">The LINk's view of whether it was met; null until given, and again once the response or the
/// implementation it judged has changed (<see cref="Deadlines.Recommendation.RecordImplementation"/>).</param>
/// <param name="LinkComment">The LINk's comment on its verdict.</param>
/// <param name="PlannedDateMissed">Planned or in progress, with the planned date passed (UK today) and no update since.</param>
public sealed record RegisterEntry(
    int RecommendationId, int Number, string Recommendation,
    int DeadlineId, string Report, DateOnly Received, FinancialYear Year,
    int CommissionerId, string Commissioner,
    int? ExerciseId, string? Exercise,
    RecommendationResponse Response, string? ResponseText, DateOnly? RespondedOn,
    RecommendationResponse? EarlierResponse, string? EarlierResponseText, DateOnly? EarlierRespondedOn,
    RegisterStage Stage, ImplementationStatus? Implementation, DateOnly? PlannedDate, string? DroppedReason, string? ChangeMade, DateOnly? UpdatedOn,
    RegisterMilestone? LatestMilestone, LinkVerdict? LinkVerdict, string? LinkComment, bool PlannedDateMissed);

/// <summary>
/// The "you said, we did" register (ADR 0016): every recommendation the LINk made, what the organisation it went to
/// said, what became of it and whether the LINk agrees it was met. Read-only, for everyone in the partnership; its rows
/// hold nothing personal, so a public page can list them as they are.
/// </summary>
public sealed class YouSaidWeDidRegister(IDbContextFactory<EngagementHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// The reports whose recommendations the register lists: everything but what the LINk withdrew. The one place
    /// that rule lives.
    /// </summary>
    public static readonly Expression<Func<ResponseDeadline, bool>> Listed = d => d.State != DeadlineState.Withdrawn;

    /// <summary>The register's one word for a recommendation: the response until it is accepted, then the implementation.</summary>
    /// <returns>Where a recommendation stands, from its response and implementation. A calculation: it refuses
    /// nothing.</returns>
    public static RegisterStage StageOf(RecommendationResponse response, ImplementationStatus? implementation) => response switch
    {
        RecommendationResponse.Pending => RegisterStage.AwaitingResponse,
        RecommendationResponse.UnderConsideration => RegisterStage.UnderConsideration,
        RecommendationResponse.NotAccepted => RegisterStage.NotAccepted,
        _ => implementation switch
        {
            ImplementationStatus.Planned => RegisterStage.Planned,
            ImplementationStatus.InProgress => RegisterStage.InProgress,
            ImplementationStatus.Done => RegisterStage.Done,
            ImplementationStatus.Dropped => RegisterStage.Dropped,
            _ => RegisterStage.AcceptedNotYetPlanned,
        },
    };

    /// <summary>The register, for everyone in the partnership (its rows hold nothing personal); refuses nobody. Not paged.</summary>
    /// <returns>
    /// The rows matching <paramref name="filter"/>, newest report first, then by recommendation number. Reports the LINk
    /// withdrew are left out (<see cref="Listed"/>).
    /// </returns>
    public Task<IReadOnlyList<RegisterEntry>> ListAsync(RegisterFilter filter, CancellationToken ct = default) =>
        ListAsync(filter, Listed, ct);

    /// <returns>
    /// As <see cref="ListAsync(RegisterFilter, CancellationToken)"/>, for the reports <paramref name="reports"/> selects
    /// as well as <see cref="Listed"/> (the public site passes its visibility rule). Refuses nobody.</returns>
    public async Task<IReadOnlyList<RegisterEntry>> ListAsync(RegisterFilter filter, Expression<Func<ResponseDeadline, bool>> reports, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deadlines = db.Deadlines.AsNoTracking().Where(Listed).Where(reports);
        if (filter.CommissionerId is { } commissioner)
        {
            deadlines = deadlines.Where(d => d.ToOrganisationId == commissioner);
        }

        if (filter.Year is { } year)
        {
            var (start, end) = (year.Start, year.End);
            deadlines = deadlines.Where(d => d.Received >= start && d.Received <= end);
        }

        if (filter.ExerciseId is { } exercise)
        {
            deadlines = deadlines.Where(d => d.ExerciseId == exercise);
        }

        var rows = await (from r in db.Recommendations.AsNoTracking()
                          join d in deadlines on r.DeadlineId equals d.Id
                          join o in db.Organisations on d.ToOrganisationId equals o.Id
                          join e in db.Exercises on d.ExerciseId equals e.Id into exercises
                          from e in exercises.DefaultIfEmpty()
                          select new
                          {
                              r.Id, r.Number, r.Text, DeadlineId = d.Id, d.Subject, d.Received, OrganisationId = o.Id, OrganisationName = o.Name,
                              d.ExerciseId, ExerciseTitle = e == null ? null : e.Title,
                              r.Response, r.ResponseText, r.RespondedAt, r.EarlierResponse, r.EarlierResponseText, r.EarlierRespondedAt, r.Implementation, r.PlannedDate, r.DroppedReason, r.ChangeMade,
                              r.ImplementationUpdatedAt, r.LinkVerdict, r.LinkComment,
                          })
            .ToListAsync(ct);

        var ids = rows.Select(r => r.Id).ToList();
        var milestones = ids.Count == 0
            ? []
            : (await db.ImplementationMilestones.AsNoTracking().Where(m => ids.Contains(m.RecommendationId))
                .Select(m => new { m.RecommendationId, m.Id, m.On, m.Text }).ToListAsync(ct))
            .GroupBy(m => m.RecommendationId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.On).ThenByDescending(m => m.Id).Select(m => new RegisterMilestone(m.On, m.Text)).First());

        var today = UkTime.Today(clock);
        return rows
            .Select(r =>
            {
                var stage = StageOf(r.Response, r.Implementation);
                var missed = r.Response is RecommendationResponse.Accepted or RecommendationResponse.PartlyAccepted
                             && Recommendation.PlannedDatePassedWithoutUpdate(r.Implementation, r.PlannedDate, r.ImplementationUpdatedAt, today);
                return new RegisterEntry(
                    r.Id, r.Number, r.Text, r.DeadlineId, r.Subject, r.Received, FinancialYear.Containing(r.Received), r.OrganisationId, r.OrganisationName,
                    r.ExerciseId, r.ExerciseTitle, r.Response, r.ResponseText, r.RespondedAt is { } at ? UkTime.Today(at) : null,
                    r.EarlierResponse, r.EarlierResponseText, r.EarlierRespondedAt is { } earlier ? UkTime.Today(earlier) : null,
                    stage, r.Implementation, r.PlannedDate, r.DroppedReason, r.ChangeMade,
                    r.ImplementationUpdatedAt is { } u ? UkTime.Today(u) : null,
                    r.Implementation is null ? null : milestones.GetValueOrDefault(r.Id), r.LinkVerdict, r.LinkComment, missed);
            })
            .Where(r => filter.Stage is not { } wanted || r.Stage == wanted)
            .OrderByDescending(r => r.Received).ThenByDescending(r => r.DeadlineId).ThenBy(r => r.Number)
            .ToList();
    }
}
