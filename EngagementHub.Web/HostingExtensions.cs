using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Web.Components;
using EngagementHub.Web.Endpoints;
using EngagementHub.Web.Hosting;
using EngagementHub.Web.Identity;
using EngagementHub.Web.Jobs;
using EngagementHub.Web.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace EngagementHub.Web;

/// <summary>The app's table of contents: which parts it is made of, and in which order requests meet them.</summary>
public static class HostingExtensions
{
    public static WebApplicationBuilder AddEngagementHub(this WebApplicationBuilder builder)
    {
        // The framework's scripts and the packages' style sheets are served from their packages when the app runs from its
        // build output (the README's first-administrator command, `dotnet run` in Production), not only in Development,
        // which is all the host enables by default; a published app has them in wwwroot and this finds nothing to add.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        var section = builder.Configuration.GetSection(EngagementHubOptions.Section);
        services.Configure<EngagementHubOptions>(section);
        var options = section.Get<EngagementHubOptions>() ?? new EngagementHubOptions();

        var connectionString = ResolveConnectionString(builder, options.Database.Provider);
        services.AddEngagementHubCore(options.Database.Provider, connectionString);
        services.AddEngagementHubIdentity(options.DataProtection);
        services.AddEngagementHubNotifications(builder.Configuration);
        services.AddEngagementHubJobs(options.Database.Provider, connectionString);
        services.AddEngagementHubHealthChecks();
        services.AddEngagementHubTransportSecurity(options.TrustForwardedHeaders);
        services.AddSignInRateLimit(options.SignIn);
        services.AddHostedService<FirstRunBanner>();

        services.AddRazorComponents()
            .AddInteractiveServerComponents(o => o.DetailedErrors = builder.Environment.IsDevelopment())
            .AddHubOptions(o => o.MaximumReceiveMessageSize = Components.Shared.FormLimits.MaximumReceiveMessageSize);
        services.AddMudServices();
        services.AddEngagementHubComponents();
        return builder;
    }

    /// <summary>
    /// Migrations and seeds, then the first use of what several nodes share, all under the start-up lock: the
    /// data-protection key ring (so two nodes starting together do not each create a key the other has not loaded) and
    /// Hangfire's schema (created by its storage on first use).
    /// </summary>
    /// <returns>True when the app may start; false when it must not (<see cref="StartRefusedException"/>), the reason logged.</returns>
    public static async Task<bool> InitializeDatabaseAsync(this WebApplication app)
    {
        try
        {
            await InitializeAsync(app);
            return true;
        }
        catch (StartRefusedException refused)
        {
            // What the operator must put right, in words, without a stack trace: it is a setting or a file, not a fault.
            app.Logger.LogCritical("EngagementHub did not start. {Reason}", refused.Message);
            return false;
        }
    }

    private static async Task InitializeAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var provider = app.Services.GetRequiredService<IOptions<EngagementHubOptions>>().Value.Database.Provider;
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(_ =>
        {
            app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("EngagementHub.StartUp").Protect([1]);
            if (provider == DatabaseProvider.PostgreSql)
            {
                // Hangfire's configuration first: it points Hangfire's static logging at this host before the storage,
                // which logs as it installs its schema, is built.
                app.Services.GetRequiredService<Hangfire.IGlobalConfiguration>();
                app.Services.GetRequiredService<Hangfire.JobStorage>();
            }

            return Task.CompletedTask;
        });
    }

    public static WebApplication UseEngagementHub(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<EngagementHubOptions>>().Value.TrustForwardedHeaders)
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            // A friendly page, never a stack trace, outside Development.
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseSecurityHeaders();
        app.UsePublicCaching();
        app.UsePageStatus();

        app.UseStatusPages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        // The framework's own frame-ancestors header is left off: SecurityHeaders sends the whole policy, 'none' included.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAccountEndpoints();
        app.MapEngagementHubHealthChecks();
        app.MapExerciseExports();
        app.MapDeadlineEndpoints();
        app.MapDeadlineExports();
        app.MapTimetableExports();
        app.MapCalendarFeeds();
        app.MapPublicData();
        app.MapUnsubscribe();
        app.MapEngagementHubJobs();
        return app;
    }

    /// <summary>
    /// The SQLite default lives in App_Data beside the app; a relative path is taken from the content root, not the
    /// current directory, so <c>dotnet run --project</c> from anywhere finds the same file.
    /// </summary>
    private static string ResolveConnectionString(WebApplicationBuilder builder, DatabaseProvider provider)
    {
        var configured = builder.Configuration.GetConnectionString("EngagementHub");
        if (provider != DatabaseProvider.Sqlite)
        {
            return configured ?? throw new InvalidOperationException("Set ConnectionStrings:EngagementHub for the database server.");
        }

        var sqlite = new SqliteConnectionStringBuilder(configured ?? "Data Source=App_Data/engagementhub.db");
        if (sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(builder.Environment.ContentRootPath, sqlite.DataSource);
        }

        if (sqlite.DataSource != ":memory:")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(sqlite.DataSource)!);
        }

        return sqlite.ToString();
    }
}
