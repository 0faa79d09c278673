using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Data;
using EngagementHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// A real database of its own for one test: a temporary SQLite file, or a fresh database on the PostgreSQL server
/// ./test.sh starts (named by <see cref="PostgresVariable"/>). <see cref="CreateAsync"/> applies the committed migrations
/// of the provider. Deleted (dropped) on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The connection string of a PostgreSQL server where the tests may create and drop databases.</summary>
    public const string PostgresVariable = "ENGAGEMENTHUB_TEST_POSTGRES";

    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engagementhub-tests", Guid.NewGuid().ToString("N"));
    private readonly string? _postgresServer;
    private readonly string? _postgresName;

    /// <summary>An empty database: no schema at all until something migrates it.</summary>
    public TestDatabase(DatabaseProvider provider = DatabaseProvider.Sqlite)
        : this(provider, template: null)
    {
    }

    private TestDatabase(DatabaseProvider provider, string? template)
    {
        Provider = provider;
        System.IO.Directory.CreateDirectory(_directory);
        if (provider == DatabaseProvider.Sqlite)
        {
            // No pooling: the file can be deleted as soon as the test ends.
            ConnectionString = $"Data Source={System.IO.Path.Combine(_directory, "engagementhub.db")};Pooling=False";
            return;
        }

        _postgresServer = PostgresServer();
        _postgresName = "engagementhub_test_" + Guid.NewGuid().ToString("N");
        Execute(_postgresServer, template is null
            ? $"CREATE DATABASE \"{_postgresName}\""
            : $"CREATE DATABASE \"{_postgresName}\" TEMPLATE \"{template}\" STRATEGY FILE_COPY");
        ConnectionString = new NpgsqlConnectionStringBuilder(_postgresServer) { Database = _postgresName }.ConnectionString;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string Path => Provider == DatabaseProvider.Sqlite
        ? System.IO.Path.Combine(_directory, "engagementhub.db")
        : throw new InvalidOperationException("A PostgreSQL test database has no file.");

    /// <summary>A temporary folder of the test's own (backups, mail pickup, received e-mail), for either provider.</summary>
    public string Directory => _directory;

    public string ConnectionString { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));

    public DbContextOptions<EngagementHubDbContext> Options =>
        new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseEngagementHubDatabase(Provider, ConnectionString)
            .AddInterceptors(new AuditInterceptor(Clock))
            .Options;

    public EngagementHubDbContext CreateContext() => new(Options);

    public IDbContextFactory<EngagementHubDbContext> Factory => new TestDbContextFactory(this);

    /// <summary>Notification preferences on this database, with unsubscribe links signed by keys that live as long as the test.</summary>
    public NotificationPreferences Preferences() => new(Factory, _protection, Clock);

    private readonly Microsoft.AspNetCore.DataProtection.IDataProtectionProvider _protection = new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider();

    /// <summary>A database with the provider's committed migrations applied.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        if (provider == DatabaseProvider.PostgreSql)
        {
            // A copy of one database migrated once per test run: copying a small database is a fraction of migrating one.
            return new TestDatabase(provider, await MigratedTemplate.Value);
        }

        var database = new TestDatabase(provider);
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>
    /// The migrated template for this test run (PostgreSQL). It is never connected to after migrating: PostgreSQL copies
    /// a template only while nobody is connected to it.
    /// </summary>
    private static readonly Lazy<Task<string>> MigratedTemplate = new(async () =>
    {
        var template = new TestDatabase(DatabaseProvider.PostgreSql);
        await using (var db = template.CreateContext())
        {
            await db.Database.MigrateAsync();
        }

        using (var connection = new NpgsqlConnection(template.ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // Dropped when the test run ends; ./test.sh throws the whole server away in any case.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return template._postgresName!;
    });

    /// <summary>Makes the database unusable while an app is running on it: a SQLite file overwritten, a PostgreSQL database dropped.</summary>
    public async Task BreakAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            await File.WriteAllTextAsync(Path, "this is not a SQLite database");
            return;
        }

        Execute(_postgresServer!, $"DROP DATABASE \"{_postgresName}\" WITH (FORCE)");
    }

    public ValueTask DisposeAsync()
    {
        if (_postgresServer is not null)
        {
            using (var connection = new NpgsqlConnection(ConnectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            // FORCE ends sessions a finished test host may still hold (its pooled connections, Hangfire's listener).
            Execute(_postgresServer, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }

        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finished test is left to the temp folder's own clean-up.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The server from the environment. Without it the PostgreSQL variants fail rather than skip: the test command runs
    /// every test, and ./test.sh always provides a server.
    /// </summary>
    private static string PostgresServer() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"This is the PostgreSQL variant of a test and needs a PostgreSQL server. Run ./test.sh, which starts a throw-away one, "
                + $"or set {PostgresVariable} to a connection string for a server where you may create databases "
                + "(e.g. Host=127.0.0.1;Port=5432;Username=postgres).");

    private static void Execute(string connectionString, string sql)
    {
        // The maintenance connection is not pooled: CREATE and DROP DATABASE are rare, and an idle pooled session on the
        // server database would be one more for the server to count.
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed class TestDbContextFactory(TestDatabase database) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => database.CreateContext();
    }
}
