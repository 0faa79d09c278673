using EngagementHub.Core.Common;
using EngagementHub.Core.Notifications;
using EngagementHub.Web.Components.Shared;
using EngagementHub.Web.Identity;
using EngagementHub.Web.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EngagementHub.Web.Components;

public static class ComponentServiceCollectionExtensions
{
    /// <summary>
    /// What the pages and components inject beyond Core's services, registered once for the app and for the component
    /// tests alike: the signed-in person, the routes Core's links resolve to, the reminder mailer, the notification bell
    /// and the node's poll that rings it, and the prerender hand-off and shared markup of the list pages (ADR 0027, ADR
    /// 0028). Not the sign-in, e-mail transport or job runner behind them: the app adds those, the tests their own.
    /// </summary>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddEngagementHubComponents(this IServiceCollection services)
    {
        services.AddScoped<CurrentActor>();
        services.AddSingleton<IPageLinks, PageLinks>();
        services.AddTransient<ReminderMailer>();
        services.AddScoped<UnreadNotifications>();
        services.TryAddSingleton<NotificationPulse>();
        services.AddMemoryCache();
        services.AddSingleton<PrerenderHandOff>();
        services.AddSingleton<SharedMarkupRenderer>();
        return services;
    }
}
