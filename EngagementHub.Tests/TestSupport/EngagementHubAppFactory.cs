using System.Net;
using EngagementHub.Core;
using EngagementHub.Core.Data.Demo;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// The whole app, hosted in the test process on its own temporary database (a SQLite file by default, or a PostgreSQL
/// database, with Hangfire's storage on it too), with the demo partnership seeded. Several instances may share one
/// database, as the nodes of a deployment or an app restarted would. Time is a <see cref="FakeTimeProvider"/> the test
/// can move (cookie expiry, revalidation, lockout).
/// </summary>
public class EngagementHubAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    /// <summary>An app on a new database of its own, dropped with the app.</summary>
    public EngagementHubAppFactory(DatabaseProvider provider = DatabaseProvider.Sqlite)
        : this(new TestDatabase(provider), ownsDatabase: true)
    {
    }

    /// <summary>An app on <paramref name="database"/>, which the caller disposes after every app on it.</summary>
    public EngagementHubAppFactory(TestDatabase database)
        : this(database, ownsDatabase: false)
    {
    }

    private EngagementHubAppFactory(TestDatabase database, bool ownsDatabase)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
    }

    public TestDatabase Database => _database;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Seed the demo partnership and accounts (on by default).</summary>
    public bool DemoData { get; init; } = true;

    /// <summary>The ASP.NET Core environment; Development by default, like <c>dotnet run</c>.</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>
    /// Replace the clock with <see cref="Clock"/> (on by default). Browser tests keep real time: a frozen clock would
    /// also freeze the framework's own timers.
    /// </summary>
    public bool UseFakeClock { get; init; } = true;

    /// <summary>Extra configuration, e.g. the bootstrap admin.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("ConnectionStrings:EngagementHub", _database.ConnectionString);
        builder.UseSetting("EngagementHub:Database:Provider", _database.Provider.ToString());
        builder.UseSetting("EngagementHub:DemoData", DemoData ? "true" : "false");
        builder.UseSetting("EngagementHub:Backup:Directory", Path.Combine(_database.Directory, "backups"));
        builder.UseSetting("EngagementHub:Smtp:PickupDirectory", Path.Combine(_database.Directory, "mail-pickup"));

        // Every test client comes from one address; a class sharing an app signs in far more often than any office would.
        builder.UseSetting("EngagementHub:SignIn:AttemptsPerAddress", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (UseFakeClock)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        }
    }

    /// <summary>Serves the app over real HTTP on 127.0.0.1 (for the browser) and returns its base address.</summary>
    /// <param name="port">The port to listen on; 0 (the default) for any free one.</param>
    public Uri StartKestrel(int port = 0)
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    public const string DemoPassword = DemoPartnership.Password;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>One demo app on SQLite shared by the tests of a class that only read (a class fixture).</summary>
public sealed class SqliteApp() : EngagementHubAppFactory(DatabaseProvider.Sqlite);

/// <summary>One demo app on PostgreSQL shared by the tests of a class that only read (a class fixture).</summary>
public sealed class PostgreSqlApp() : EngagementHubAppFactory(DatabaseProvider.PostgreSql);
