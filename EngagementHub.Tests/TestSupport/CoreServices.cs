using EngagementHub.Core;
using EngagementHub.Web.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// Core's services as the app wires them (real DI, real Identity, the test database and its fake clock), without the
/// web host: for services that open their own scopes (user administration, start-up, backups).
/// </summary>
public static class CoreServices
{
    /// <param name="smtpPort">
    /// A test SMTP server on 127.0.0.1 (<see cref="SmtpSink"/>) for the e-mails Core sends itself (account e-mails); none:
    /// they go to a pickup folder in the database's directory.
    /// </param>
    /// <param name="alter">Last changes to the services before they are built (a test's interceptor on the database).</param>
    public static ServiceProvider Build(
        TestDatabase database, CapturingLoggerProvider? logs = null, Action<EngagementHubOptions>? configure = null, int? smtpPort = null,
        Action<IServiceCollection>? alter = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Debug);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddEngagementHubCore(database.Provider, database.ConnectionString);
        // The web app's addresses for the links in e-mails, as the web host registers them.
        services.AddSingleton<EngagementHub.Core.Common.IPageLinks, EngagementHub.Web.Components.Shared.PageLinks>();

        // Core registers the system clock; the test's fake clock replaces it so times are known and can be moved.
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(database.Clock);

        // The same password and lockout rules as the web app.
        services.AddEngagementHubAccounts();
        services.UseTestPasswordHashing();

        services.AddSingleton<EngagementHub.Core.Notifications.IEmailSender>(new EngagementHub.Web.Notifications.MailKitEmailSender(
            Microsoft.Extensions.Options.Options.Create(new EngagementHub.Web.Notifications.SmtpOptions
            {
                Host = smtpPort is null ? null : "127.0.0.1",
                Port = smtpPort ?? 0,
                UseTls = EngagementHub.Web.Notifications.SmtpSecurity.None,
                TimeoutSeconds = 10,
            }),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = database.Directory },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<EngagementHub.Web.Notifications.MailKitEmailSender>.Instance));

        // Token providers need data protection; ephemeral keys keep the tests from writing a key ring to disk.
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());

        services.Configure<EngagementHubOptions>(o =>
        {
            // Every test database is new, so a start is a first start unless a test says otherwise.
            o.Database.FirstStart = true;
            configure?.Invoke(o);
        });
        alter?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
