using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Data;

/// <summary>Run for SQLite and for PostgreSQL: see the nested classes. No database is opened.</summary>
public abstract class DatabaseProvidersTests(DatabaseProvider provider, string connectionString)
{
    public sealed class Sqlite() : DatabaseProvidersTests(DatabaseProvider.Sqlite, "Data Source=:memory:");

    public sealed class PostgreSql() : DatabaseProvidersTests(DatabaseProvider.PostgreSql, "Host=127.0.0.1;Database=unused");

    [Fact]
    public async Task Options_BuiltAloneAndByTheAppsFactory_ShareOneModel()
    {
        await using var services = new ServiceCollection().AddLogging().AddEngagementHubCore(provider, connectionString).BuildServiceProvider();
        await using var fromApp = await services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
        // As a test's own contexts are built (TestDatabase), without the app's services.
        await using var alone = new EngagementHubDbContext(TestDatabase.OptionsFor(provider, connectionString, TimeProvider.System));

        // One model (and one cache of compiled queries) for both: EF Core compares options extension by extension in
        // order, and a second set of internal services would build the model and compile each query again.
        Assert.Same(fromApp.Model, alone.Model);
    }
}
