using EngagementHub.Core;
using EngagementHub.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web.Jobs;

/// <summary>
/// Each host's job server builds jobs from that host's own services, whichever host in the process configured Hangfire
/// last (Hangfire keeps a static activator, which every host's configuration overwrites).
/// </summary>
public sealed class JobActivatorTests
{
    [Fact]
    public void JobActivator_AnotherHostConfiguredSince_BuildsJobsFromItsOwnHostsServices()
    {
        using var first = Host();
        using var second = Host();

        // The order two hosts starting together can take: both configure Hangfire, then the first builds its job server.
        first.GetRequiredService<IGlobalConfiguration>();
        second.GetRequiredService<IGlobalConfiguration>();
        var activator = first.GetRequiredService<JobActivator>();

        using var scope = activator.BeginScope((JobActivatorContext)null!);
        Assert.Same(first.GetRequiredService<Marker>(), scope.Resolve(typeof(Marker)));
    }

    private static ServiceProvider Host()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Marker>();
        services.AddEngagementHubJobs(DatabaseProvider.Sqlite, "Data Source=:memory:");
        return services.BuildServiceProvider();
    }

    private sealed class Marker;
}
