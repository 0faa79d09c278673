using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>
/// A start of the app on its database. Run against SQLite and against PostgreSQL: see the nested classes. A test about
/// migrating or refusing an empty database starts on one; the others start on a migrated copy
/// (<see cref="TestDatabase.CreateAsync(DatabaseProvider)"/>): migrating from empty is the first kind's subject only.
/// </summary>
public abstract class DatabaseInitializerTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : DatabaseInitializerTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : DatabaseInitializerTests(DatabaseProvider.PostgreSql);

    private static void Bootstrap(EngagementHubOptions options)
    {
        options.DemoData = false;
        options.Bootstrap.AdminEmail = " first.admin@example.org ";
        options.Bootstrap.AdminPassword = "Tidy-Harbour-Lantern-7";
        options.Bootstrap.AdminName = "First Admin";
        options.Bootstrap.OrganisationName = "Sandwell LINk";
    }

    [Fact]
    public async Task InitializeAsync_DemoDataOff_CreatesNoAccounts()
    {
        await using var database = new TestDatabase(provider);
        await using var services = CoreServices.Build(database, configure: o => o.DemoData = false);

        await InitializeAsync(services);

        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Fact]
    public async Task InitializeAsync_DemoDataOn_SeedsTheDemoPartnership()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database, configure: o => o.DemoData = true);

        await InitializeAsync(services);

        await using var db = database.CreateContext();
        Assert.Equal(22, await db.Organisations.CountAsync());
        Assert.Equal(6, await db.Users.CountAsync());
    }

    [Fact]
    public async Task InitializeAsync_BootstrapAdmin_CreatesExactlyOneAdmin()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database, configure: Bootstrap);

        await InitializeAsync(services);

        await using var db = database.CreateContext();
        var admin = Assert.Single(await db.Users.ToListAsync());
        Assert.Equal(UserRole.Admin, admin.Role);
        Assert.Equal("first.admin@example.org", admin.Email);
        Assert.Equal("First Admin", admin.DisplayName);
        Assert.Equal("Sandwell LINk", (await db.Organisations.SingleAsync(o => o.Id == admin.OrganisationId)).Name);
        Assert.Equal(database.Clock.GetUtcNow(), admin.CreatedAt);
    }

    [Fact]
    public async Task InitializeAsync_BootstrapAdminSecondStart_DoesNotCreateAnother()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database, configure: Bootstrap);
        await InitializeAsync(services);

        await InitializeAsync(services);

        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.Organisations.CountAsync());
    }

    [Fact]
    public async Task InitializeAsync_BootstrapEmailWithoutPassword_Throws()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database, configure: o =>
        {
            Bootstrap(o);
            o.Bootstrap.AdminPassword = null;
        });

        await Assert.ThrowsAsync<StartRefusedException>(() => InitializeAsync(services));
    }

    [Theory]
    [InlineData("AdminName")]
    [InlineData("OrganisationName")]
    [InlineData("AdminEmail")]
    public async Task InitializeAsync_BootstrapSettingLongerThanItsColumn_RefusesNamingTheSettingAndCreatesNothing(string setting)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database, configure: o =>
        {
            Bootstrap(o);
            switch (setting)
            {
                case "AdminName": o.Bootstrap.AdminName = new string('n', ApplicationUser.DisplayNameMaxLength + 1); break;
                case "OrganisationName": o.Bootstrap.OrganisationName = new string('o', Organisation.NameMaxLength + 1); break;
                default: o.Bootstrap.AdminEmail = new string('e', ApplicationUser.EmailMaxLength - "@example.org".Length + 1) + "@example.org"; break;
            }
        });

        // Stored whole on SQLite and refused by PostgreSQL's column before: a start that failed on a database error.
        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => InitializeAsync(services));

        Assert.Contains($"EngagementHub:Bootstrap:{setting}", refused.Message);
        Assert.Contains("can be at most", refused.Message);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Organisations.CountAsync());
    }

    [Fact]
    public async Task InitializeAsync_DemoDataWithBootstrapAdmin_RefusesAndSeedsNothing()
    {
        await using var database = new TestDatabase(provider);
        await using var services = CoreServices.Build(database, configure: o =>
        {
            Bootstrap(o);
            o.DemoData = true;
        });

        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => InitializeAsync(services));

        Assert.Contains("EngagementHub:DemoData is true and EngagementHub:Bootstrap:AdminEmail is set", refused.Message);
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }

    [Fact]
    public async Task InitializeAsync_MigrationsHistoryRemoved_RefusesEvenOnAFirstStart()
    {
        await using var database = new TestDatabase(provider);
        await using var services = CoreServices.Build(database, configure: o => o.DemoData = false);
        await InitializeAsync(services);
        await using (var db = database.CreateContext())
        {
            // As a database of another application would look, too: tables, but no EngagementHub history.
            await db.Database.ExecuteSqlRawAsync("DROP TABLE \"__EFMigrationsHistory\"");
        }

        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => InitializeAsync(services));

        Assert.Contains("but no record of EngagementHub's migrations", refused.Message);
        Assert.Contains("another application's database", refused.Message);
    }

    private static async Task InitializeAsync(ServiceProvider services)
    {
        // One scope per start, as the app does at start-up.
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
