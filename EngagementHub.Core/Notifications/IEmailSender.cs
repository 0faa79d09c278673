namespace EngagementHub.Core.Notifications;

/// <param name="MessageId">Without angle brackets, e.g. "reminder-42@engage.example.org.uk".</param>
public sealed record EmailMessage(string To, string Subject, string Body, string MessageId);

/// <summary>Sends one e-mail or throws; the caller records the outcome. The SMTP implementation lives in Web.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}
