using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Auditing;

/// <summary>Reads the recorded history of an entity, newest first, for the "History" panels of each feature.</summary>
public sealed class AuditHistory(IDbContextFactory<EngagementHubDbContext> dbFactory)
{
    /// <summary>The history of one entity, for everyone who may read the entity's page; refuses nobody.</summary>
    /// <param name="entityType">The entity's type name, e.g. <c>nameof(ResponseDeadline)</c>.</param>
    /// <param name="entityId">The entity's key as text.</param>
    /// <param name="take">The most entries returned, the newest (default 100); older ones are not returned.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>Up to <paramref name="take"/> changes to the entity, newest first.</returns>
    public async Task<IReadOnlyList<AuditEntry>> ForAsync(string entityType, string entityId, int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderByDescending(a => a.Id)
            .Take(take)
            .ToListAsync(ct);
    }

    /// <summary>The latest change to an entity, or null when none is recorded.</summary>
    /// <returns>The newest entry recorded for the entity, or null when none is. Refuses nobody: the caller read the
    /// entity under its own rights, and the entry names only what the history panel shows.</returns>
    public async Task<AuditEntry?> LatestAsync(string entityType, string entityId, CancellationToken ct = default) =>
        (await ForAsync(entityType, entityId, 1, ct)).FirstOrDefault();
}
