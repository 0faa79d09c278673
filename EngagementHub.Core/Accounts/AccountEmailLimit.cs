using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Core.Accounts;

/// <summary>
/// At most <see cref="PerHour"/> account e-mails of one kind to one person in any hour, whoever asks for them, from any
/// network address, on any node (ADR 18). The request limit per address (the web app's sign-in rate limit) cannot do
/// this: it counts requests, not the person they reach, and each node counts its own. So each person has
/// <see cref="PerHour"/> places per kind in the database (<see cref="AccountEmailSlot"/>): an e-mail takes a free one
/// before it goes, and a place is free again <see cref="Window"/> after it was taken. ASP.NET Core's rate limiters keep
/// their counts in one node's memory, and the distributed ones need a store (Redis) this app does not run, hence a table.
/// </summary>
public sealed class AccountEmailLimit(IDbContextFactory<EngagementHubDbContext> dbFactory, TimeProvider clock, ILogger<AccountEmailLimit> logger)
{
    /// <summary>Account e-mails of one kind one person may be sent in any <see cref="Window"/>.</summary>
    public const int PerHour = 3;

    /// <summary>How long a place stays taken.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>
    /// Runs <paramref name="send"/> when the person has a place left for <paramref name="kind"/>, taking it first, so two
    /// nodes sending at once cannot both use the last one. A send that throws gives its place back: a mail server that is
    /// down does not use up the person's e-mails. Refuses nobody (the caller decided the e-mail is due).
    /// </summary>
    /// <param name="userId">The person the e-mail goes to.</param>
    /// <param name="kind">The kind of e-mail, each limited on its own.</param>
    /// <param name="send">Sends the e-mail.</param>
    /// <param name="ct">Cancels the look-up; a send already begun gives its place back when cancelled.</param>
    /// <returns>True when it was sent; false when <see cref="PerHour"/> e-mails of the kind went to the person in the last
    /// <see cref="Window"/> (UTC clock), and nothing was sent.</returns>
    /// <exception cref="Exception">Whatever <paramref name="send"/> threw (its place given back first), or the database's own failure.</exception>
    public async Task<bool> SendAsync(string userId, AccountEmailKind kind, Func<Task> send, CancellationToken ct = default)
    {
        if (await TakeAsync(userId, kind, clock.GetUtcNow(), ct) is not { } taken)
        {
            return false;
        }

        try
        {
            await send();
        }
        catch (Exception)
        {
            await GiveBackAsync(taken);
            throw;
        }

        return true;
    }

    /// <returns>The place taken, or null when none is free.</returns>
    private async Task<Taken?> TakeAsync(string userId, AccountEmailKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var freeUpTo = now - Window;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var places = await db.AccountEmailSlots.AsNoTracking().Where(s => s.UserId == userId && s.Kind == kind)
            .ToDictionaryAsync(s => s.Slot, s => s.TakenAt, ct);
        for (var slot = 0; slot < PerHour; slot++)
        {
            if (places.TryGetValue(slot, out var takenAt))
            {
                // Taken by whichever node's update still finds it free.
                if (takenAt <= freeUpTo && await db.AccountEmailSlots
                        .Where(s => s.UserId == userId && s.Kind == kind && s.Slot == slot && s.TakenAt <= freeUpTo)
                        .ExecuteUpdateAsync(s => s.SetProperty(p => p.TakenAt, now), ct) == 1)
                {
                    return new Taken(userId, kind, slot, takenAt, now);
                }

                continue;
            }

            db.AccountEmailSlots.Add(new AccountEmailSlot(userId, kind, slot, now));
            try
            {
                await db.SaveChangesAsync(ct);
                return new Taken(userId, kind, slot, null, now);
            }
            catch (DbUpdateException)
            {
                // Only another node taking the same place first is expected; anything else is rethrown.
                db.ChangeTracker.Clear();
                if (!await db.AccountEmailSlots.AnyAsync(s => s.UserId == userId && s.Kind == kind && s.Slot == slot, ct))
                {
                    throw;
                }
            }
        }

        return null;
    }

    /// <summary>Frees the place again (as it was before, or removed when it was new), unless another e-mail took it since.</summary>
    private async Task GiveBackAsync(Taken taken)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            var place = db.AccountEmailSlots.Where(s => s.UserId == taken.UserId && s.Kind == taken.Kind && s.Slot == taken.Slot && s.TakenAt == taken.At);
            if (taken.Before is { } before)
            {
                await place.ExecuteUpdateAsync(s => s.SetProperty(p => p.TakenAt, before));
            }
            else
            {
                await place.ExecuteDeleteAsync();
            }
        }
        catch (Exception failure)
        {
            // The send's own failure is what the caller hears of; the place is free again within the hour anyway.
            logger.LogError(failure, "An account e-mail's place ({Kind}) for {UserId} could not be given back after the send failed", taken.Kind, taken.UserId);
        }
    }

    private sealed record Taken(string UserId, AccountEmailKind Kind, int Slot, DateTimeOffset? Before, DateTimeOffset At);
}
