using EngagementHub.Core;
using EngagementHub.Core.Deadlines;
using Hangfire;
using Microsoft.Extensions.Options;

namespace EngagementHub.Web.Jobs;

/// <summary>
/// Every recurring job, in one place, under a stable id. Registered at each start by every node: with in-memory storage
/// the schedule itself is not durable, and with shared PostgreSQL storage AddOrUpdate under the same id updates the one
/// schedule (under Hangfire's distributed lock) rather than adding another, so each job still runs once per schedule
/// across the cluster.
/// </summary>
public sealed class RecurringJobs(
    IRecurringJobManager manager, IBackgroundJobClient jobs, IOptions<EngagementHubOptions> options, ILogger<RecurringJobs> logger) : IHostedService
{
    public const string DatabaseBackup = "database-backup";
    public const string ReminderSweep = "reminder-sweep";
    public const string HolidayCalendarCheck = "holiday-calendar-check";
    public const string DigestSweep = "digest-sweep";

    private static readonly TimeZoneInfo UkTimeZone = EngagementHub.Core.Common.UkTime.Zone;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Database.Provider == DatabaseProvider.Sqlite)
        {
            // 02:30 UK time: after the working day, before the overnight hours in which nobody is editing.
            manager.AddOrUpdate<DatabaseBackupJob>(
                DatabaseBackup, job => job.RunAsync(CancellationToken.None), "30 2 * * *", new RecurringJobOptions { TimeZone = UkTimeZone });
        }
        else
        {
            // A database server is backed up by its own tools (pg_dump, see the deployment docs), not by the app.
            manager.RemoveIfExists(DatabaseBackup);
        }

        // Every 15 minutes: a reminder comes due at most a quarter of an hour late, and each run is cheap when nothing has.
        manager.AddOrUpdate<ReminderSweepJob>(
            ReminderSweep, job => job.RunAsync(CancellationToken.None), "*/15 * * * *", new RecurringJobOptions { TimeZone = UkTimeZone });
        // At 5, 20, 35 and 50 past: a digest due on the hour is recorded once its window has settled (DigestSweep.SettleTime).
        manager.AddOrUpdate<DigestSweepJob>(
            DigestSweep, job => job.RunAsync(CancellationToken.None), "5/15 * * * *", new RecurringJobOptions { TimeZone = UkTimeZone });
        // Mondays 08:00: admins hear in good time that next year's bank holidays need importing.
        manager.AddOrUpdate<HolidayCoverageCheck>(
            HolidayCalendarCheck, check => check.RunAsync(CancellationToken.None), "0 8 * * 1", new RecurringJobOptions { TimeZone = UkTimeZone });

        // Hosted services start after Program has migrated the database. The schedule and queue were lost with the
        // last process: catch up now on unsent e-mails and on whatever came due while the app was down.
        jobs.Enqueue<ReminderSweepJob>(job => job.CatchUpAsync(CancellationToken.None));
        jobs.Enqueue<DigestSweepJob>(job => job.RunAsync(CancellationToken.None));
        logger.LogInformation("Registered recurring jobs: {Jobs}; queued the start-up reminder catch-up",
            options.Value.Database.Provider == DatabaseProvider.Sqlite ? string.Join(", ", DatabaseBackup, ReminderSweep, DigestSweep, HolidayCalendarCheck) : string.Join(", ", ReminderSweep, DigestSweep, HolidayCalendarCheck));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
