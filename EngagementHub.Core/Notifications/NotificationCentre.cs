using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Notifications;

/// <summary>
/// A person's own in-app notifications. Every query is scoped to the actor: nobody reads or marks another's. Their own
/// means addressed to them as a member of the organisation they are in now (<see cref="Notification.StillTheirs"/>):
/// what they were told at an organisation they have since left is not listed, counted or marked (ADR 4).
/// </summary>
public sealed class NotificationCentre(IDbContextFactory<EngagementHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The most notifications <see cref="ListAsync"/> returns: the newest this many; older ones stay stored but are not listed.</summary>
    public const int PageSize = 100;

    /// <summary>How many of the actor's own notifications are unread, for the bell.</summary>
    /// <returns>The count, less any addressed under an organisation they have left; 0 for the system actor. Refuses
    /// nobody: it reads only the actor's own.</returns>
    public async Task<int> UnreadCountAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).Where(Notification.StillTheirs(db)).CountAsync(ct);
    }

    /// <summary>The actor's own newest <see cref="PageSize"/> notifications, newest first; older ones are not returned.</summary>
    /// <returns>At most <see cref="PageSize"/> notifications, none addressed under an organisation the actor has left; none
    /// for the system actor. Refuses nobody.</returns>
    public async Task<IReadOnlyList<Notification>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).Where(Notification.StillTheirs(db))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize).ToListAsync(ct);
    }

    /// <summary>
    /// The notifications recorded after <paramref name="afterId"/>, by anyone, as (newest id, the people they are for):
    /// one indexed query a node makes every few seconds so the open bells of those people refresh. With
    /// <paramref name="afterId"/> null, only the newest id (and nobody), to start from.
    /// </summary>
    /// <returns>The newest notification id (0 when there are none), and the user ids the new ones are for. Refuses
    /// nobody: it carries ids, not what the notifications say.</returns>
    public async Task<(long LatestId, IReadOnlySet<string> UserIds)> RecordedSinceAsync(long? afterId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (afterId is not { } after)
        {
            return (await db.Notifications.MaxAsync(n => (long?)n.Id, ct) ?? 0, new HashSet<string>());
        }

        var rows = await db.Notifications.AsNoTracking().Where(n => n.Id > after).Select(n => new { n.Id, n.UserId }).ToListAsync(ct);
        return rows.Count == 0 ? (after, new HashSet<string>()) : (rows.Max(r => r.Id), rows.Select(r => r.UserId).ToHashSet());
    }

    /// <summary>
    /// Marks one of the actor's own notifications read. Refuses nobody: another person's, one addressed under an
    /// organisation the actor has left, or one that is gone, is left alone without a word, as the id names nothing of theirs.
    /// </summary>
    public async Task MarkReadAsync(Actor actor, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Notifications.Where(n => n.Id == id && n.UserId == actor.UserId).Where(Notification.StillTheirs(db)).FirstOrDefaultAsync(ct) is { } notification)
        {
            notification.MarkRead(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Marks all the actor's own unread notifications read.</summary>
    /// <returns>How many were marked (those the bell counts: none addressed under an organisation the actor has left); 0 for
    /// the system actor. Refuses nobody.</returns>
    public async Task<int> MarkAllReadAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.UserId is not { } userId)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var unread = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).Where(Notification.StillTheirs(db)).ToListAsync(ct);
        unread.ForEach(n => n.MarkRead(now));
        await db.SaveChangesAsync(ct);
        return unread.Count;
    }
}
