using EngagementHub.Core.Common;

namespace EngagementHub.Core.Notifications;

public enum DeliveryChannel
{
    Email,
    InApp,
}

public enum DeliveryStatus
{
    Pending,
    /// <summary>
    /// Claimed by one send attempt until <see cref="ReminderDelivery.ClaimExpiresAt"/>: any other job, on any node, finds
    /// it taken and does nothing. A claim whose holder died expires and may be taken again.
    /// </summary>
    Sending,
    Sent,
    Failed,
    /// <summary>Not sent because the deadline was answered or withdrawn before the e-mail went.</summary>
    Cancelled,
}

/// <summary>
/// One reminder to one recipient on one channel: the log of what was (to be) sent. The unique key
/// (DeadlineId, Step, Recipient, Channel) is what makes a sweep run twice, or on two nodes, send once.
/// A workflow notification's e-mail is recorded here too, under its notification's id (unique), so it is claimed,
/// sent, retried and listed for administrators by the same machinery (docs/conventions.md, "Notifications").
/// </summary>
[NotAudited]
public class ReminderDelivery
{
    private ReminderDelivery()
    {
        Step = "";
        Recipient = "";
    }

    public ReminderDelivery(int deadlineId, string step, string recipient, DeliveryChannel channel, DateTimeOffset createdAt)
    {
        DeadlineId = deadlineId;
        Step = step;
        Recipient = recipient;
        Channel = channel;
        Status = DeliveryStatus.Pending;
        CreatedAt = createdAt;
    }

    /// <summary>The e-mail of a workflow notification, recorded with it in one transaction, to the person it is for.</summary>
    public ReminderDelivery(Notification notification, DateTimeOffset createdAt)
    {
        Notification = notification;
        Step = NotificationStep;
        Recipient = notification.UserId;
        Channel = DeliveryChannel.Email;
        Status = DeliveryStatus.Pending;
        CreatedAt = createdAt;
    }

    /// <summary>
    /// The e-mail of a notification recorded earlier, to the person it is for: one that was waiting for a digest when the
    /// person chose to be e-mailed at once instead (<see cref="NotificationPreferences"/>).
    /// </summary>
    internal ReminderDelivery(long notificationId, string userId, DateTimeOffset createdAt)
    {
        NotificationId = notificationId;
        Step = NotificationStep;
        Recipient = userId;
        Channel = DeliveryChannel.Email;
        Status = DeliveryStatus.Pending;
        CreatedAt = createdAt;
    }

    /// <summary>
    /// A digest e-mail to <paramref name="userId"/> of the notifications recorded after <paramref name="windowStart"/> and
    /// up to <paramref name="windowEnd"/> (ADR 14), recorded before it is sent and sent by the same claim as a reminder.
    /// </summary>
    public ReminderDelivery(string userId, DigestKind kind, DateTimeOffset windowStart, DateTimeOffset windowEnd, DateTimeOffset createdAt)
    {
        Step = DigestSchedule.StepFor(kind);
        Recipient = userId;
        Channel = DeliveryChannel.Email;
        Status = DeliveryStatus.Pending;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        CreatedAt = createdAt;
    }

    /// <summary>The <see cref="Step"/> of a workflow notification's e-mail.</summary>
    public const string NotificationStep = "notification";

    public long Id { get; private set; }

    /// <summary>The deadline a reminder is about; null for a workflow notification's e-mail.</summary>
    public int? DeadlineId { get; private set; }

    /// <summary>The workflow notification this e-mail carries; null for a deadline reminder.</summary>
    public long? NotificationId { get; private set; }

    public Notification? Notification { get; private set; }

    /// <summary>The planner's step key, e.g. "before-5", "due", "overdue-week-2", "escalation".</summary>
    public string Step { get; private set; }

    /// <summary>A user id for the LINk owner, an e-mail address for a contact without an account
    /// (<see cref="ContactRecipient"/>).</summary>
    public string Recipient { get; private set; }

    /// <summary>
    /// The form a named contact's address is recorded in as <see cref="Recipient"/>: trimmed and lower case, so the
    /// reminder's unique key stays the same however the address is typed from one day to the next. A key, not an address
    /// to match accounts with (<see cref="Identity.AccountAddress"/> does that) nor to send to: the mailer sends to the
    /// address as the deadline names it.
    /// </summary>
    /// <returns>The key form of <paramref name="email"/>.</returns>
    public static string ContactRecipient(string email) => email.Trim().ToLowerInvariant();

    public DeliveryChannel Channel { get; private set; }

    /// <summary>A digest's window: it covers notifications created after this instant; null for other e-mails.</summary>
    public DateTimeOffset? WindowStart { get; private set; }

    /// <summary>A digest's window: it covers notifications created up to and including this instant (its scheduled time).</summary>
    public DateTimeOffset? WindowEnd { get; private set; }

    /// <summary>The digest this row is, from its step; null for a reminder or a notification's e-mail.</summary>
    public DigestKind? Digest => WindowEnd is null ? null : Step == DigestSchedule.StepFor(DigestKind.Weekly) ? DigestKind.Weekly : DigestKind.Daily;
    public DeliveryStatus Status { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>What the mail server or connection said at the last failed attempt: its first 2,000 characters, which is where the reason is.</summary>
    public string? LastError { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }

    /// <summary>When an administrator last queued this e-mail again after it failed; null if never.</summary>
    public DateTimeOffset? ResentAt { get; private set; }

    /// <summary>The display name of the administrator who last queued it again, for the next one to see.</summary>
    public string? ResentBy { get; private set; }

    /// <summary>
    /// Which send attempt holds the claim while <see cref="Status"/> is Sending; a concurrency token, so an attempt whose
    /// claim was taken over after it expired cannot record its outcome over the new holder's.
    /// </summary>
    public Guid? ClaimToken { get; private set; }

    /// <summary>When the claim lapses: after this another attempt may take it (its holder is presumed dead).</summary>
    public DateTimeOffset? ClaimExpiresAt { get; private set; }

    /// <summary>
    /// The e-mail's Message-ID, stable for the delivery, so a resend is recognisable as the same message, and unique to
    /// this deployment (<paramref name="domain"/> is <see cref="Data.DeploymentIdentity.Domain"/>), so another deployment's
    /// reminder 42 is never taken for this one's.
    /// </summary>
    public static string MessageIdFor(long deliveryId, string domain) => $"reminder-{deliveryId}@{domain}";

    internal void MarkSent(DateTimeOffset at)
    {
        Status = DeliveryStatus.Sent;
        SentAt = at;
        Attempts++;
        LastError = null;
        ClearClaim();
    }

    internal void MarkCancelled()
    {
        Status = DeliveryStatus.Cancelled;
        ClearClaim();
    }

    /// <summary>
    /// A notification's e-mail cancelled because the person had chosen a digest before it went, queued again because
    /// they chose to be e-mailed at once before any digest carried it: a fresh set of attempts, sent by the same claim.
    /// </summary>
    internal void QueueAgain()
    {
        Status = DeliveryStatus.Pending;
        Attempts = 0;
        ClearClaim();
    }

    /// <summary>Records a failed attempt; the last one allowed marks the delivery failed for an admin to see.</summary>
    internal void RecordFailure(string error, int maxAttempts)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        // Released for the next retry, or failed for good after the last one.
        Status = Attempts >= maxAttempts ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        ClearClaim();
    }

    /// <summary>Gives the claim back without counting an attempt: the process is stopping and the send did not finish.</summary>
    internal void ReleaseClaim()
    {
        Status = DeliveryStatus.Pending;
        ClearClaim();
    }

    private void ClearClaim()
    {
        ClaimToken = null;
        ClaimExpiresAt = null;
    }
}
