using System.Globalization;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace EngagementHub.Core.Data;

/// <summary>
/// The row whose save may meet someone else's first (ADR 3): its audited type name and id, and the noun the person is
/// told ("This exercise was removed…", "… saved this exercise on …").
/// </summary>
/// <param name="EntityType">The audited type, <c>nameof</c> the entity.</param>
/// <param name="Id">The row's id.</param>
/// <param name="Noun">What people call it, lower case.</param>
/// <param name="Recounted">For a row whose dates a recount moves (a deadline's or an issue's, when the bank holidays
/// change): given the row's latest history entry, what the person is told when that entry is a recount's, e.g. "The due
/// date was recounted on Wed 2 Dec 2026 after the bank holidays changed…"; null for a person's own save. A recount is
/// saved as the administrator who changed the holidays, who did not edit the row: the message must not name them.</param>
public sealed record ChangedRow(string EntityType, int Id, string Noun, Func<AuditEntry, string?>? Recounted = null);

/// <summary>
/// The one path of every edit to an existing aggregate (ADR 3, docs/conventions.md): load it, refuse a person who may not
/// (logged), run the entity's behaviour, hold the save to the version the screen saw, and save as the person, audited,
/// with a conflicting save described rather than overwritten. Creations, and acts that save several new rows, use
/// <see cref="Submissions.SaveOnceAsync(EngagementHubDbContext, Actor, SubmissionKey, string, Func{int}, TimeProvider, CancellationToken, Func{Task})"/>.
/// </summary>
public static class ChangePath
{
    /// <summary>
    /// Changes one aggregate as <paramref name="actor"/>, in this order: a repeat of <paramref name="key"/> changes
    /// nothing; <paramref name="load"/>; <paramref name="refuse"/>; <paramref name="apply"/>; the original version of the
    /// versioned row set to <paramref name="seenVersion"/>; the save; <paramref name="afterSave"/>; the key recorded.
    /// </summary>
    /// <typeparam name="T">The aggregate's root entity.</typeparam>
    /// <param name="db">The operation's context (one per operation).</param>
    /// <param name="actor">The person changing it; the save and its audit entry are theirs.</param>
    /// <param name="access">Logs a refusal.</param>
    /// <param name="load">Loads the aggregate, tracked, with what its behaviour needs; null when it does not exist.</param>
    /// <param name="gone">The problem reported when <paramref name="load"/> finds nothing; null when a row already gone
    /// is what the person wanted (a removal), which then succeeds.</param>
    /// <param name="row">The row whose conflicting save is described, and whose id a submission records.</param>
    /// <param name="refuse">Why the actor may not change this aggregate, or null when they may. Null when the right does
    /// not depend on the row and the service checked it through <see cref="OrganisationAccess"/> before loading.</param>
    /// <param name="apply">The entity's behaviour (with the checks that need the loaded row and the notices of the step);
    /// a failed outcome is returned as it is and nothing is saved.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <param name="seenVersion">The version the person's screen showed, for the operations ADR 3 lists; a save over a
    /// newer one is refused. Null: the version loaded here.</param>
    /// <param name="versioned">The row that carries the version, when it is not the root (a contact, a recommendation);
    /// called after <paramref name="apply"/> succeeded.</param>
    /// <param name="key">The form's submission; a repeat of it changes nothing and succeeds (ADR 13).</param>
    /// <param name="keyAction">The action a submission is recorded under; required with <paramref name="key"/>.</param>
    /// <param name="clock">When a submission is recorded; required with <paramref name="key"/>.</param>
    /// <param name="afterSave">Records that need the change saved first (a change-log note), in its transaction.</param>
    /// <param name="taken">For a row with a value a unique index keeps once (a name): the service's own look-up of it,
    /// with its field message. When someone saved the same value a moment before and the index refused this save, the
    /// person gets that message (<see cref="Submissions.TakenMeanwhileAsync"/>) and nothing is saved.</param>
    /// <param name="oneTransaction">Runs <paramref name="apply"/> inside the save's transaction too, for a behaviour
    /// that saves new rows first (<see cref="SaveGateway.SaveAddedRowsAsync"/>).</param>
    /// <param name="decideAgainOnConflict">For a step the person did not decide on the row's version (it takes no
    /// <paramref name="seenVersion"/>) and that only adds to it (<see cref="SaveGateway.SaveUnderItsVersion"/>): a save
    /// that meets another is tried once more from <paramref name="load"/>, so the step is decided on what the other saved
    /// (refused then by the entity's own check, with its own message) rather than reported as an edit conflict.</param>
    /// <returns>Success; <paramref name="gone"/>; the behaviour's failed outcome; <paramref name="taken"/>'s field message;
    /// or who saved the row first.</returns>
    /// <exception cref="AccessDeniedException"><paramref name="refuse"/> gave a refusal (logged through
    /// <see cref="OrganisationAccess.Deny"/>, with its message).</exception>
    public static async Task<Outcome> ChangeAsync<T>(
        this EngagementHubDbContext db,
        Actor actor,
        OrganisationAccess access,
        Func<Task<T?>> load,
        string? gone,
        Func<T, ChangedRow> row,
        Func<T, Refusal?>? refuse,
        Func<T, Task<Outcome>> apply,
        CancellationToken ct,
        Guid? seenVersion = null,
        Func<T, IVersioned>? versioned = null,
        SubmissionKey key = default,
        string? keyAction = null,
        TimeProvider? clock = null,
        Func<T, Task>? afterSave = null,
        bool oneTransaction = false,
        Func<Task<FieldError?>>? taken = null,
        bool decideAgainOnConflict = false)
        where T : class
    {
        if (decideAgainOnConflict)
        {
            if (seenVersion is not null || !key.IsNone || afterSave is not null || oneTransaction || taken is not null)
            {
                throw new ArgumentException("Only a step decided on the row as loaded, with nothing else to save, is decided again on a conflict.", nameof(decideAgainOnConflict));
            }

            try
            {
                return await db.ChangeOnceAsync(actor, access, load, gone, row, refuse, apply, ct, null, versioned, default, null, null, null, false, null,
                    conflictThrows: true);
            }
            catch (DbUpdateConcurrencyException)
            {
                // One SaveChanges, already undone: read the aggregate again as the other save left it.
                db.ChangeTracker.Clear();
            }
        }

        return await db.ChangeOnceAsync(actor, access, load, gone, row, refuse, apply, ct, seenVersion, versioned, key, keyAction, clock, afterSave, oneTransaction, taken,
            conflictThrows: false);
    }

    /// <summary><see cref="ChangeAsync{T}"/> once; a conflicting save throws when <paramref name="conflictThrows"/>, and is
    /// described from the audit log otherwise.</summary>
    private static async Task<Outcome> ChangeOnceAsync<T>(
        this EngagementHubDbContext db, Actor actor, OrganisationAccess access, Func<Task<T?>> load, string? gone, Func<T, ChangedRow> row,
        Func<T, Refusal?>? refuse, Func<T, Task<Outcome>> apply, CancellationToken ct, Guid? seenVersion, Func<T, IVersioned>? versioned,
        SubmissionKey key, string? keyAction, TimeProvider? clock, Func<T, Task>? afterSave, bool oneTransaction, Func<Task<FieldError?>>? taken,
        bool conflictThrows)
        where T : class
    {
        if (!key.IsNone && (keyAction is null || clock is null))
        {
            throw new ArgumentException("A change with a submission key needs the action it is recorded under and a clock.", nameof(key));
        }

        if (!key.IsNone && await db.EarlierIdAsync(actor, key, keyAction!, ct) is not null)
        {
            return Outcome.Success;
        }

        var aggregate = await load();
        if (aggregate is null)
        {
            return gone is null ? Outcome.Success : Outcome.Failed(gone);
        }

        if (refuse?.Invoke(aggregate) is { } refusal)
        {
            access.Deny(actor, refusal.Action, refusal.Target);
            throw new AccessDeniedException(refusal.Message);
        }

        await using var early = oneTransaction ? await db.Database.BeginTransactionAsync(ct) : null;
        var outcome = await apply(aggregate);
        if (!outcome.Succeeded)
        {
            return outcome;
        }

        if (seenVersion is { } seen)
        {
            var versionedRow = versioned?.Invoke(aggregate) ?? aggregate as IVersioned
                ?? throw new InvalidOperationException($"{typeof(T).Name} carries no version: name the row that does.");
            db.Entry((object)versionedRow).Property(nameof(IVersioned.Version)).OriginalValue = seen;
        }

        var changed = row(aggregate);
        await using var late = early is null && (afterSave is not null || !key.IsNone) ? await db.Database.BeginTransactionAsync(ct) : null;
        var transaction = early ?? late;
        Outcome saved;
        try
        {
            if (conflictThrows)
            {
                await db.ActingAs(actor).SaveChangesAsync(ct);
                saved = Outcome.Success;
            }
            else
            {
                saved = await db.SaveOrDescribeConflictAsync(actor, changed.EntityType, changed.Id, changed.Noun, ct, changed.Recounted);
            }
        }
        catch (DbUpdateException) when (taken is not null)
        {
            if (await db.TakenMeanwhileAsync(transaction, taken) is { } error)
            {
                return Outcome.Invalid(error);
            }

            throw;
        }

        if (!saved.Succeeded)
        {
            return saved;
        }

        if (afterSave is not null)
        {
            await afterSave(aggregate);
        }

        if (!key.IsNone && await RecordOnceAsync(db, actor, key, keyAction!, changed.Id, clock!, transaction!, ct))
        {
            return Outcome.Success;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return Outcome.Success;
    }

    /// <returns>True when the same form's submission raced past the look-up and took effect first: this one's changes
    /// are rolled back and it reports success, as the first did.</returns>
    private static async Task<bool> RecordOnceAsync(
        EngagementHubDbContext db, Actor actor, SubmissionKey key, string action, int id, TimeProvider clock, IDbContextTransaction transaction, CancellationToken ct)
    {
        db.Set<Submission>().Add(new Submission(key.Value, action, id.ToString(CultureInfo.InvariantCulture), actor.UserId, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct);
            return false;
        }
        catch (DbUpdateException)
        {
            // The key's unique index refused the later of two submissions of one form.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            if (await db.EarlierAsync(actor, key, action, ct) is not null)
            {
                return true;
            }

            throw;
        }
    }
}
