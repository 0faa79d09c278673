using EngagementHub.Core.Notifications;
using Hangfire;

namespace EngagementHub.Web.Jobs;

/// <summary>
/// Every 15 minutes (at 5 past the quarter-hour) and once at start-up: records the digests that came due (once, under
/// their unique keys, ADR 14) and queues their e-mails by delivery id, sent like any reminder.
/// </summary>
public sealed class DigestSweepJob(DigestSweep sweep, ReminderMailer mailer, IEmailQueue emails)
{
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var recorded = await sweep.RunAsync(cancellationToken);
        // With them, any digest recorded by a run that stopped before queuing it (the claim sends each once).
        var queued = recorded.Union(await mailer.UnattemptedDigestsAsync(cancellationToken)).ToList();
        emails.Queue(queued);

        return $"Recorded {recorded.Count} digests; queued {queued.Count}.";
    }
}
