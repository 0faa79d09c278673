using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data;

/// <summary>
/// The audit log (<see cref="AuditInterceptor"/>) of a context that saves several times, as the seeds do, on both
/// databases: every save is recorded, and the audit rows are not kept tracked for later saves to compare again.
/// </summary>
public abstract class AuditLogTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : AuditLogTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : AuditLogTests(DatabaseProvider.PostgreSql);

    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(provider);

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task SaveChangesAsync_ThreeSavesInOneContext_EachRecordedAndNoAuditRowLeftTracked()
    {
        int link, south;
        await using (var db = _database.CreateContext())
        {
            var linkRow = new Organisation("Birmingham LINk", OrganisationKind.Link);
            db.Organisations.Add(linkRow);
            await db.SaveChangesAsync();
            var southRow = new Organisation("NHS South Birmingham", OrganisationKind.Commissioner);
            db.Organisations.Add(southRow);
            await db.SaveChangesAsync();
            linkRow.UpdateDetails("Birmingham Local Involvement Network", null, OrganisationKind.Link, null, null, null, null);
            await db.SaveChangesAsync();

            Assert.Empty(db.ChangeTracker.Entries<AuditEntry>());
            // The domain rows stay tracked as saved: a later change to them is still seen.
            Assert.Equal(EntityState.Unchanged, db.Entry(linkRow).State);
            link = linkRow.Id;
            south = southRow.Id;
        }

        await using var check = _database.CreateContext();
        var log = await check.AuditEntries.Where(a => a.EntityType == nameof(Organisation)).OrderBy(a => a.Id)
            .Select(a => new { a.EntityId, a.Action, a.Changes }).ToListAsync();
        Assert.Equal(
            [(link.ToString(), AuditAction.Added), (south.ToString(), AuditAction.Added), (link.ToString(), AuditAction.Modified)],
            log.Select(a => (a.EntityId, a.Action)));
        var renamed = Assert.Single(log[2].Changes, c => c.Property == nameof(Organisation.Name));
        Assert.Equal(("Birmingham LINk", "Birmingham Local Involvement Network"), (renamed.Before, renamed.After));
    }

    // A save refused for a concurrency conflict left open the transaction the interceptor had begun for it: the
    // database stayed locked for everyone else (SQLite) while the context lived, and its next save went into that
    // transaction, to be rolled back with it when the context was disposed. Identity's account saves meet such
    // conflicts and go on using their context (a sign-in's count of failed attempts after the organisation was deactivated).
    [Fact]
    public async Task SaveChangesAsync_AfterAConcurrencyConflict_EndsItsTransactionAndTheNextSaveIsKept()
    {
        var organisation = new Organisation("Birmingham LINk", OrganisationKind.Link);
        await using (var db = _database.CreateContext())
        {
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
        }

        await using (var stale = _database.CreateContext())
        {
            var read = await stale.Organisations.SingleAsync(o => o.Id == organisation.Id);
            await using (var other = _database.CreateContext())
            {
                (await other.Organisations.SingleAsync(o => o.Id == organisation.Id)).UpdateDetails(
                    "Birmingham LINk", "LINk", OrganisationKind.Link, null, null, null, null);
                await other.SaveChangesAsync();
            }

            read.UpdateDetails("Birmingham LINk", null, OrganisationKind.Link, "Local people", null, null, null);
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());

            Assert.Null(stale.Database.CurrentTransaction);
            await using (var meanwhile = _database.CreateContext())
            {
                // Another connection can write at once: no lock is left held.
                meanwhile.Organisations.Add(new Organisation("NHS South Birmingham", OrganisationKind.Commissioner));
                await meanwhile.SaveChangesAsync();
            }

            stale.ChangeTracker.Clear();
            stale.Organisations.Add(new Organisation("Care Quality Commission", OrganisationKind.Regulator));
            await stale.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        var first = organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["Birmingham LINk", "Care Quality Commission", "NHS South Birmingham"], await check.Organisations.OrderBy(o => o.Name).Select(o => o.Name).ToListAsync());
        Assert.True(await check.AuditEntries.AnyAsync(a => a.EntityType == nameof(Organisation) && a.Action == AuditAction.Added
                                                           && a.EntityId != first));
        Assert.Equal("LINk", (await check.Organisations.SingleAsync(o => o.Id == organisation.Id)).ShortName);
    }
}
