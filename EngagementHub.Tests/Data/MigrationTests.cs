using EngagementHub.Core;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class MigrationTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : MigrationTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : MigrationTests(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task Migrate_EmptyFile_AppliesEveryMigration()
    {
        // Not TestDatabase.CreateAsync: this test starts from a database with no schema at all.
        await using var database = new TestDatabase(provider);
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Model_AfterMigrations_HasNoPendingChanges()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        // A model change without a committed migration would silently never reach a real database.
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Enums_Saved_AreStoredByName()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        int id;
        await using (var db = database.CreateContext())
        {
            var organisation = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            id = organisation.Id;
        }

        await using var read = database.CreateContext();
        var stored = await read.Database.SqlQuery<string>($"SELECT \"Kind\" AS \"Value\" FROM \"Organisations\" WHERE \"Id\" = {id}").SingleAsync();

        Assert.Equal("Commissioner", stored);
    }
}
