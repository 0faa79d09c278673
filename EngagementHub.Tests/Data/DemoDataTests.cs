using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class DemoPartnershipTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : DemoPartnershipTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : DemoPartnershipTests(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task SeedAsync_EmptyDatabase_SeedsThePartnershipByKind()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);

        Assert.True(await SeedAsync(services, database));

        await using var db = database.CreateContext();
        var kinds = await db.Organisations.GroupBy(o => o.Kind).ToDictionaryAsync(g => g.Key, g => g.Count());
        Assert.Equal(22, kinds.Values.Sum());
        Assert.Equal(
            new Dictionary<OrganisationKind, int>
            {
                [OrganisationKind.Link] = 1,
                [OrganisationKind.Commissioner] = 4,
                [OrganisationKind.Partnership] = 2,
                [OrganisationKind.Scrutiny] = 1,
                [OrganisationKind.Provider] = 2,
                [OrganisationKind.VoluntarySector] = 1,
                [OrganisationKind.Regulator] = 1,
                [OrganisationKind.Locality] = 10,
            },
            kinds);
    }

    [Fact]
    public async Task SeedAsync_EmptyDatabase_CreatesTheSixDemoAccounts()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);

        await SeedAsync(services, database);

        await using var db = database.CreateContext();
        var accounts = await db.Users
            .Select(u => new { u.Email, u.DisplayName, u.Role, Organisation = u.Organisation!.Name, u.EmailConfirmed, u.IsDisabled })
            .ToListAsync();
        Assert.Equal(
            [
                (DemoAccounts.Admin, UserRole.Admin, DemoPartnership.BeBirminghamName),
                (DemoAccounts.Commissioner, UserRole.Editor, DemoPartnership.SouthBirminghamName),
                (DemoAccounts.Council, UserRole.Editor, DemoPartnership.AdultsAndCommunitiesName),
                (DemoAccounts.Link, UserRole.Editor, DemoPartnership.LinkName),
                (DemoAccounts.Scrutiny, UserRole.Editor, DemoPartnership.ScrutinyName),
                (DemoAccounts.Viewer, UserRole.Viewer, DemoPartnership.BvscName),
            ],
            accounts.Select(a => (a.Email!, a.Role, a.Organisation)).OrderBy(a => a.Item1, StringComparer.Ordinal));
        Assert.All(accounts, a => Assert.True(a.EmailConfirmed && !a.IsDisabled));
    }

    [Fact]
    public async Task SeedAsync_DemoAccount_SignsInWithTheDemoPassword()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);
        await SeedAsync(services, database);

        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var link = await users.FindByEmailAsync(DemoAccounts.Link);

        Assert.NotNull(link);
        Assert.True(await users.CheckPasswordAsync(link, DemoPartnership.Password));
    }

    [Fact]
    public async Task SeedAsync_SecondCall_SeedsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = CoreServices.Build(database);
        await SeedAsync(services, database);

        var seededAgain = await SeedAsync(services, database);

        Assert.False(seededAgain);
        await using var db = database.CreateContext();
        Assert.Equal(22, await db.Organisations.CountAsync());
        Assert.Equal(DemoPartnership.Accounts.Count, await db.Users.CountAsync());
    }

    private static async Task<bool> SeedAsync(ServiceProvider services, TestDatabase database)
    {
        // The context and the UserManager come from one scope, as at start-up, so they share a context.
        await using var scope = services.CreateAsyncScope();
        return await DemoPartnership.SeedAsync(
            scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>(),
            scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
            database.Clock);
    }
}
