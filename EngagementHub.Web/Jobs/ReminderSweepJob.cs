using EngagementHub.Core.Notifications;
using EngagementHub.Core.Reminders;
using Hangfire;

namespace EngagementHub.Web.Jobs;

/// <summary>
/// Every 15 minutes and once at start-up: records the reminders that came due (once, under their unique keys) and
/// queues their e-mails by delivery id.
/// </summary>
public sealed class ReminderSweepJob(ReminderSweep sweep, ReminderMailer mailer, IEmailQueue emails)
{
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var result = await sweep.RunAsync(cancellationToken);
        emails.Queue(result.EmailDeliveryIds);

        // An attempt that died mid-send (its node stopped) leaves a claim that lapses; nothing else would retry it.
        var lapsed = await mailer.LapsedClaimsAsync(cancellationToken);
        emails.Queue(lapsed);

        return $"{result.StepsDue} reminder steps due on {result.DeadlinesChecked} open deadlines; recorded {result.Recorded}, queued {result.EmailDeliveryIds.Count} e-mails"
               + (lapsed.Count > 0 ? $" and {lapsed.Count} whose claim lapsed." : ".");
    }

    /// <summary>
    /// At start-up: e-mails recorded but never sent (their jobs went with the in-memory queue when the app stopped)
    /// are queued again, then the sweep catches up on whatever came due while it was down. An e-mail another node is
    /// sending right now is not among them (its claim has not lapsed). With a durable queue a re-queued e-mail may also
    /// still have its first job: whichever runs second finds it claimed or sent, and does nothing.
    /// </summary>
    public async Task<string> CatchUpAsync(CancellationToken cancellationToken)
    {
        var pending = await mailer.UnsentAsync(cancellationToken);
        emails.Queue(pending);

        return $"Re-queued {pending.Count} unsent e-mails. " + await RunAsync(cancellationToken);
    }
}
