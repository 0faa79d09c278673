using EngagementHub.Core.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EngagementHub.Web.Notifications;

/// <summary>
/// Sends by SMTP with MailKit, or — when no SMTP host is configured — drops the message as an .eml file in the pickup
/// folder. Either way the Message-ID is the delivery's own, so a resent reminder is recognisably the same message.
/// </summary>
public sealed class MailKitEmailSender(IOptions<SmtpOptions> options, IHostEnvironment environment, ILogger<MailKitEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var smtp = options.Value;
        var mime = Build(message, smtp.From);
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            var folder = Path.Combine(environment.ContentRootPath, smtp.PickupDirectory);
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{message.MessageId.Split('@')[0]}.eml");
            await mime.WriteToAsync(path, ct);
            logger.LogInformation("No SMTP host configured: wrote e-mail {MessageId} to {Path}", message.MessageId, path);
            return;
        }

        using var client = new SmtpClient { Timeout = smtp.TimeoutSeconds * 1000 };
        var security = smtp.UseTls switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(smtp.Host, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        }

        await client.SendAsync(mime, ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    public static MimeMessage Build(EmailMessage message, string from)
    {
        var mime = new MimeMessage { Subject = message.Subject, MessageId = message.MessageId };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Body = new TextPart("plain") { Text = message.Body };
        if (message.Unsubscribe is { } unsubscribe)
        {
            // RFC 8058: the mail program offers "unsubscribe" and POSTs "List-Unsubscribe=One-Click" to this address.
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return mime;
    }
}
