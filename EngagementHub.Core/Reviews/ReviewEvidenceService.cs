using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Core.Reviews;

/// <summary>Loads what <see cref="ReviewEvidence"/> words, through the services that own each figure.</summary>
public sealed class ReviewEvidenceService(
    TimetableQueries timetables, DeadlineService deadlines, YouSaidWeDidRegister register, Communities.CommunityCatalogue communities)
{
    /// <returns>The evidence lines for a round's year and commissioner (all commissioners when null), by criterion.</returns>
    public async Task<IReadOnlyList<EvidenceLine>> ForAsync(FinancialYear year, int? commissionerId, CancellationToken ct = default)
    {
        var thisYear = await timetables.YearAsync(year, ct: ct);
        var yearBefore = await timetables.YearAsync(new FinancialYear(year.StartYear - 1), ct: ct);
        var entries = await register.ListAsync(new RegisterFilter(CommissionerId: commissionerId, Year: year), ct);
        var figures = await deadlines.ResponsivenessAsync(year, commissionerId, ct);
        var commissioners = commissionerId is null
            ? figures.Where(f => f.Kind == Organisations.OrganisationKind.Commissioner).ToList()
            : figures;
        var communityNames = (await communities.ListAsync(ct)).ToDictionary(c => c.Id, c => c.Name);

        List<EvidenceLine?> lines =
        [
            .. ReviewEvidence.InputBeforeDecisions(year, thisYear.Events, thisYear.Exercises, commissionerId),
            ReviewEvidence.RecommendationsFollowedUp(year, entries),
            ReviewEvidence.TimetableAgreed(year, thisYear.Timetable),
            ReviewEvidence.Coordination(year, thisYear.Warnings, thisYear.Exercises, commissionerId),
            ReviewEvidence.Answering(year, commissioners),
            ReviewEvidence.CommunitiesReached(year, thisYear.Exercises, yearBefore.Exercises, communityNames),
        ];
        return [.. lines.OfType<EvidenceLine>()];
    }
}
