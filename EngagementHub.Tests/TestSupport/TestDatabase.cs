using EngagementHub.Core.Auditing;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// A real SQLite database in a temporary file, with the committed migrations applied. Deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engagementhub-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase()
    {
        System.IO.Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "engagementhub.db");
        // No pooling: the file can be deleted as soon as the test ends.
        ConnectionString = $"Data Source={Path};Pooling=False";
    }

    public string Path { get; }

    public string Directory => _directory;

    public string ConnectionString { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));

    public DbContextOptions<EngagementHubDbContext> Options =>
        new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(new AuditInterceptor(Clock))
            .Options;

    public EngagementHubDbContext CreateContext() => new(Options);

    public IDbContextFactory<EngagementHubDbContext> Factory => new TestDbContextFactory(this);

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public ValueTask DisposeAsync()
    {
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

    private sealed class TestDbContextFactory(TestDatabase database) : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => database.CreateContext();
    }
}
