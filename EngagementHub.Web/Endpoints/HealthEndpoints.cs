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

    /// <summary>
    /// <c>/health</c>: 200 "Healthy" when the database answers and takes a write, 503 "Unhealthy: " and the failing
    /// checks' own fixed sentences otherwise. Anonymous callers learn what is wrong, never where (no exception text,
    /// host or connection string).
    /// </summary>
    public static IEndpointRouteBuilder MapEngagementHubHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteStatusAndReasonAsync })
            .AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    /// <summary>The status, and for a failure each failing check's description (the checks here write only fixed sentences).</summary>
    private static Task WriteStatusAndReasonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var reasons = report.Entries.Values
            .Where(e => e.Status != HealthStatus.Healthy && !string.IsNullOrEmpty(e.Description))
            .Select(e => e.Description);
        var text = report.Status == HealthStatus.Healthy ? "Healthy" : $"{report.Status}: {string.Join(" ", reasons)}".TrimEnd(' ', ':');
        return context.Response.WriteAsync(text);
    }
}

/// <summary>
/// Healthy when the application database answers and takes a write that is then rolled back
/// (<see cref="WriteRefusal.ProbeAsync"/>: a read-only database still answers reads; on PostgreSQL the probe also needs a
/// new page on disk, so a full disk fails it) and, for SQLite, the disk holding the file has at least
/// <see cref="DatabaseOptions.MinimumFreeMegabytes"/> free (a rolled-back write there does not reach the disk, so only
/// the free space warns before saves start failing). Polled by load balancers, so it costs one round trip to PostgreSQL
/// and writes nothing that stays.
/// </summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<EngagementHubDbContext> dbFactory, IOptions<EngagementHubOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // One round trip answers both questions: a database that does not answer fails the probe too, and is told
            // apart from one that answers but refuses the write.
            try
            {
                await WriteRefusal.ProbeAsync(db, cancellationToken);
            }
            catch (Exception refused) when (WriteRefusal.Of(refused) is { } kind)
            {
                return HealthCheckResult.Unhealthy(WriteRefusal.Describe(kind), refused);
            }

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
