using System.Net;
using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.Web;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class HostingTests(DatabaseProvider provider)
{
    public sealed class Sqlite() : HostingTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : HostingTests(DatabaseProvider.PostgreSql);

    [Fact]
    public async Task Health_DatabaseReachable_Answers200Healthy()
    {
        await using var app = new EngagementHubAppFactory(provider);

        var response = await app.CreateAnonymous().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Health_DatabaseGone_Answers503()
    {
        await using var app = new EngagementHubAppFactory(provider);
        var client = app.CreateAnonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        // Make the database unreadable: the check must notice, not answer from a cache.
        await app.Database.BreakAsync();
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        // The reason, and nothing of the exception (paths, host names, provider messages).
        Assert.Equal("Unhealthy: The database did not answer.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DemoDataOff_DemoAccounts_DoNotExist()
    {
        await using var app = new EngagementHubAppFactory(provider) { DemoData = false };

        var response = await app.CreateAnonymous().PostSignInAsync(DemoAccounts.Link, EngagementHubAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EngagementHub.Web.Components.Pages.Account.Login.FailedMessage, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task DemoDataOff_BootstrapAdminConfigured_CanSignInAndAdminister()
    {
        await using var app = new EngagementHubAppFactory(provider) { DemoData = false };
        app.Settings["EngagementHub:Bootstrap:AdminEmail"] = "first.admin@example.org";
        app.Settings["EngagementHub:Bootstrap:AdminPassword"] = "Tidy-Harbour-Lantern-7";
        app.Settings["EngagementHub:Bootstrap:OrganisationName"] = "Example Healthwatch";

        var client = await app.SignInAsync("first.admin@example.org", "Tidy-Harbour-Lantern-7");
        var users = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Contains("Example Healthwatch", await client.GetStringAsync("/directory"));
    }

    [Fact]
    public async Task UnknownPage_OutsideDevelopment_ShowsFriendlyNotFound()
    {
        await using var app = new EngagementHubAppFactory(provider) { Environment = "Production" };

        var response = await app.CreateAnonymous().GetAsync("/no-such-page");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", body);
    }

    /// <summary>A form posted to an export, which takes only GET, keeps its 405 and is not called a page that does not
    /// exist (re-run as a page, the post was refused again as a 400).</summary>
    [Fact]
    public async Task FormPostedToAnExport_OutsideDevelopment_Answers405InWordsNotPageNotFound()
    {
        await using var app = new EngagementHubAppFactory(provider) { Environment = "Production" };
        var client = await app.SignInAsync(DemoAccounts.Viewer);

        var response = await client.PostAsync("/exercises/export.csv", new FormUrlEncodedContent([]));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("EngagementHub could not answer this request (status 405).", body);
        Assert.DoesNotContain("There is no page at this address", body);
    }

    [Fact]
    public async Task PublicPage_DatabaseGone_Answers503SayingTheDatabaseIsNotAvailable()
    {
        await using var app = new EngagementHubAppFactory(provider) { Environment = "Production" };
        var client = app.CreateAnonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/public/timetable")).StatusCode);

        await app.Database.BreakAsync();
        var response = await client.GetAsync("/public/timetable");
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("60", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Contains("The database is not available", body);
        Assert.Contains("This page could not be shown: EngagementHub cannot reach its database just now.", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Theory]
    [InlineData("/timetable")]
    [InlineData("/exercises")]
    [InlineData("/account")]
    public async Task SignedInPage_DatabaseGone_Answers503SayingTheDatabaseIsNotAvailable(string path)
    {
        // Signed in, the database is read before the page is reached: the cookie is only a key to the stored session.
        await using var app = new EngagementHubAppFactory(provider) { Environment = "Production" };
        var client = await app.SignInAsync(DemoAccounts.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        await app.Database.BreakAsync();
        var response = await client.GetAsync(path);
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("60", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Contains("The database is not available", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task ErrorPage_OutsideDevelopment_ShowsNoStackTrace()
    {
        await using var app = new EngagementHubAppFactory(provider) { Environment = "Production" };

        var body = await app.CreateAnonymous().GetStringAsync("/error");

        Assert.Contains("Something went wrong", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at EngagementHub.", body);
    }
}

/// <summary>The embedded database's own checks; PostgreSQL's server watches its own disk.</summary>
public sealed class SqliteHealthTests
{
    [Fact]
    public async Task Health_DiskNearlyFull_Answers503()
    {
        // More free space demanded than any machine has: the disk counts as nearly full.
        await using var app = new EngagementHubAppFactory(DatabaseProvider.Sqlite);
        app.Settings["EngagementHub:Database:MinimumFreeMegabytes"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var client = app.CreateAnonymous();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("Unhealthy: The disk holding the database has ", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// A PostgreSQL database that answers but takes no write (read-only, as a managed server goes when its storage is full;
/// a full disk itself cannot be made in a test).
/// </summary>
public sealed class PostgreSqlHealthTests
{
    [Fact]
    public async Task Health_DatabaseRefusesWrites_Answers503WithTheReasonOnly()
    {
        await using var app = new EngagementHubAppFactory(DatabaseProvider.PostgreSql);
        var client = app.CreateAnonymous();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        app.Database.RefuseWrites();
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.GetAsync("/health");
            body = await response.Content.ReadAsStringAsync();
        }
        finally
        {
            app.Database.AcceptWrites();
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy: " + WriteRefusal.Describe(WriteRefusalKind.ReadOnly), body);
        Assert.DoesNotContain(new Npgsql.NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database!, body);
        Assert.DoesNotContain("127.0.0.1", body);
    }
}
