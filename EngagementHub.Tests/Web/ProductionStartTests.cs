using System.Net;
using EngagementHub.Core;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The README's "first administrator of a real deployment" command, run as a deployer runs it: a process of its own,
/// settings in the environment. It must give a Production server with the bootstrap administrator and no demo accounts.
/// </summary>
public sealed partial class ProductionStartTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private static readonly Dictionary<string, string> Bootstrap = new()
    {
        ["EngagementHub__Bootstrap__AdminEmail"] = "you@your-healthwatch.org.uk",
        ["EngagementHub__Bootstrap__AdminPassword"] = "a-long-Passw0rd!",
        ["EngagementHub__Bootstrap__OrganisationName"] = "Your Healthwatch",
    };

    [Fact]
    public async Task ReadmeProductionCommand_FirstStart_OnlyTheBootstrapAdministratorSignsIn()
    {
        await using var app = AppProcess.Start(["--no-launch-profile"], new Dictionary<string, string>(Bootstrap)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        var address = await app.ListeningAsync(StartTimeout);

        using var demo = app.CreateClient(address);
        var refused = await demo.PostSignInAsync(DemoAccounts.Admin, EngagementHubAppFactory.DemoPassword);
        using var admin = app.CreateClient(address);
        var signedIn = await admin.PostSignInAsync("you@your-healthwatch.org.uk", "a-long-Passw0rd!");
        var users = await admin.GetAsync("/admin/users");
        // On the real server a redirect header cannot carry what this ReturnUrl decodes to ("/été"): it is ignored.
        // The same kind the other way: the redirect to sign-in carries the address asked for, non-ASCII included.
        using var anonymous = app.CreateClient(address);
        var toSignIn = await anonymous.GetAsync("/exercises?q=%C3%A9t%C3%A9");
        using var second = app.CreateClient(address);
        var nonAscii = await second.PostSignInAsync("you@your-healthwatch.org.uk", "a-long-Passw0rd!", "%2F%C3%A9t%C3%A9");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(EngagementHub.Web.Components.Pages.Account.Login.FailedMessage, System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, nonAscii.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        Assert.StartsWith("/account/login", toSignIn.Headers.Location!.IsAbsoluteUri ? toSignIn.Headers.Location.AbsolutePath : toSignIn.Headers.Location.OriginalString);
        Assert.Equal("/", nonAscii.Headers.Location!.IsAbsoluteUri ? nonAscii.Headers.Location.AbsolutePath : nonAscii.Headers.Location.OriginalString);
        var page = await users.Content.ReadAsStringAsync();
        Assert.Contains("you@your-healthwatch.org.uk", page);
        Assert.DoesNotContain("demo.engagementhub.test", page);
        Assert.Contains("Hosting environment: Production", app.Output);

        // Run from the build output rather than published, the scripts and style sheets still come from their packages:
        // without blazor.web.js no interactive page works, and the first administrator could invite nobody.
        var assets = AssetPattern().Matches(page).Select(m => m.Groups["url"].Value).Distinct().ToList();
        Assert.Contains(assets, a => a.Contains("blazor.web", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("MudBlazor", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await admin.GetAsync(asset.StartsWith('/') ? asset : "/" + asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset}: {(int)response.StatusCode}");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("""<(?:script[^>]*\bsrc|link[^>]*\bhref)="(?<url>[^"]+\.(?:js|css))["?]""")]
    private static partial System.Text.RegularExpressions.Regex AssetPattern();

    [Fact]
    public async Task BootstrapAdministrator_UnderTheDevelopmentLaunchProfile_RefusesToStart()
    {
        // The mistake the README used to invite: the launch profile turns the environment to Development (and so demo
        // data on) whatever the shell says. The start must stop, with a message saying what to do, not seed demo accounts.
        await using var app = AppProcess.Start([], new Dictionary<string, string>(Bootstrap)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });

        var exitCode = await app.ExitCodeAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("EngagementHub:DemoData is true and EngagementHub:Bootstrap:AdminEmail is set", app.Output);
        Assert.Contains("--no-launch-profile", app.Output);
        // A setting to put right, said in words: no stack trace on the operator's console.
        Assert.DoesNotContain("Unhandled exception", app.Output);
        Assert.DoesNotContain("   at EngagementHub.", app.Output);
    }

    [Fact]
    public async Task ReadmePostgreSqlSettings_EmptyDatabaseWithoutFirstStart_RefusesToStartAndSaysWhy()
    {
        // The README's PostgreSQL settings without the first-start line: what a dropped and recreated database, or a
        // connection string naming the wrong one, looks like to a start. It must stop and create nothing.
        await using var database = new TestDatabase(DatabaseProvider.PostgreSql);
        await using var app = AppProcess.Start(["--no-launch-profile"], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["EngagementHub__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__EngagementHub"] = database.ConnectionString,
        });

        var exitCode = await app.ExitCodeAsync(StartTimeout);

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"The PostgreSQL database \"{new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database}\"", app.Output);
        Assert.Contains("EngagementHub__Database__FirstStart=true", app.Output);
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
    }
}
