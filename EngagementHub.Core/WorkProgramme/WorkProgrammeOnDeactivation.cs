using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>
/// What of the LINk's work programme waits on a deactivated organisation (docs/conventions.md, "An organisation
/// deactivated"): an issue the panel handed to it, whose hand-off can no longer be agreed, tells the LINk
/// (<see cref="WorkProgrammeNotices.PartnerDeactivatedAsync"/>); an issue on a deactivated LINk's programme, raised
/// through another organisation and not yet closed, tells that organisation (<see cref="WorkProgrammeNotices.LinkDeactivatedAsync"/>).
/// Nothing on the issues changes. A deadline or exercise that came of an issue is settled by its own feature's step.
/// </summary>
public sealed class WorkProgrammeOnDeactivation : IOrganisationDeactivation
{
    /// <summary>
    /// Adds, in id order, the LINk's notice for each issue handed to <paramref name="organisation"/> whose referrer has
    /// not yet been told (the hand-off still open), then the notice to the organisation each issue on
    /// <paramref name="organisation"/>'s programme was raised through, for those raised outside it and not yet closed.
    /// Adds to <paramref name="db"/> without saving.
    /// </summary>
    /// <param name="db">The deactivation's context, saved by the caller with the organisation.</param>
    /// <param name="actor">The administrator deactivating it (the caller checked the right); not told.</param>
    /// <param name="organisation">The organisation being deactivated.</param>
    /// <param name="now">The moment of the deactivation (UTC).</param>
    /// <param name="ct">Cancels the reads; nothing is saved.</param>
    /// <returns>A task that completes once every notice is added. Refuses nobody: the directory checked the administrator.</returns>
    public async Task OrganisationDeactivatedAsync(EngagementHubDbContext db, Actor actor, Organisation organisation, DateTimeOffset now, CancellationToken ct = default)
    {
        var handedTo = await db.RaisedIssues.AsNoTracking()
            .Where(i => i.PartnerOrganisationId == organisation.Id && i.Outcome == PanelOutcome.WorkWithAnotherOrganisation && i.Step == IssueStep.Decided)
            .OrderBy(i => i.Id).ToListAsync(ct);
        foreach (var issue in handedTo)
        {
            await WorkProgrammeNotices.PartnerDeactivatedAsync(db, actor, issue, organisation.Name, now, ct);
        }

        var onItsProgramme = await db.RaisedIssues.AsNoTracking()
            .Where(i => i.LinkOrganisationId == organisation.Id && i.Step != IssueStep.FeedbackGiven && i.RaisedThroughOrganisationId != organisation.Id)
            .OrderBy(i => i.Id).ToListAsync(ct);
        foreach (var issue in onItsProgramme)
        {
            await WorkProgrammeNotices.LinkDeactivatedAsync(db, actor, issue, organisation.Name, now, ct);
        }
    }
}
