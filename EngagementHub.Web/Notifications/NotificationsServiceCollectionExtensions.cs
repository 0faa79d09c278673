using EngagementHub.Core.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementHub.Web.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// E-mail (SMTP, or .eml files in a pickup folder when no host is set), and the node's one notification poll (bells
    /// and immediate e-mails) started with the app.
    /// </summary>
    public static IServiceCollection AddEngagementHubNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        // The poll is also what the components' bell listens to (AddEngagementHubComponents registers it too); here it is
        // started with the app.
        services.TryAddSingleton<NotificationPulse>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationPulse>());
        return services;
    }
}
