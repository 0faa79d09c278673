using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EngagementHub.Core.Data;

/// <summary>The one place a provider and connection string become EF Core options: the app, the tests and the benchmarks share it.</summary>
public static class DatabaseProviders
{
    /// <summary>
    /// PostgreSQL's migrations live in their own assembly (docs/decisions/0009): EF Core generates provider-specific
    /// migrations, and one set per provider keeps SQLite's and PostgreSQL's from colliding in one snapshot.
    /// </summary>
    public const string PostgreSqlMigrationsAssembly = "EngagementHub.Migrations.PostgreSql";

    /// <summary>
    /// SQLite's migrations live in their own assembly too (docs/decisions/0009), so Core holds only hand-written code.
    /// Whatever migrates a database (the web app, the tests, the benchmarks) references that project.
    /// </summary>
    public const string SqliteMigrationsAssembly = "EngagementHub.Migrations.Sqlite";

    private static readonly SqliteBusyTimeout BusyTimeout = new();

    /// <summary>
    /// Points <paramref name="options"/> at <paramref name="provider"/>'s database with its migrations assembly (and, for
    /// SQLite, the busy timeout). Returns the same builder; throws <see cref="NotSupportedException"/> for an unknown
    /// provider.
    /// </summary>
    public static TBuilder UseEngagementHubDatabase<TBuilder>(this TBuilder options, DatabaseProvider provider, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        // Migrating a database otherwise first compares the whole model with the migrations' snapshot, on every start
        // (about a fifth of a warm start's CPU). Whether a model change lacks its migration is a fact of the build, not
        // of the deployment: MigrationTests.Model_AfterMigrations_HasNoPendingChanges fails the test command on it,
        // for each provider.
        //
        // Set before the provider: EF Core keeps one set of internal services (the model, compiled queries) per distinct
        // options and compares them extension by extension, in the order they were added. The app's context factory adds
        // the core options first; options built here alone (tests, benchmarks, design time) then list them in the same
        // order and share that one set, instead of building the model and compiling every query a second time.
        options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)).AddInterceptors(BusyTimeout),
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
            _ => throw new NotSupportedException($"Database provider {provider} is not supported."),
        };

        return options;
    }
}
