using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Communities;

/// <summary>The shared list of communities, for choosing and filtering.</summary>
public sealed class CommunityCatalogue(IDbContextFactory<EngagementHubDbContext> dbFactory)
{
    /// <summary>Every community, by name, for everyone to read; refuses nobody. Not paged.</summary>
    /// <returns>The communities, untracked.</returns>
    public async Task<IReadOnlyList<Community>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Communities.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
    }
}
