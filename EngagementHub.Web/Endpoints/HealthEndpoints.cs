using EngagementHub.Core;
using EngagementHub.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace EngagementHub.Web.Endpoints;

public static class HealthEndpoints
{
    public static IServiceCollection AddEngagementHubHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary><c>/health</c>: 200 "Healthy" when the database answers, 503 otherwise. Says nothing else to anonymous callers.</summary>
    public static IEndpointRouteBuilder MapEngagementHubHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions()).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }
}

/// <summary>
/// Healthy when a query against the application database succeeds and, for SQLite, the disk holding the file has at
/// least <see cref="DatabaseOptions.MinimumFreeMegabytes"/> free (a full disk still answers reads, so the query alone
/// would report a database that can no longer save anything as healthy).
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<EngagementHubDbContext> dbFactory, IOptions<EngagementHubOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Organisations.AnyAsync(cancellationToken);
            if (db.Database.IsSqlite() && SqliteDatabaseFile.PathOf(db.Database.GetConnectionString()!) is { } path)
            {
                var freeMegabytes = new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace / (1024 * 1024);
                var minimum = options.Value.Database.MinimumFreeMegabytes;
                if (freeMegabytes < minimum)
                {
                    return HealthCheckResult.Unhealthy($"The disk holding the database has {freeMegabytes} MB free, under the {minimum} MB minimum.");
                }
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", ex);
        }
    }
}
