using System.Net;
using EngagementHub.Core;
using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.Web;

/// <summary>
/// Run on SQLite only, as every HTTP test whose subject is not the database (ADR 20). The tests only sign in and read,
/// so the tests of a class share one app.
/// </summary>
public abstract class AuthorisationTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : AuthorisationTests(app), IClassFixture<SqliteApp>;

    private readonly EngagementHubAppFactory _app = app;

    [Theory]
    [InlineData("/directory")]
    [InlineData("/admin/users")]
    [InlineData("/admin/organisations")]
    [InlineData("/admin/deliveries")]
    [InlineData("/notifications")]
    [InlineData("/work-programme/balance")]
    [InlineData("/hangfire")]
    public async Task ProtectedPage_Anonymous_RedirectsToSignIn(string path)
    {
        var client = _app.CreateAnonymous();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Directory_Anonymous_ShowsNoPartnershipData()
    {
        var client = _app.CreateAnonymous();

        var response = await client.GetAsync("/directory");
        var body = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("Birmingham LINk", body);
        Assert.DoesNotContain("NHS South Birmingham", body);
    }

    [Fact]
    public async Task Directory_LinkOfficer_ListsThePartnership()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);

        var body = await client.GetStringAsync("/directory");

        Assert.Contains("Birmingham LINk", body);
        Assert.Contains("NHS South Birmingham", body);
        Assert.Contains("Care Quality Commission", body);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/organisations")]
    [InlineData("/admin/deliveries")]
    [InlineData("/hangfire")]
    public async Task AdminPage_Viewer_IsRefused(string path)
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/admin/users", "Users")]
    [InlineData("/admin/organisations", "Organisations")]
    [InlineData("/admin/deliveries", "Failed e-mails")]
    public async Task AdminPage_Admin_IsServed(string path, string heading)
    {
        var client = await _app.SignInAsync(DemoAccounts.Admin);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(heading, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task NotificationsPage_Viewer_IsServedTheirOwnCentre()
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);

        var response = await client.GetAsync("/notifications");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1", body);
        // The demo gives the viewer one unread notice (an exercise added), so the demo shows the bell working.
        Assert.Contains("Notifications, 1 unread", body);
    }

    [Fact]
    public async Task HangfireDashboard_Admin_IsServed()
    {
        var client = await _app.SignInAsync(DemoAccounts.Admin);

        var response = await client.GetAsync("/hangfire/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("reminder-sweep", body);
        Assert.Contains("holiday-calendar-check", body);
        // The SQLite backup is scheduled only on SQLite; a database server is backed up with its own tools.
        Assert.Equal(_app.Database.Provider == DatabaseProvider.Sqlite, body.Contains("database-backup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HangfireDashboardScripts_AnotherAppStartedInTheProcess_CarryTheBritishDatesOnce()
    {
        await using var another = new EngagementHubAppFactory(_app.Database.Provider);
        _ = another.Services;
        var client = await _app.SignInAsync(DemoAccounts.Admin);

        // The dashboard's scripts, combined (any number after "js" names the bundle).
        var scripts = await client.GetStringAsync("/hangfire/js1");

        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(scripts, @"moment\.updateLocale\(""en"""));
    }
}
