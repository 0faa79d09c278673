using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EngagementHub.Core.Data;

/// <summary>
/// One record per intent: a service that creates or submits something looks up the form's <see cref="SubmissionKey"/>
/// first and saves through <c>SaveOnceAsync</c>, which records the key with the result in the same transaction.
/// A second submission of the same form (double-click, two Enters, a retry after a reconnect) gets the first one's
/// result and saves nothing. The pattern is described in docs/conventions.md.
/// </summary>
public static class Submissions
{
    /// <returns>The id recorded by <paramref name="actor"/>'s earlier submission of <paramref name="key"/> for
    /// <paramref name="action"/>, or null (always null for <see cref="SubmissionKey.None"/>). Another person's
    /// submission is never read back.</returns>
    public static async Task<string?> EarlierAsync(
        this EngagementHubDbContext db, Actor actor, SubmissionKey key, string action, CancellationToken ct = default) =>
        key.IsNone
            ? null
            : await db.Set<Submission>().AsNoTracking()
                .Where(s => s.Key == key.Value && s.Action == action && s.UserId == actor.UserId)
                .Select(s => s.ResultId)
                .FirstOrDefaultAsync(ct);

    /// <returns>As <see cref="EarlierAsync"/>, for records with whole-number ids.</returns>
    public static async Task<int?> EarlierIdAsync(this EngagementHubDbContext db, Actor actor, SubmissionKey key, string action, CancellationToken ct = default) =>
        await db.EarlierAsync(actor, key, action, ct) is { } id ? int.Parse(id, CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// Saves the context's changes as <paramref name="actor"/> (audited) and records <paramref name="key"/> with the id of
    /// the record they created, in one transaction; with <paramref name="notify"/>, the notices that link to the new
    /// record too (<see cref="Notifications.WorkflowNotifications.SaveNewAsync"/>), in the same transaction.
    /// </summary>
    /// <returns>The id of the created record; when a concurrent submission of the same key took effect first, that
    /// submission's id, and nothing of this one is saved.</returns>
    /// <exception cref="DbUpdateException">The save failed for any other reason.</exception>
    public static async Task<int> SaveOnceAsync(
        this EngagementHubDbContext db, Actor actor, SubmissionKey key, string action, Func<int> createdId, TimeProvider clock, CancellationToken ct = default,
        Func<Task>? notify = null)
    {
        async Task SaveAsync()
        {
            if (notify is null)
            {
                await db.ActingAs(actor).SaveChangesAsync(ct);
            }
            else
            {
                await Notifications.WorkflowNotifications.SaveNewAsync(db, actor, notify, ct);
            }
        }

        if (key.IsNone)
        {
            await SaveAsync();
            return createdId();
        }

        var earlier = await RunOnceAsync(db, actor, key, action, async () =>
        {
            await SaveAsync();
            return true;
        }, () => createdId().ToString(CultureInfo.InvariantCulture), clock, ct);
        return earlier is null ? createdId() : int.Parse(earlier, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// As the other <c>SaveOnceAsync</c>, for a record with a value a unique index keeps once (a name, a date): when
    /// someone saved the same value a moment before, both passed the service's look-up and the index refused this save;
    /// the person is then told what the look-up tells them (<see cref="TakenMeanwhileAsync"/>), not of a failed save.
    /// <c>taken</c> is the service's own look-up of the value, with its field message (null when the value is free).
    /// </summary>
    /// <returns>The id of the created record (the earlier submission's, for a repeat of <paramref name="key"/>), or the
    /// field message of <c>taken</c> when the value was saved by someone else first; nothing is saved then.</returns>
    /// <exception cref="DbUpdateException">The save failed for any other reason.</exception>
    public static async Task<Outcome<int>> SaveOnceAsync(
        this EngagementHubDbContext db, Actor actor, SubmissionKey key, string action, Func<int> createdId, TimeProvider clock,
        Func<Task<FieldError?>> taken, CancellationToken ct = default, Func<Task>? notify = null)
    {
        try
        {
            return Outcome<int>.Ok(await db.SaveOnceAsync(actor, key, action, createdId, clock, ct, notify));
        }
        catch (DbUpdateException)
        {
            if (await db.TakenMeanwhileAsync(null, taken) is { } error)
            {
                return Outcome<int>.Invalid(error);
            }

            throw;
        }
    }

    /// <summary>
    /// Two people saved the same unique value (a name, a date, an e-mail address) at once: both passed the service's
    /// look-up, and the database's unique index refused the later save. Call it where that save threw: it rolls back
    /// <paramref name="transaction"/> (when the save had one), forgets the refused changes, and asks the look-up again,
    /// which now sees the first person's row. The person is told what the look-up tells anyone who comes second, next
    /// to the field, with what they typed kept (docs/conventions.md, "one per intent, whoever submits it").
    /// </summary>
    /// <param name="db">The context whose save was refused.</param>
    /// <param name="transaction">The save's transaction, or null when the save was one <c>SaveChanges</c> (already undone).</param>
    /// <param name="taken">The service's own look-up, with what it tells the person (a field message, or a problem for a
    /// step with no field of its own); null when the value is free.</param>
    /// <typeparam name="T">What the look-up answers with.</typeparam>
    /// <returns>The look-up's answer; null when it finds nothing, so the refusal was something else, which the caller
    /// rethrows.</returns>
    public static async Task<T?> TakenMeanwhileAsync<T>(
        this EngagementHubDbContext db, IDbContextTransaction? transaction, Func<Task<T?>> taken)
        where T : class
    {
        if (transaction is not null)
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }

        db.ChangeTracker.Clear();
        return await taken();
    }

    /// <summary>
    /// Records a submission whose record was saved by other means (ASP.NET Core Identity saves users itself). Call it in
    /// the transaction that saved the record, so the two are kept together; use it only where the record has a natural
    /// unique key of its own (a user's e-mail), which refuses a second one that raced past the look-up.
    /// </summary>
    public static async Task RecordAsync(
        this EngagementHubDbContext db, Actor actor, SubmissionKey key, string action, string resultId, TimeProvider clock, CancellationToken ct = default)
    {
        if (key.IsNone)
        {
            return;
        }

        db.Set<Submission>().Add(new Submission(key.Value, action, resultId, actor.UserId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
    }

    /// <returns>Null when this submission took effect (or <paramref name="save"/> refused it); the earlier submission's
    /// result id when the same key was recorded a moment before by another.</returns>
    private static async Task<string?> RunOnceAsync(
        EngagementHubDbContext db, Actor actor, SubmissionKey key, string action, Func<Task<bool>> save, Func<string> resultId,
        TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            if (!await save())
            {
                return null;
            }

            db.Set<Submission>().Add(new Submission(key.Value, action, resultId(), actor.UserId, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return null;
        }
        catch (DbUpdateException)
        {
            // Two submissions of one form raced past the look-up at the top of the service method: the key's unique index
            // refused the later one. Its changes roll back; it reports what the first one did.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await db.EarlierAsync(actor, key, action, ct) is { } earlier)
            {
                return earlier;
            }

            throw;
        }
    }
}
