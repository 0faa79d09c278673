using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>
/// Start-up on a PostgreSQL database: an empty one is set up only when the deployer says this is the first start (a
/// database dropped and recreated, or the wrong one named, looks just like a first start). SQLite's counterpart, its
/// marker file, is in <see cref="SqliteStartupTests"/>.
/// </summary>
public sealed class PostgreSqlStartupTests
{
    [Fact]
    public async Task InitializeAsync_EmptyDatabaseNotMarkedFirstStart_RefusesAndCreatesNothing()
    {
        await using var database = new TestDatabase(DatabaseProvider.PostgreSql);
        await using var services = CoreServices.Build(database, configure: o =>
        {
            o.DemoData = true;
            o.Database.FirstStart = false;
        });

        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => InitializeAsync(services));

        var name = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database;
        Assert.Contains($"The PostgreSQL database \"{name}\" on 127.0.0.1:", refused.Message);
        Assert.Contains("is empty", refused.Message);
        Assert.Contains("EngagementHub__Database__FirstStart=true", refused.Message);
        Assert.DoesNotContain("Password", refused.Message, StringComparison.OrdinalIgnoreCase);
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task InitializeAsync_DatabaseWipedAfterItExisted_RefusesToSetItUpAgain()
    {
        await using var database = new TestDatabase(DatabaseProvider.PostgreSql);
        await using (var first = CoreServices.Build(database, configure: o => o.DemoData = true))
        {
            await InitializeAsync(first);
        }

        await using (var db = database.CreateContext())
        {
            // What a DROP DATABASE and CREATE DATABASE, or a restore that failed after clearing the schema, leaves behind.
            await db.Database.ExecuteSqlRawAsync("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }

        await using var later = CoreServices.Build(database, configure: o =>
        {
            o.DemoData = true;
            o.Database.FirstStart = false;
        });
        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => InitializeAsync(later));

        Assert.Contains("is empty", refused.Message);
        await using var check = database.CreateContext();
        Assert.Empty(await check.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task InitializeAsync_EmptyDatabaseMarkedFirstStart_SetsUpTheDeployment()
    {
        await using var database = new TestDatabase(DatabaseProvider.PostgreSql);
        await using var services = CoreServices.Build(database, configure: o =>
        {
            o.DemoData = false;
            o.Database.FirstStart = true;
        });

        await InitializeAsync(services);

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Single(await db.DeploymentIdentities.ToListAsync());
    }

    private static async Task InitializeAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
