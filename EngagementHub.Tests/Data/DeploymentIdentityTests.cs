using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class DeploymentIdentityTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : DeploymentIdentityTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : DeploymentIdentityTests(DatabaseProvider.PostgreSql);

    [Theory]
    [InlineData("https://Engage.Example.org.uk", "engage.example.org.uk")]
    [InlineData("https://engage.example.org.uk:8443/hub/", "engage.example.org.uk")]
    public void NewDomain_PublicAddress_IsItsHost(string publicBaseUrl, string expected) =>
        Assert.Equal(expected, DeploymentIdentity.NewDomain(publicBaseUrl));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://192.0.2.7")]
    public void NewDomain_NoPublicHostName_IsRandomUnderInvalid(string? publicBaseUrl)
    {
        var first = DeploymentIdentity.NewDomain(publicBaseUrl);

        Assert.Matches("^[0-9a-f]{16}\\.engagementhub\\.invalid$", first);
        Assert.NotEqual(first, DeploymentIdentity.NewDomain(publicBaseUrl));
    }

    [Fact]
    public async Task InitializeAsync_FirstStart_StoresThePublicHostAndLaterStartsKeepIt()
    {
        await using var database = new TestDatabase(provider);
        await using (var first = CoreServices.Build(database, configure: o => o.PublicBaseUrl = "https://engage.example.org.uk"))
        {
            await InitializeAsync(first);
        }

        // A restart after the address changed: ids already out in calendars and mailboxes must not change.
        await using (var second = CoreServices.Build(database, configure: o => o.PublicBaseUrl = "https://new.example.org.uk"))
        {
            await InitializeAsync(second);
        }

        await using var db = database.CreateContext();
        var identity = Assert.Single(await db.DeploymentIdentities.ToListAsync());
        Assert.Equal("engage.example.org.uk", identity.Domain);
        Assert.Equal(database.Clock.GetUtcNow(), identity.CreatedAt);
    }

    [Fact]
    public async Task InitializeAsync_IdentityRowDeleted_RefusesToStart()
    {
        await using var database = new TestDatabase(provider);
        await using (var first = CoreServices.Build(database))
        {
            await InitializeAsync(first);
        }

        await using (var db = database.CreateContext())
        {
            await db.DeploymentIdentities.ExecuteDeleteAsync();
        }

        await using var later = CoreServices.Build(database, configure: o => o.Database.FirstStart = false);
        var refused = await Assert.ThrowsAsync<StartRefusedException>(() => InitializeAsync(later));

        Assert.Contains("not its deployment identity", refused.Message);
        await using var check = database.CreateContext();
        Assert.Empty(await check.DeploymentIdentities.ToListAsync());
    }

    [Fact]
    public async Task InitializeAsync_IdentityRowDeletedFromACopyStartedAsFirstStart_GivesItANewIdentity()
    {
        await using var database = new TestDatabase(provider);
        await using (var original = CoreServices.Build(database, configure: o => o.PublicBaseUrl = "https://engage.example.org.uk"))
        {
            await InitializeAsync(original);
        }

        await using (var db = database.CreateContext())
        {
            await db.DeploymentIdentities.ExecuteDeleteAsync();
        }

        // The README's step for a copy run beside the original: delete the row, start once as a first start.
        await using var copy = CoreServices.Build(database, configure: o =>
        {
            o.PublicBaseUrl = "https://training.example.org.uk";
            o.Database.FirstStart = true;
        });
        await InitializeAsync(copy);

        await using var check = database.CreateContext();
        Assert.Equal("training.example.org.uk", Assert.Single(await check.DeploymentIdentities.ToListAsync()).Domain);
    }

    [Fact]
    public async Task DomainAsync_TwoNodesAtOnce_AgreeOnOneRow()
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var domains = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            await using var db = database.CreateContext();
            return await DeploymentIdentity.DomainAsync(db, null, database.Clock.GetUtcNow());
        })));

        await using var check = database.CreateContext();
        var stored = Assert.Single(await check.DeploymentIdentities.ToListAsync());
        Assert.All(domains, d => Assert.Equal(stored.Domain, d));
    }

    [Fact]
    public async Task DomainAsync_TwoDatabases_GiveDifferentDomains()
    {
        await using var one = await TestDatabase.CreateAsync(provider);
        await using var other = await TestDatabase.CreateAsync(provider);
        await using var a = one.CreateContext();
        await using var b = other.CreateContext();

        Assert.NotEqual(
            await DeploymentIdentity.DomainAsync(a, null, one.Clock.GetUtcNow()),
            await DeploymentIdentity.DomainAsync(b, null, other.Clock.GetUtcNow()));
    }

    private static async Task InitializeAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }
}
