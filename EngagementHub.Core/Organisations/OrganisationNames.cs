using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Organisations;

/// <summary>
/// The names of the organisations one record refers to: one small read, not the whole directory (docs/conventions.md,
/// "A page that shows one record reads what it shows").
/// </summary>
internal static class OrganisationNames
{
    /// <summary>The names of the organisations with these ids, deactivated ones included.</summary>
    /// <param name="db">The read's context; nothing is tracked.</param>
    /// <param name="ids">The ids the record holds; repeats are read once.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>Each id found with its name; an id of no organisation is left out (the caller says what stands in).</returns>
    /// <exception cref="Exception">The database's own failure.</exception>
    public static async Task<Dictionary<int, string>> OrganisationNamesAsync(this EngagementHubDbContext db, IEnumerable<int> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
