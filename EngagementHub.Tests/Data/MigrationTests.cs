using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public async Task Migrate_EmptyFile_AppliesEveryMigration()
    {
        // Not TestDatabase.CreateAsync: this test starts from a file with no schema at all.
        await using var database = new TestDatabase();
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Model_AfterMigrations_HasNoPendingChanges()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        // A model change without a committed migration would silently never reach a real database.
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Enums_Saved_AreStoredByName()
    {
        await using var database = await TestDatabase.CreateAsync();
        int id;
        await using (var db = database.CreateContext())
        {
            var organisation = new Organisation("NHS Birmingham East and North", OrganisationKind.Commissioner);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            id = organisation.Id;
        }

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Kind FROM Organisations WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id);

        Assert.Equal("Commissioner", await command.ExecuteScalarAsync());
    }
}
