namespace EngagementHub.Core.Notifications;

/// <summary>
/// Where recorded e-mails (reminders, digests, notifications; each a <see cref="ReminderDelivery"/>) are handed over to
/// be sent in the background. Core and the pages say what to send; how it is queued (Hangfire, in the web app) stays
/// out of them.
/// </summary>
public interface IEmailQueue
{
    /// <summary>
    /// Queues one send per recorded e-mail, by id (never the entity: the send outlives the caller's context). Queuing
    /// one twice is harmless: <see cref="ReminderMailer"/>'s claim lets exactly one attempt send it.
    /// </summary>
    /// <param name="deliveryIds">Ids of <see cref="ReminderDelivery"/> rows; unknown ids are skipped when sent.</param>
    void Queue(IEnumerable<long> deliveryIds);
}
