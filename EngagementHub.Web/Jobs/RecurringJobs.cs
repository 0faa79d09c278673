using Hangfire;

namespace EngagementHub.Web.Jobs;

/// <summary>
/// Every recurring job, in one place, under a stable id. Registered at each start: with in-memory storage the schedule
/// itself is not durable, and AddOrUpdate under the same id never creates a duplicate.
/// </summary>
public sealed class RecurringJobs(IRecurringJobManager manager, ILogger<RecurringJobs> logger) : IHostedService
{
    public const string DatabaseBackup = "database-backup";

    private static readonly TimeZoneInfo UkTimeZone = FindUkTimeZone();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // 02:30 UK time: after the working day, before the overnight hours in which nobody is editing.
        manager.AddOrUpdate<DatabaseBackupJob>(
            DatabaseBackup, job => job.RunAsync(CancellationToken.None), "30 2 * * *", new RecurringJobOptions { TimeZone = UkTimeZone });
        logger.LogInformation("Registered recurring jobs: {Jobs}", DatabaseBackup);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static TimeZoneInfo FindUkTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
