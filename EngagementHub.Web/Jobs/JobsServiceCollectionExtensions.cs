using EngagementHub.Core;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Notifications;
using EngagementHub.Web.Identity;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementHub.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire's storage follows the database (docs/decisions/0002, 0007). On SQLite the queue is in memory: every
    /// durable fact lives in the application database, and recurring jobs are registered again at every start. On
    /// PostgreSQL the queue, schedules and locks live in the same database (schema "hangfire"), so the Hangfire servers
    /// of every node share one queue and each recurring job runs once per schedule across them.
    /// </summary>
    public static IServiceCollection AddEngagementHubJobs(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        // Registered before AddHangfire, which then uses it instead of the static JobStorage.Current, so several
        // hosts in one process (the tests) each get their own storage.
        services.TryAddSingleton<JobStorage>(_ => provider switch
        {
            DatabaseProvider.PostgreSql => PostgreSqlStorage(connectionString),
            _ => new InMemoryStorage(),
        });
        // The same for the activator that builds each job from the app's services: AddHangfire would otherwise give the job
        // server the static JobActivator.Current, which each host sets as Hangfire is configured. With several hosts in one
        // process (the tests) a server could take another host's, run its jobs against that host's services (its database)
        // and, once that host stopped, fail them all with "Cannot access a disposed object".
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) =>
        {
            config.UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>()))
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            DashboardDatesScript.Add();
        });
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));

        services.AddTransient<DatabaseBackupJob>();
        services.AddTransient<ReminderSweepJob>();
        services.AddTransient<DigestSweepJob>();
        services.AddTransient<SendReminderEmailJob>();
        services.AddTransient<IEmailQueue, HangfireEmailQueue>();
        services.AddTransient<PasswordResetEmailJob>();
        services.AddTransient<IPasswordResetQueue, HangfirePasswordResetQueue>();
        services.AddHostedService<RecurringJobs>();
        return services;
    }

    /// <summary>
    /// The embedded script that makes the dashboard's dates British (see the script for why it works), added to the
    /// dashboard once per process.
    /// </summary>
    /// <remarks>
    /// Hangfire keeps the dashboard's scripts in one list for the whole process, as it keeps its activator and log
    /// provider: added at every host's configuration, the script was sent once for every host started in the process
    /// (the tests start hundreds).
    /// </remarks>
    internal static class DashboardDatesScript
    {
        internal const string Name = "EngagementHub.Web.Jobs.dashboard-en-gb.js";

        private static readonly Lazy<bool> Added = new(() =>
        {
            DashboardRoutes.AddJavaScript(typeof(JobsServiceCollectionExtensions).Assembly, Name);
            return true;
        });

        /// <summary>Adds the script to the dashboard unless this process has already added it.</summary>
        public static void Add() => _ = Added.Value;
    }

    /// <summary>
    /// Hangfire's storage on the app's PostgreSQL database, schema "hangfire", created on first use.
    /// </summary>
    /// <param name="connectionString">The app's Npgsql connection string.</param>
    /// <param name="queuePollInterval">
    /// The longest an idle worker waits before looking at the queue again when no signal wakes it; Hangfire.PostgreSql's
    /// 15 seconds when null. The tests shorten it (see the remarks). Hangfire.PostgreSql refuses one under 50 ms with an
    /// <see cref="ArgumentException"/>.
    /// </param>
    /// <remarks>
    /// A worker is woken at once by a job enqueued in the same process or, through LISTEN/NOTIFY, on another node.
    /// Two cases wait for the poll instead: a notification sent while the worker is between an empty fetch and its LISTEN,
    /// and, in a process running several apps (the tests), an in-process signal taken by another app's worker, since
    /// Hangfire.PostgreSql keeps that signal in one static event per queue name for the whole process.
    /// </remarks>
    internal static PostgreSqlStorage PostgreSqlStorage(string connectionString, TimeSpan? queuePollInterval = null)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            // Created on first use, which start-up does under the cluster-wide start-up lock (HostingExtensions).
            PrepareSchemaIfNecessary = true,
            // LISTEN/NOTIFY: a job enqueued on one node starts on any node at once, not at the next 15-second poll.
            EnableLongPolling = true,
        };
        if (queuePollInterval is { } interval)
        {
            options.QueuePollInterval = interval;
        }

        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>The jobs dashboard, for administrators only, behind the app's own sign-in.</summary>
    public static IEndpointRouteBuilder MapEngagementHubJobs(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            // No Hangfire filter: the endpoint's authorisation policy decides, with the app's cookie.
            Authorization = [],
            DashboardTitle = "EngagementHub background jobs",
            AppPath = "/",
        })
            .RequireAuthorization(Policies.Admin);
        return endpoints;
    }
}
