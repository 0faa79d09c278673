using EngagementHub.Web.Identity;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementHub.Web.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with in-memory storage for the queue (see docs/decisions/0002): every durable fact lives in the
    /// application database, and recurring jobs are registered again at every start.
    /// </summary>
    public static IServiceCollection AddEngagementHubJobs(this IServiceCollection services)
    {
        // Registered before AddHangfire, which then uses it instead of the static JobStorage.Current, so several
        // hosts in one process (the tests) each get their own storage.
        services.TryAddSingleton<JobStorage>(_ => new InMemoryStorage());
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));

        services.AddTransient<DatabaseBackupJob>();
        services.AddTransient<ReminderSweepJob>();
        services.AddTransient<SendReminderEmailJob>();
        services.AddHostedService<RecurringJobs>();
        return services;
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
