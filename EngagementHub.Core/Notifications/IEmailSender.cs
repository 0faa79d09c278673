namespace EngagementHub.Core.Notifications;

/// <summary>One plain-text e-mail to one address.</summary>
/// <param name="To">The recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">The plain-text body.</param>
/// <param name="MessageId">Without angle brackets, e.g. "reminder-42@engage.example.org.uk".</param>
/// <param name="Unsubscribe">
/// The one-click unsubscribe address (RFC 8058) for this person and category: the sender puts it in the
/// <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c> headers. Null for an address with no account behind it.
/// </param>
public sealed record EmailMessage(string To, string Subject, string Body, string MessageId, Uri? Unsubscribe = null);

/// <summary>Sends one e-mail or throws; the caller records the outcome. The SMTP implementation lives in Web.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}
