using EngagementHub.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

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

/// <summary>Healthy when a query against the application database succeeds.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<EngagementHubDbContext> dbFactory) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Organisations.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("The database did not answer.", ex);
        }
    }
}
