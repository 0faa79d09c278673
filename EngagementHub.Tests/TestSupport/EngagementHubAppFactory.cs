using System.Globalization;
using System.Net;
using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data.Demo;
using EngagementHub.Web.Jobs;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// The whole app, hosted in the test process on its own temporary database (a SQLite file by default, or a PostgreSQL
/// database, with Hangfire's storage on it too), with the demo partnership seeded. Several instances may share one
/// database, as the nodes of a deployment or an app restarted would. Time is a <see cref="FakeTimeProvider"/> the test
/// can move (cookie expiry, revalidation, lockout).
/// </summary>
/// <remarks>
/// An app on a database of its own starts on a copy of a template database that an identical app (same provider, demo
/// data, environment and clock) initialised once per test run: seeding the demo partnership costs seconds (six password
/// hashes and hundreds of rows), copying it milliseconds. The copy is what the app would have found after its own first
/// start; the app still runs its whole start-up on it (migrations checked, seeds confirmed, the marker file written).
/// Settings are part of what makes two apps identical, except those read only while serving requests (see
/// <see cref="ServingOnly"/>). An app with a clock moved before it starts or a database given by the test starts the
/// long way.
/// </remarks>
public class EngagementHubAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private bool _initialiseOnly;

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

    /// <summary>
    /// The app's clock when <see cref="UseFakeClock"/> is on. Every app's clock starts at the same instant, the start of
    /// the test run (a little before now), so that apps can share a template seeded at that instant; each app still has a
    /// clock of its own to move.
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(StartOfRun);

    private static readonly DateTimeOffset StartOfRun = DateTimeOffset.UtcNow;

    // Long enough that the idle workers of a dozen apps cost next to nothing, short enough that a lost signal costs little.
    private static readonly TimeSpan QueuePollInterval = TimeSpan.FromMilliseconds(500);

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
        // Every test app's database is new (or one an app like it set up), so its start is a first start, in any environment.
        builder.UseSetting("EngagementHub:Database:FirstStart", "true");
        builder.UseSetting("EngagementHub:Backup:Directory", Path.Combine(_database.Directory, "backups"));
        builder.UseSetting("EngagementHub:Smtp:PickupDirectory", Path.Combine(_database.Directory, "mail-pickup"));

        // Every test client comes from one address; a class sharing an app signs in far more often than any office would.
        builder.UseSetting("EngagementHub:SignIn:AttemptsPerAddress", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.UseTestPasswordHashing());

        // Hangfire.PostgreSql wakes an idle worker with one static signal per queue name for the whole process, so in this
        // process, with several apps, another app's worker can take the signal meant for this one's: the job then waited
        // for the worker's next look at the queue, up to 15 seconds later by default (ADR 0020).
        if (_database.Provider == DatabaseProvider.PostgreSql)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<JobStorage>();
                services.AddSingleton<JobStorage>(_ => JobsServiceCollectionExtensions.PostgreSqlStorage(_database.ConnectionString, QueuePollInterval));
            });
        }

        if (_initialiseOnly)
        {
            // A template holds what the start-up initialiser wrote and nothing else: no job, sweep or e-mail of the app
            // that built it. The framework's own services (the server) stay.
            builder.ConfigureServices(services =>
            {
                foreach (var service in services.Where(s => s.ServiceType == typeof(IHostedService)
                             && s.ImplementationType?.Namespace?.StartsWith("Microsoft.", StringComparison.Ordinal) != true).ToList())
                {
                    services.Remove(service);
                }
            });
        }

        // No start-up catch-up (the reminder and digest sweeps every real start queues): on a working day it planned and
        // e-mailed the demo's overdue reminders at every app start, work no test asked for (ADR 0020). The recurring
        // schedules are still registered; the catch-up's own tests call it (ReminderRestartTests, the two-node tests).
        builder.ConfigureServices(services =>
        {
            // Absent from an app that only builds a template (its hosted services are all removed above).
            var registration = services.SingleOrDefault(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(RecurringJobs));
            if (registration is null)
            {
                return;
            }

            services.Remove(registration);
            services.AddSingleton<IHostedService>(sp => new RecurringJobs(
                sp.GetRequiredService<IRecurringJobManager>(), new NoStartUpCatchUp(), sp.GetRequiredService<IOptions<EngagementHubOptions>>(),
                sp.GetRequiredService<ILogger<RecurringJobs>>()));
        });

        if (UseFakeClock)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        StartOnTemplate();
        return base.CreateHost(builder);
    }

    /// <summary>
    /// Settings the start-up initialiser never reads (mail, sign-in limits, how long account links last, the hosts a feed
    /// may link to, HTTPS redirection and forwarded headers): apps that differ only in these share a template. A setting
    /// that start-up reads must not be listed here (the public address, for one, names the deployment's identity).
    /// </summary>
    private static readonly string[] ServingOnly =
    [
        "EngagementHub:Smtp:", "EngagementHub:SignIn:", "EngagementHub:Accounts:", "EngagementHub:AllowedHosts:",
        "EngagementHub:TrustForwardedHeaders", "https_port",
    ];

    /// <summary>Fills the app's own, still empty database from the template for an app like this one (see the remarks above).</summary>
    private void StartOnTemplate()
    {
        if (!_ownsDatabase || (UseFakeClock && Clock.GetUtcNow() != StartOfRun))
        {
            return;
        }

        // With real time the demo is seeded relative to the moment the template is built: a new template each UK day keeps
        // its dates (due dates, "today") those an app seeding now would have written.
        var clock = UseFakeClock ? "fake" : "real " + UkTime.Today(TimeProvider.System).ToString("O", CultureInfo.InvariantCulture);
        var startUpSettings = Settings.Where(s => !ServingOnly.Any(prefix => s.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).ToList();
        var key = $"app demo={DemoData} environment={Environment} clock={clock} settings={string.Join(';', startUpSettings.Select(s => $"{s.Key}={s.Value}"))}";
        var template = Task.Run(() => TestDatabase.TemplateAsync(_database.Provider, key, async database =>
        {
            await using var first = new EngagementHubAppFactory(database)
            {
                DemoData = DemoData, Environment = Environment, UseFakeClock = UseFakeClock, _initialiseOnly = true,
            };
            foreach (var (name, value) in startUpSettings)
            {
                first.Settings[name] = value;
            }

            first.StartWithoutServer();
        })).GetAwaiter().GetResult();
        _database.TryCopyFrom(template);
    }

    /// <summary>Starts the app (its start-up runs the database initialiser) without serving a request.</summary>
    private void StartWithoutServer() => _ = Services;

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

/// <summary>
/// The job client a test app's <see cref="RecurringJobs"/> queues its start-up catch-up with: the catch-up jobs are the
/// only ones it queues, and they are dropped.
/// </summary>
internal sealed class NoStartUpCatchUp : IBackgroundJobClient
{
    public string Create(Job job, IState state) =>
        job.Type == typeof(ReminderSweepJob) || job.Type == typeof(DigestSweepJob)
            ? "not-queued"
            : throw new InvalidOperationException($"Only the start-up catch-up is expected here, not {job.Type.Name}.{job.Method.Name}.");

    public bool ChangeState(string jobId, IState state, string expectedState) => false;
}

/// <summary>One demo app on SQLite shared by the tests of a class that only read (a class fixture).</summary>
public sealed class SqliteApp() : EngagementHubAppFactory(DatabaseProvider.Sqlite);

/// <summary>One demo app on PostgreSQL shared by the tests of a class that only read (a class fixture).</summary>
public sealed class PostgreSqlApp() : EngagementHubAppFactory(DatabaseProvider.PostgreSql);
