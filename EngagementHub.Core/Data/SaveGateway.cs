using System.Globalization;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.History;
using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Data;

/// <summary>
/// How a change to a row two people may edit at once is saved (ADR 3): as the acting person, audited, and refused with
/// who saved first when the row's version is not the one the person's screen showed. Services reach it through
/// <see cref="ChangePath"/>, the one path of an edit.
/// </summary>
public static class SaveGateway
{
    /// <summary>
    /// Saves as <paramref name="actor"/>; when someone else saved the same row first, says who, when and what instead
    /// of overwriting their change. Called by <see cref="ChangePath"/> only (an architecture test keeps it so).
    /// </summary>
    /// <param name="db">The change's context, holding the change.</param>
    /// <param name="actor">The person saving; the save and its audit entry are theirs.</param>
    /// <param name="entityType">The audited type of the row whose conflicting save is described.</param>
    /// <param name="id">That row's id.</param>
    /// <param name="noun">What people call it, lower case.</param>
    /// <param name="ct">Cancels the save; nothing is saved.</param>
    /// <param name="recounted">Recognises a recount's save of the row in its latest history entry, and words it
    /// (<see cref="ChangedRow.Recounted"/>); null for a row no recount moves.</param>
    /// <returns>Success, or a failure naming who saved the row first (or that it was removed, or what recount moved its
    /// dates); when the row that met another save is another one the change also updates (a year a deactivation settles),
    /// a failure saying so.</returns>
    public static async Task<Outcome> SaveOrDescribeConflictAsync(
        this EngagementHubDbContext db, Actor actor, string entityType, int id, string noun, CancellationToken ct = default,
        Func<AuditEntry, string?>? recounted = null)
    {
        try
        {
            await db.ActingAs(actor).SaveChangesAsync(ct);
            return Outcome.Success;
        }
        catch (DbUpdateConcurrencyException conflict) when (conflict.Entries.Count > 0
                                                            && !conflict.Entries.Any(e => e.Metadata.ClrType.Name == entityType && Equals(e.Property("Id").CurrentValue, id)))
        {
            // The audit log of this row would name whoever last saved it, who did not cause this.
            return Outcome.Failed($"Something this change to the {noun} also updates was saved by someone else at the same moment, so nothing was saved. Try again.");
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome.Failed(await DescribeConflictAsync(db, entityType, id.ToString(CultureInfo.InvariantCulture), noun, ct, recounted));
        }
    }

    /// <summary>
    /// Saves only the rows added so far, as <paramref name="actor"/>, so they get their keys; a change to a row that
    /// already exists stays pending, with its loaded values and version, for the caller's next save. One act that creates
    /// a record and links an existing row to it (a panel's referral, an escalation) is then one history entry on that row
    /// and one concurrency check, not a change and then a second "linked" change. Call it inside the caller's transaction,
    /// so the new rows are kept only with the rest.
    /// </summary>
    public static async Task SaveAddedRowsAsync(this EngagementHubDbContext db, Actor actor, CancellationToken ct = default)
    {
        db.ChangeTracker.DetectChanges();
        var held = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified)
            .Select(e => (Entry: e, Loaded: e.OriginalValues.Clone(), Changed: e.CurrentValues.Clone())).ToList();
        foreach (var (entry, _, _) in held)
        {
            entry.State = EntityState.Unchanged;
        }

        try
        {
            await db.ActingAs(actor).SaveChangesAsync(ct);
        }
        finally
        {
            // Marking a row unchanged puts its loaded values back on it: the change is restored over the values it was
            // loaded with, so the next save sees (and audits, and version-checks) the whole change.
            foreach (var (entry, loaded, changed) in held)
            {
                entry.OriginalValues.SetValues(loaded);
                entry.CurrentValues.SetValues(changed);
            }

            db.ChangeTracker.DetectChanges();
        }
    }

    /// <summary>
    /// Saves <paramref name="row"/> with the next save though none of its own columns changed: its version is renewed
    /// under the one loaded. For a step that adds a child row and is decided on the aggregate's state (a year's changes
    /// and the checks of them): of two such steps at once, the second meets the first's save and is decided again,
    /// where two inserts alone would both go through (ADR 3). Not audited: only the version changes.
    /// </summary>
    public static void SaveUnderItsVersion(this EngagementHubDbContext db, IVersioned row) =>
        db.Entry((object)row).Property(nameof(IVersioned.Version)).IsModified = true;

    /// <param name="db">The context to read the audit log through.</param>
    /// <param name="entityType">The audited type of the row.</param>
    /// <param name="entityId">The row's id, as the audit log keeps it.</param>
    /// <param name="noun">What people call the row, lower case.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <param name="recounted">Recognises a recount's save of the row (<see cref="ChangedRow.Recounted"/>), which then
    /// speaks for itself; null for a row no recount moves.</param>
    /// <returns>
    /// The message for a second editor whose save was refused because someone saved first: who, when, and what they
    /// changed, from the audit log; for a recount, what it moved and why, naming nobody.
    /// </returns>
    public static async Task<string> DescribeConflictAsync(
        this EngagementHubDbContext db, string entityType, string entityId, string noun, CancellationToken ct = default,
        Func<AuditEntry, string?>? recounted = null)
    {
        var latest = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == entityType && a.EntityId == entityId)
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(ct);
        if (latest is null || latest.Action == AuditAction.Deleted)
        {
            return $"This {noun} was removed by someone else while you were editing it. Your changes were not saved.";
        }

        if (recounted?.Invoke(latest) is { } recount)
        {
            // Saved as the administrator who changed the bank holidays, who never edited this row.
            return recount;
        }

        var fields = latest.Changes.Count == 0 ? "" : $" (changed: {string.Join(", ", latest.Changes.Select(c => AuditText.PropertyLabel(c.Property)).Distinct())})";
        return $"{UntrustedText.Isolate(latest.UserName)} saved this {noun} on {UkTime.Format(latest.At)} while you were editing it{fields}. "
               + "Your changes were not saved: reload to see theirs, then make your change again.";
    }
}
