using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Reviews;

/// <summary>Loads what <see cref="ReviewEvidence"/> words, through the services that own each figure.</summary>
public sealed class ReviewEvidenceService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, TimetableQueries timetables, DeadlineService deadlines, YouSaidWeDidRegister register,
    Communities.CommunityCatalogue communities, TimeProvider clock)
{
    /// <returns>
    /// The evidence lines for a round's year and commissioner (all commissioners when null), by criterion. Every figure
    /// about the commissioners' side counts only the commissioners in the round: the one reviewed, or every organisation
    /// of the commissioner kind in a round with all (the same organisations <see cref="ReviewService.SideOf"/> lets rate);
    /// never a provider's, the scrutiny committee's or a partnership's records. Refuses nobody: the evidence comes from
    /// records the partnership shares.</returns>
    public async Task<IReadOnlyList<EvidenceLine>> ForAsync(FinancialYear year, int? commissionerId, CancellationToken ct = default)
    {
        var (commissioners, promises) = await RoundRecordsAsync(year, commissionerId, ct);
        var thisYear = await timetables.YearAsync(year, ct: ct);
        var yearBefore = await timetables.YearAsync(new FinancialYear(year.StartYear - 1), ct: ct);
        var entries = await register.ListAsync(new RegisterFilter(CommissionerId: commissionerId, Year: year), ct);
        var figures = await deadlines.ResponsivenessAsync(year, commissionerId, ct);
        var communityNames = (await communities.ListAsync(ct)).ToDictionary(c => c.Id, c => c.Name);

        List<EvidenceLine?> lines =
        [
            .. ReviewEvidence.InputBeforeDecisions(year, thisYear.Events, thisYear.Exercises, commissioners),
            ReviewEvidence.RecommendationsFollowedUp(year, entries, commissioners),
            ReviewEvidence.TimetableAgreed(year, thisYear.Timetable, commissioners),
            ReviewEvidence.Coordination(year, thisYear.Warnings, thisYear.Exercises, commissioners),
            ReviewEvidence.Answering(year, figures, commissioners),
            ReviewEvidence.CommunitiesReached(year, thisYear.Exercises, yearBefore.Exercises, communityNames, commissioners),
            ReviewEvidence.LinkDeadlinesMet(year, promises.Feedback, promises.Actions, UkTime.Today(clock)),
        ];
        return [.. lines.OfType<EvidenceLine>()];
    }

    private sealed record Promises(IReadOnlyList<LinkPromise> Feedback, IReadOnlyList<LinkPromise> Actions);

    /// <summary>The commissioners in the round, and the LINk's dated promises falling due in the year.</summary>
    private async Task<(IReadOnlySet<int> Commissioners, Promises Promises)> RoundRecordsAsync(
        FinancialYear year, int? commissionerId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        HashSet<int> commissioners = commissionerId is { } one
            ? [one]
            : [.. await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Commissioner).Select(o => o.Id).ToListAsync(ct)];

        var (start, end) = (year.Start, year.End);
        // Only counts leave here: the referrer's name and contact are never read.
        var feedback = await db.RaisedIssues.AsNoTracking()
            .Where(i => i.FeedbackDue != null && i.FeedbackDue >= start && i.FeedbackDue <= end)
            .Select(i => new LinkPromise(i.FeedbackDue!.Value, i.FeedbackGivenOn))
            .ToListAsync(ct);
        var actions = await (from a in db.ReviewActions.AsNoTracking()
                             join r in db.ReviewRounds.AsNoTracking() on a.RoundId equals r.Id
                             where a.DueOn >= start && a.DueOn <= end && a.OwnerOrganisationId == r.LinkOrganisationId
                                   && (commissionerId == null || r.CommissionerOrganisationId == commissionerId)
                             select new LinkPromise(a.DueOn, a.DoneOn))
            .ToListAsync(ct);
        return (commissioners, new Promises(feedback, actions));
    }
}
