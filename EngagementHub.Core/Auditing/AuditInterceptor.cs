using System.Globalization;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementHub.Core.Auditing;

/// <summary>
/// Records every change to domain data as <see cref="AuditEntry"/> rows, in the same transaction as the change,
/// and renews the concurrency token of every <see cref="IVersioned"/> row it saves.
/// </summary>
/// <remarks>
/// New rows get their keys only when inserted, so the audit rows are written in a second save inside a
/// transaction this interceptor opens (unless the caller already has one): both land, or neither does.
/// That second save saves only the audit rows: it neither captures again nor compares every tracked row with its
/// snapshot (the save before it has just accepted them all), and the audit rows stop being tracked once saved, as
/// nothing reads them back through the context. A context that saves many times (the demo seed, the bank-holiday
/// seed) would otherwise compare every earlier audit row's changes again at each later save.
/// </remarks>
public sealed class AuditInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EngagementHubDbContext { PendingAudit: null, SavingAuditEntries: false } db)
        {
            var pending = Capture(db);
            if (pending.Count > 0)
            {
                db.PendingAudit = pending;
                if (db.Database.CurrentTransaction is null)
                {
                    db.AuditTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
                }
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EngagementHubDbContext { PendingAudit: { } pending } db)
        {
            // Cleared first: the save below re-enters this interceptor and must not audit again.
            db.PendingAudit = null;
            try
            {
                var entries = pending.Select(p => p.ToEntry(db.AuditActor, clock.GetUtcNow())).ToList();
                db.AuditEntries.AddRange(entries);
                var detectChanges = db.ChangeTracker.AutoDetectChangesEnabled;
                db.SavingAuditEntries = true;
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                finally
                {
                    db.SavingAuditEntries = false;
                    db.ChangeTracker.AutoDetectChangesEnabled = detectChanges;
                }

                foreach (var entry in entries)
                {
                    db.Entry(entry).State = EntityState.Detached;
                }

                if (db.AuditTransaction is { } transaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                }
            }
            finally
            {
                await EndAsync(db);
            }
        }

        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is EngagementHubDbContext { PendingAudit: not null } db)
        {
            await EndAsync(db);
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        eventData.Context is EngagementHubDbContext db && Capture(db).Count > 0
            ? throw new InvalidOperationException("Domain data must be saved with SaveChangesAsync so that it is audited.")
            : result;

    /// <summary>Forgets a save's pending entries and ends (rolls back) the transaction this interceptor opened for it, if any.</summary>
    internal static async Task EndAsync(EngagementHubDbContext db)
    {
        db.PendingAudit = null;
        if (db.AuditTransaction is { } transaction)
        {
            db.AuditTransaction = null;
            await transaction.DisposeAsync();
        }
    }

    private static List<PendingAudit> Capture(EngagementHubDbContext db)
    {
        var pending = new List<PendingAudit>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || !IsDomainData(entry))
            {
                continue;
            }

            if (entry.Entity is IVersioned versioned && entry.State is EntityState.Added or EntityState.Modified)
            {
                versioned.Version = Guid.NewGuid();
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Added,
                EntityState.Deleted => AuditAction.Deleted,
                _ => AuditAction.Modified,
            };
            var changes = entry.Properties
                .Where(p => !p.Metadata.IsPrimaryKey() && !p.Metadata.IsShadowProperty()
                            && !AuditExclusions.SecretProperties.Contains(p.Metadata.Name)
                            && (action != AuditAction.Modified || p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)))
                .Select(p => new AuditChange(
                    p.Metadata.Name,
                    action == AuditAction.Added ? null : Format(p.OriginalValue),
                    action == AuditAction.Deleted ? null : Format(p.CurrentValue)))
                .ToList();
            if (action == AuditAction.Modified && changes.Count == 0)
            {
                continue;
            }

            pending.Add(new PendingAudit(entry, action, changes));
        }

        return pending;
    }

    /// <summary>
    /// Whether a row is domain data, audited: every entity except those marked <see cref="NotAuditedAttribute"/> (the
    /// audit log, the reminder log and notifications, submission keys, sign-in sessions) and the framework's plumbing.
    /// </summary>
    private static bool IsDomainData(EntityEntry entry) => !entry.Metadata.IsOwned() && IsAudited(entry.Entity.GetType());

    /// <summary>Whether rows of this class are audited (see <see cref="IsDomainData"/>); the history formatter covers each.</summary>
    internal static bool IsAudited(Type type) =>
        !type.IsDefined(typeof(NotAuditedAttribute), inherit: true) && !FrameworkPlumbing.Any(excluded => excluded.IsAssignableFrom(type));

    /// <summary>
    /// The framework's own classes cannot carry the marker: Identity's tokens, logins and claims are plumbing, and
    /// data-protection keys are secrets the framework saves synchronously, never to be copied into the log.
    /// </summary>
    private static readonly Type[] FrameworkPlumbing =
    [
        typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey),
        typeof(IdentityUserToken<string>), typeof(IdentityUserLogin<string>), typeof(IdentityUserClaim<string>), typeof(IdentityRoleClaim<string>),
    ];

    /// <summary>How a value is written into the log: ISO dates and moments, enum names, invariant numbers.</summary>
    internal static string? Format(object? value) => value switch
    {
        null => null,
        DateTimeOffset instant => instant.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    internal sealed record PendingAudit(EntityEntry Entry, AuditAction Action, List<AuditChange> Changes)
    {
        public AuditEntry ToEntry(Identity.Actor actor, DateTimeOffset at) => new()
        {
            At = at,
            UserId = actor.UserId,
            UserName = actor.DisplayName,
            EntityType = Entry.Metadata.ClrType.Name,
            EntityId = string.Join(",", Entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Format(Entry.Property(p.Name).CurrentValue))),
            Action = Action,
            Changes = Changes,
        };
    }
}
