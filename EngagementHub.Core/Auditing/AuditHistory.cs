using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Auditing;

/// <summary>Reads the recorded history of an entity, newest first, for the "History" panels of each feature.</summary>
public sealed class AuditHistory(IDbContextFactory<EngagementHubDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AuditEntry>> ForAsync(string entityType, string entityId, int take = 100, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderByDescending(a => a.Id)
            .Take(take)
            .ToListAsync(ct);
    }

    /// <summary>The latest change to an entity, to tell a second editor who saved before them.</summary>
    public async Task<AuditEntry?> LatestAsync(string entityType, string entityId, CancellationToken ct = default) =>
        (await ForAsync(entityType, entityId, 1, ct)).FirstOrDefault();

    /// <summary>
    /// The message for a second editor whose save was refused because someone saved first: who, when, and what they changed.
    /// </summary>
    public async Task<string> DescribeConflictAsync(string entityType, string entityId, string noun, CancellationToken ct = default)
    {
        var latest = await LatestAsync(entityType, entityId, ct);
        if (latest is null || latest.Action == AuditAction.Deleted)
        {
            return $"This {noun} was removed by someone else while you were editing it. Your changes were not saved.";
        }

        var fields = latest.Changes.Count == 0 ? "" : $" (changed: {string.Join(", ", latest.Changes.Select(c => AuditText.PropertyLabel(c.Property)).Distinct())})";
        return $"{UntrustedText.Isolate(latest.UserName)} saved this {noun} on {UkTime.Format(latest.At)} while you were editing it{fields}. "
               + "Your changes were not saved: reload to see theirs, then make your change again.";
    }

    /// <summary>
    /// Saves as <paramref name="actor"/>; when someone else saved the same row first, says who, when and what instead
    /// of overwriting their change. Every service's edits go through here.
    /// </summary>
    public async Task<Outcome> SaveOrDescribeConflictAsync(
        EngagementHubDbContext db, Actor actor, string entityType, int id, string noun, CancellationToken ct = default)
    {
        try
        {
            await db.ActingAs(actor).SaveChangesAsync(ct);
            return Outcome.Success;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Failed(await DescribeConflictAsync(entityType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), noun, ct));
        }
    }
}
