using System.Net;
using System.Text.RegularExpressions;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Account;
using EngagementHub.Web.Components.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The app when its database fails: the server-rendered account forms say what happened, keep what was typed (never a
/// password), log it and answer 503, instead of showing the error page; <c>/health</c> tells a full disk. One app per
/// provider, shared by the class: SQLite's failures are made by <see cref="DatabaseFault"/>, PostgreSQL's refused writes by the server
/// itself (the database made read-only, as a managed server's full storage does).
/// </summary>
public abstract partial class DatabaseFailureTests(FaultyDatabaseApp app)
{
    public sealed class Sqlite(SqliteFaultyDatabaseApp app) : DatabaseFailureTests(app), IClassFixture<SqliteFaultyDatabaseApp>
    {
        protected override IDisposable RefuseWrites() => app.Fault.RefuseWrites();

        protected override WriteRefusalKind Refusal => WriteRefusalKind.Full;
    }

    public sealed class PostgreSql(PostgreSqlFaultyDatabaseApp app) : DatabaseFailureTests(app), IClassFixture<PostgreSqlFaultyDatabaseApp>
    {
        protected override IDisposable RefuseWrites()
        {
            app.Database.RefuseWrites();
            return new Undo(app.Database.AcceptWrites);
        }

        protected override WriteRefusalKind Refusal => WriteRefusalKind.ReadOnly;

        /// <summary>On PostgreSQL the request is queued in the database (SQLite's queue is in memory and cannot fail so).</summary>
        [Fact]
        public async Task ForgotPassword_DatabaseRefusesTheQueue_Answers503AndKeepsTheAddress()
        {
            var client = app.CreateAnonymous();
            var form = await client.GetStringAsync("/account/forgot-password");

            HttpResponseMessage response;
            using (RefuseWrites())
            {
                response = await client.PostAsync("/account/forgot-password", Form(form, "forgot", ("Input.Email", "someone@example.org")));
            }

            var body = await AssertFailedAsync(response, ServerFormFailure.Message("No link has been sent", Refusal), "forgot-password");
            Assert.Matches(InputValue("email", "someone@example.org"), body);
        }

        private sealed class Undo(Action undo) : IDisposable
        {
            public void Dispose() => undo();
        }
    }

    private const string NewPassword = "violet harbour lantern thirteen";

    /// <summary>Makes every write fail as the provider does when its database refuses it, until disposed.</summary>
    protected abstract IDisposable RefuseWrites();

    /// <summary>How <see cref="RefuseWrites"/>' failure reads (<see cref="WriteRefusal.Of"/>).</summary>
    protected abstract WriteRefusalKind Refusal { get; }

    [Fact]
    public async Task SignIn_DatabaseRefusesToSaveTheSession_Answers503KeepsTheAddressAndAsksForThePassword()
    {
        var client = app.CreateAnonymous();
        var form = await client.GetStringAsync("/account/login");

        HttpResponseMessage response;
        using (RefuseWrites())
        {
            response = await client.PostAsync("/account/login",
                Form(form, "signin", ("Input.Email", DemoAccounts.Scrutiny), ("Input.Password", EngagementHubAppFactory.DemoPassword)));
        }

        var body = await AssertFailedAsync(response, ServerFormFailure.Message("You are not signed in", Refusal), "sign-in");
        Assert.Matches(InputValue("field-Email", DemoAccounts.Scrutiny), body);
        Assert.Matches(FieldMessage("password-error", ServerFormFailure.RetypePasswordMessage), body);
        Assert.DoesNotContain(EngagementHubAppFactory.DemoPassword, body);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/directory")).StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongPasswordWhileTheDatabaseRefusesWrites_RefusedLikeAnyWrongPassword()
    {
        var client = app.CreateAnonymous();
        var form = await client.GetStringAsync("/account/login");

        HttpResponseMessage response;
        using (RefuseWrites())
        {
            response = await client.PostAsync("/account/login",
                Form(form, "signin", ("Input.Email", DemoAccounts.Viewer), ("Input.Password", "not the right one at all")));
        }

        // An unknown address writes nothing and gets the ordinary refusal; a known one must get the same, or the
        // database's message would tell which addresses have accounts.
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Login.FailedMessage, body);
        Assert.DoesNotContain("EngagementHub cannot", body);
        Assert.DoesNotContain("not the right one at all", body);
    }

    [Fact]
    public async Task SignIn_DatabaseNotAnswering_SaysSoForAnyAddress()
    {
        var client = app.CreateAnonymous();
        var form = await client.GetStringAsync("/account/login");

        var responses = new List<HttpResponseMessage>();
        using (app.Fault.StopAnswering())
        {
            foreach (var email in new[] { DemoAccounts.Scrutiny, "nobody@example.org" })
            {
                responses.Add(await client.PostAsync("/account/login",
                    Form(form, "signin", ("Input.Email", email), ("Input.Password", EngagementHubAppFactory.DemoPassword))));
            }
        }

        foreach (var response in responses)
        {
            await AssertFailedAsync(response, ServerFormFailure.Message("You are not signed in", null), "sign-in");
        }
    }

    [Fact]
    public async Task Invitation_DatabaseRefusesTheSave_Answers503AndTheLinkStillWorks()
    {
        var (userId, link) = await InvitationLinkAsync("amira.haddad@pct.example.org");
        var client = app.CreateAnonymous();
        var form = await client.GetStringAsync(link);

        HttpResponseMessage response;
        using (RefuseWrites())
        {
            response = await client.PostAsync(link, Form(form, "invitation", ("Input.Password", NewPassword), ("Input.ConfirmPassword", NewPassword)));
        }

        await AssertFailedAsync(response, ServerFormFailure.Message("Your password is not set", Refusal), "invitation");
        Assert.Null((await FindUserAsync(userId)).PasswordHash);
        var again = await client.PostAsync(link, Form(form, "invitation", ("Input.Password", NewPassword), ("Input.ConfirmPassword", NewPassword)));
        Assert.Contains("Your password is set", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ResetPassword_DatabaseRefusesTheSave_Answers503AndTheLinkStillWorks()
    {
        var userId = await app.UserIdAsync(DemoAccounts.Commissioner);
        var link = await ResetLinkAsync(userId);
        var client = app.CreateAnonymous();
        var form = await client.GetStringAsync(link);

        HttpResponseMessage response;
        using (RefuseWrites())
        {
            response = await client.PostAsync(link, Form(form, "reset", ("Input.Password", NewPassword), ("Input.ConfirmPassword", NewPassword)));
        }

        await AssertFailedAsync(response, ServerFormFailure.Message("Your password has not been changed", Refusal), "reset-password");
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(DemoAccounts.Commissioner, EngagementHubAppFactory.DemoPassword)).StatusCode);
        var again = await client.PostAsync(link, Form(form, "reset", ("Input.Password", NewPassword), ("Input.ConfirmPassword", NewPassword)));
        Assert.Contains("Your password has been changed", await again.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/account/invitation")]
    [InlineData("/account/reset-password")]
    public async Task AccountLink_DatabaseNotAnsweringWhenOpened_Answers503WithAMessage(string page)
    {
        var client = app.CreateAnonymous();
        var link = $"{page}?user={await app.UserIdAsync(DemoAccounts.Viewer)}&token={AccountMail.EncodeToken("a token")}";

        HttpResponseMessage response;
        using (app.Fault.StopAnswering())
        {
            response = await client.GetAsync(link);
        }

        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("cannot be checked yet: EngagementHub cannot reach its database just now", body);
        Assert.Contains("Try the link again", body);
        AssertNoStackTrace(body);
    }

    [Fact]
    public async Task ChangePassword_DatabaseRefusesTheSave_Answers503AndThePasswordStands()
    {
        var client = await app.SignInAsync(DemoAccounts.Council);
        var form = await client.GetStringAsync("/account");

        HttpResponseMessage response;
        using (RefuseWrites())
        {
            response = await client.PostAsync("/account", Form(form, "change-password",
                ("Input.CurrentPassword", EngagementHubAppFactory.DemoPassword), ("Input.NewPassword", NewPassword), ("Input.ConfirmPassword", NewPassword)));
        }

        var body = await AssertFailedAsync(response, ServerFormFailure.Message("Your password has not been changed", Refusal), "change-password");
        Assert.DoesNotContain(EngagementHubAppFactory.DemoPassword, body);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/directory")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.CreateAnonymous().PostSignInAsync(DemoAccounts.Council, EngagementHubAppFactory.DemoPassword)).StatusCode);
    }

    [Fact]
    public async Task SignOut_DatabaseRefusesToEndTheSession_StillSignedInAndToldSo()
    {
        var client = await app.SignInAsync(DemoAccounts.Link);
        var page = await client.GetStringAsync("/directory");

        HttpResponseMessage response;
        using (RefuseWrites())
        {
            response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Token(page) }));
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account?signOutFailed=true", response.Headers.Location!.OriginalString);
        var account = WebUtility.HtmlDecode(await client.GetStringAsync(response.Headers.Location.OriginalString));
        Assert.Contains(Manage.SignOutFailedMessage, account);
        Assert.Contains(app.Logs.Logs, l => l.Level == LogLevel.Error && l.Message.StartsWith("Sign-out failed because the database", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unsubscribe_DatabaseRefusesTheSave_Answers503AndSaysToUseTheLinkAgain()
    {
        var userId = await app.UserIdAsync(DemoAccounts.Scrutiny);
        var token = app.Services.GetRequiredService<NotificationPreferences>().UnsubscribeToken(userId, NotificationCategory.Timetable);
        var client = app.CreateAnonymous();

        HttpResponseMessage response;
        using (RefuseWrites())
        {
            response = await client.PostAsync($"/notifications/unsubscribe?token={Uri.EscapeDataString(token)}",
                new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        }

        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(ServerFormFailure.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Contains(ServerFormFailure.Message("These e-mails have not been stopped", Refusal), body);
        AssertNoStackTrace(body);
        Assert.Contains(app.Logs.Logs, l => l.Level == LogLevel.Error && l.Message.StartsWith("The unsubscribe form failed because the database", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Health_DiskFull_Answers503SayingSo()
    {
        var client = app.CreateAnonymous();

        HttpResponseMessage response;
        using (app.Fault.RefuseWrites())
        {
            response = await client.GetAsync("/health");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy: " + WriteRefusal.Describe(WriteRefusalKind.Full), await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    /// <summary>
    /// 503 with a Retry-After; the form's summary and the password field say what happened; no password and nothing of
    /// the exception in the page; the failure logged as an error naming the form.
    /// </summary>
    /// <returns>The page's text.</returns>
    private async Task<string> AssertFailedAsync(HttpResponseMessage response, string message, string form)
    {
        var body = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(ServerFormFailure.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.Matches(new Regex("<div class=\"error-summary\"[^>]*>\\s*<div role=\"alert\">.*" + Regex.Escape(message), RegexOptions.Singleline), body);
        Assert.DoesNotContain(NewPassword, body);
        AssertNoStackTrace(body);
        Assert.Contains(app.Logs.Logs, l => l.Level == LogLevel.Error && l.Message.StartsWith($"The {form} form failed because the database", StringComparison.Ordinal));
        return body;
    }

    private static void AssertNoStackTrace(string body)
    {
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain(" at EngagementHub.", body);
        Assert.DoesNotContain("SQLite Error", body);
    }

    private static Regex InputValue(string id, string value) => new($"<input id=\"{Regex.Escape(id)}\"[^>]*value=\"{Regex.Escape(value)}\"");

    private static Regex FieldMessage(string id, string message) =>
        new($"id=\"{Regex.Escape(id)}\">\\s*<div class=\"validation-message\">{Regex.Escape(message)}</div>");

    private static FormUrlEncodedContent Form(string page, string formName, params (string Name, string Value)[] fields)
    {
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        values["__RequestVerificationToken"] = Token(page);
        values["_handler"] = formName;
        return new FormUrlEncodedContent(values);
    }

    private static string Token(string page) => TokenPattern().Match(page).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private async Task<(string UserId, string Link)> InvitationLinkAsync(string email)
    {
        var admin = await app.ActorAsync(DemoAccounts.Admin);
        var organisationId = (await app.ActorAsync(DemoAccounts.Commissioner)).OrganisationId!.Value;
        var invited = await app.Services.GetRequiredService<Invitations>().InviteAsync(admin, new InvitationInput
        {
            Email = email, DisplayName = "Amira Haddad", OrganisationId = organisationId, Role = UserRole.Editor,
        });
        Assert.True(invited.Succeeded, invited.Problem);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByIdAsync(invited.Value!.UserId))!;
        var token = await users.GenerateUserTokenAsync(user, AccountTokens.InvitationProvider, AccountTokens.InvitationPurpose);
        return (user.Id, $"/account/invitation?user={user.Id}&token={AccountMail.EncodeToken(token)}");
    }

    private async Task<string> ResetLinkAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var token = await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(userId))!);
        return $"/account/reset-password?user={userId}&token={AccountMail.EncodeToken(token)}";
    }

    private async Task<ApplicationUser> FindUserAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByIdAsync(userId))!;
    }
}
