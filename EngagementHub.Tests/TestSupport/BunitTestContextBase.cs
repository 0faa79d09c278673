using Bunit;
using EngagementHub.Core;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// The base of every bUnit test class, after MudBlazor's own <c>BunitTest</c>: <see cref="Context"/>, a bUnit context
/// with MudBlazor's services and loose JS interop, made for each test (xunit makes a new instance of the class per
/// test) and disposed after it, and test databases that live exactly as long. A test adds the app's services with
/// <c>Context.UseEngagementHub(database)</c> and signs someone in with <c>Context.SignIn(actor)</c> (<see cref="BunitSetup"/>).
/// </summary>
/// <remarks>
/// The context is held, not inherited: a test class deriving from <see cref="BunitContext"/> fails at teardown under
/// xunit v2. The context is disposed before the databases, so no component outlives the data it shows.
/// </remarks>
public abstract class BunitTestContextBase : IAsyncLifetime
{
    private readonly List<TestDatabase> _databases = [];

    protected BunitTestContextBase() => Context.UseMudBlazor();

    /// <summary>This test's bUnit context.</summary>
    protected BunitContext Context { get; } = new();

    /// <summary>A new migrated test database (SQLite unless <paramref name="provider"/> says otherwise), disposed after the test.</summary>
    protected Task<TestDatabase> CreateDatabaseAsync(DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        CreateDatabaseAsync(TestDatabase.CreateAsync, provider);

    /// <summary>A database <paramref name="create"/> makes (e.g. <see cref="HomeScenario.DatabaseAsync"/>), disposed after the test.</summary>
    protected async Task<TestDatabase> CreateDatabaseAsync(Func<DatabaseProvider, Task<TestDatabase>> create, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var database = await create(provider);
        _databases.Add(database);
        return database;
    }

    /// <summary>
    /// <paramref name="text"/> as a reader sees it on the page: each run of spaces and line breaks (Razor's indentation
    /// among them) as one space, none at either end. What a sentence's parts read as where they meet.
    /// </summary>
    protected static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Set-up shared by a class's tests (e.g. seeding one database); nothing by default.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await Context.DisposeAsync();
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
