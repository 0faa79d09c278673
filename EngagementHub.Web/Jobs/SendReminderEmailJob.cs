using EngagementHub.Core.Notifications;
using Hangfire;

namespace EngagementHub.Web.Jobs;

/// <summary>
/// Sends one recorded reminder e-mail, by delivery id. Thin: <see cref="ReminderMailer"/> skips one already sent or
/// whose deadline has closed, records each failure, and marks the delivery failed on the last attempt.
/// </summary>
public sealed class SendReminderEmailJob(ReminderMailer mailer)
{
    public const int Retries = 5;

    /// <summary>The first attempt and Hangfire's retries.</summary>
    public const int MaxAttempts = Retries + 1;

    [AutomaticRetry(Attempts = Retries)]
    public Task RunAsync(long deliveryId, CancellationToken cancellationToken) => mailer.SendAsync(deliveryId, MaxAttempts, cancellationToken);
}

/// <summary>The e-mail queue as Hangfire jobs: one <see cref="SendReminderEmailJob"/> per recorded e-mail.</summary>
public sealed class HangfireEmailQueue(IBackgroundJobClient jobs) : IEmailQueue
{
    public void Queue(IEnumerable<long> deliveryIds)
    {
        foreach (var id in deliveryIds)
        {
            jobs.Enqueue<SendReminderEmailJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }
}
