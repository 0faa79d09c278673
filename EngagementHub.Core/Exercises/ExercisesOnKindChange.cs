using EngagementHub.Core.Data;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Exercises;

/// <summary>
/// An exercise is led by a commissioner (ADR 11): while one it leads is still going on (not closed or cancelled), the
/// organisation stays a commissioner (2026-12-03). Closed and cancelled exercises are history and keep their lead.
/// </summary>
public sealed class ExercisesOnKindChange : IOrganisationKindChange
{
    /// <returns>"It cannot become a provider yet: it leads exercises still going on, which only a commissioner may lead:
    /// "…". Close or cancel them first, or keep its kind." naming at most three; null when it leads none, or stays a
    /// commissioner. Reads only: it refuses nobody (the directory checked the administrator).</returns>
    public async Task<string?> RefuseAsync(EngagementHubDbContext db, Organisation organisation, OrganisationKind newKind, CancellationToken ct = default)
    {
        if (newKind == OrganisationKind.Commissioner)
        {
            return null;
        }

        var led = await db.Exercises.AsNoTracking()
            .Where(e => e.LeadCommissionerId == organisation.Id && e.State != ExerciseState.Closed && e.State != ExerciseState.Cancelled)
            .OrderBy(e => e.StartDate).ThenBy(e => e.Id).Select(e => e.Title).ToListAsync(ct);
        return led.Count == 0 ? null
            : $"It cannot become {newKind.WithArticle()} yet: it leads exercises still going on, which only a commissioner may lead: "
              + IOrganisationKindChange.FirstThree([.. led.Select(t => $"\u201C{t}\u201D")])
              + ". Close or cancel them first, or keep its kind.";
    }
}
