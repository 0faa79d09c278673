using EngagementHub.Core.Common;
using EngagementHub.Core.Notifications;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Web.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// E-mail (SMTP, or .eml files in a pickup folder when no host is set), the reminder mailer, and the node's one
    /// notification poll (bells and immediate e-mails).
    /// </summary>
    public static IServiceCollection AddEngagementHubNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<IPageLinks, PageLinks>();
        services.AddTransient<ReminderMailer>();
        services.AddScoped<UnreadNotifications>();
        services.AddSingleton<NotificationPulse>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationPulse>());
        return services;
    }
}
