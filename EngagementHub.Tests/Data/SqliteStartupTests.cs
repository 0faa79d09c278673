using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>
/// Start-up on the embedded SQLite file: a lost file is never replaced by an empty one, and a migration lock left by a
/// start that died does not block the next. (A PostgreSQL database is never created by the app, and its start-up lock
/// is a session's advisory lock, released when the session ends; an empty one is covered by <see cref="PostgreSqlStartupTests"/>.)
/// </summary>
public sealed class SqliteStartupTests
{
    [Fact]
    public async Task InitializeAsync_SqliteFileDeletedAfterItExisted_RefusesToStartOnAnEmptyOne()
    {
        await using var database = new TestDatabase();
        await using var services = CoreServices.Build(database, configure: o => o.DemoData = false);
        await InitializeAsync(services);
        Assert.True(File.Exists(database.Path + SqliteDatabaseFile.MarkerSuffix));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(database.Path);

        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => InitializeAsync(services));

        Assert.Contains("is missing or empty", refused.Message);
        Assert.Contains("delete " + database.Path + SqliteDatabaseFile.MarkerSuffix, refused.Message);
        Assert.False(File.Exists(database.Path));
    }

    [Fact]
    public async Task InitializeAsync_SqliteMarkerRemovedOnPurpose_StartsAfresh()
    {
        await using var database = new TestDatabase();
        await using var services = CoreServices.Build(database, configure: o => o.DemoData = false);
        await InitializeAsync(services);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(database.Path);
        File.Delete(database.Path + SqliteDatabaseFile.MarkerSuffix);

        await InitializeAsync(services);

        Assert.True(File.Exists(database.Path));
    }

    [Fact]
    public async Task InitializeAsync_MigrationLockLeftByAStartThatDied_IsClearedAndTheStartFinishes()
    {
        await using var database = new TestDatabase();
        var logs = new CapturingLoggerProvider();
        await using var services = CoreServices.Build(database, logs, o => o.DemoData = false);
        await InitializeAsync(services);
        await using (var db = database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL)");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-11-29 03:12:00+00:00')");
        }

        // Without the clean-up this start would wait for the lock for ever.
        await InitializeAsync(services).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains(logs.Warnings, l => l.Message.Contains("Removed a migration lock taken at 2026-11-29 03:12:00+00:00", StringComparison.Ordinal));
    }

    private static async Task InitializeAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
