using System.Net;
using EngagementHub.Core;
using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web;

/// <summary>Run against SQLite and against PostgreSQL: see the nested classes.</summary>
public abstract class AccountTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : AccountTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : AccountTests(DatabaseProvider.PostgreSql);

    private readonly EngagementHubAppFactory _app = new(provider);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheFormAgainWithAMessage()
    {
        var client = _app.CreateAnonymous();

        var response = await client.PostSignInAsync(DemoAccounts.Council, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail address or password is not right.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount()
    {
        var client = _app.CreateAnonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.PostSignInAsync(DemoAccounts.Scrutiny, "wrong-password");
        }

        var response = await client.PostSignInAsync(DemoAccounts.Scrutiny, EngagementHubAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is locked", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_ReturnUrlOnAnotherSite_GoesHomeInstead()
    {
        var client = _app.CreateAnonymous();
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/login?returnUrl=%2F%2Fevil.example", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "signin",
            ["Input.Email"] = DemoAccounts.Commissioner,
            ["Input.Password"] = EngagementHubAppFactory.DemoPassword,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString.Replace(client.BaseAddress!.ToString().TrimEnd('/'), ""));
    }

    [Fact]
    public async Task DisabledUser_WithinAMinute_LosesAccessAndCannotSignInAgain()
    {
        var viewer = await _app.SignInAsync(DemoAccounts.Viewer);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/directory")).StatusCode);

        var viewerId = await UserIdAsync(DemoAccounts.Viewer);
        var admin = await ActorAsync(DemoAccounts.Admin);
        var outcome = await _app.Services.GetRequiredService<UserAdministration>().SetDisabledAsync(admin, viewerId, disabled: true);
        Assert.True(outcome.Succeeded);

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        var afterDisable = await viewer.GetAsync("/directory");

        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.StartsWith("/account/login", afterDisable.Headers.Location!.AbsolutePath);
        var again = await _app.CreateAnonymous().PostSignInAsync(DemoAccounts.Viewer, EngagementHubAppFactory.DemoPassword);
        Assert.Contains("This account cannot sign in.", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignOut_WithToken_EndsTheSession()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);
        var page = await client.GetStringAsync("/directory");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("signedOut=true", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/directory")).StatusCode);
    }

    [Fact]
    public async Task SignOut_WithoutToken_IsRefused()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/directory")).StatusCode);
    }

    private async Task<string> UserIdAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHub.Core.Data.EngagementHubDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private async Task<Actor> ActorAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHub.Core.Data.EngagementHubDbContext>();
        var user = await db.Users.Include(u => u.Organisation).SingleAsync(u => u.Email == email);
        return new Actor(user.Id, user.DisplayName, user.OrganisationId, user.Organisation!.Name, user.Role);
    }
}
