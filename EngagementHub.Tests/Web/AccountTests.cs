using System.Net;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Account;
using EngagementHub.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Tests.Web;

/// <summary>
/// Sign-in, sign-out and sessions, on one app per class (per database: see the nested classes). A test that changes an
/// account (wrong passwords, lockout, disabling, a move, a sign-out) does it to an account of its own
/// (<see cref="AppAccounts.NewAccountLikeAsync"/>); the demo accounts only ever sign in with the right password.
/// </summary>
public abstract class AccountTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : AccountTests(app), IClassFixture<SqliteApp>;

    private readonly EngagementHubAppFactory _app = app;

    [Fact]
    public async Task SignIn_WrongPassword_ShowsTheFormAgainWithAMessage()
    {
        var council = await _app.NewAccountLikeAsync(DemoAccounts.Council);
        var client = _app.CreateAnonymous();

        var response = await client.PostSignInAsync(council, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EngagementHub.Web.Components.Pages.Account.Login.FailedMessage, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswordsFromOneAddress_PausesThatAddressWithTheSameMessage()
    {
        var scrutiny = await _app.NewAccountLikeAsync(DemoAccounts.Scrutiny);
        var client = _app.CreateAnonymous();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await client.PostSignInAsync(scrutiny, "wrong-password");
        }

        var response = await client.PostSignInAsync(scrutiny, EngagementHubAppFactory.DemoPassword);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EngagementHub.Web.Components.Pages.Account.Login.FailedMessage, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task SignIn_AccountLockedFromManyAddresses_OwnBrowserWithDeviceCookieStillSignsIn()
    {
        var link = await _app.NewAccountLikeAsync(DemoAccounts.Link);
        var own = await SignInFromAsync("198.51.100.10", link, EngagementHubAppFactory.DemoPassword);
        Assert.Equal(StatusCodes.Status302Found, own.Status);

        // 5 wrong passwords from each of 10 addresses: each address is shut out after its fifth, and the 50 lock the account.
        for (var address = 1; address <= 10; address++)
        {
            for (var attempt = 0; attempt < SignInThrottle.MaxFailures; attempt++)
            {
                Assert.Contains(Login.FailedMessage, (await SignInFromAsync($"203.0.113.{address}", link, "a-guess-" + attempt)).Page);
            }
        }

        Assert.True(await IsLockedOutAsync(link));
        var stranger = await SignInFromAsync("198.51.100.11", link, EngagementHubAppFactory.DemoPassword);
        var again = await SignInFromAsync("198.51.100.10", link, EngagementHubAppFactory.DemoPassword, own.DeviceCookie);

        Assert.Contains(Login.FailedMessage, stranger.Page);
        Assert.Equal(StatusCodes.Status302Found, again.Status);
        Assert.NotNull(again.DeviceCookie);
        Assert.NotEqual(own.DeviceCookie, again.DeviceCookie);
        Assert.True(await IsLockedOutAsync(link));
    }

    [Fact]
    public async Task SignIn_AccountLockedFromManyAddresses_OwnBrowserWithoutDeviceCookieRefused()
    {
        var council = await _app.NewAccountLikeAsync(DemoAccounts.Council);
        Assert.Equal(StatusCodes.Status302Found, (await SignInFromAsync("198.51.100.20", council, EngagementHubAppFactory.DemoPassword)).Status);
        await LockAsIfFromManyAddressesAsync(council);

        var cookieCleared = await SignInFromAsync("198.51.100.20", council, EngagementHubAppFactory.DemoPassword);

        Assert.Equal(StatusCodes.Status200OK, cookieCleared.Status);
        Assert.Contains(Login.FailedMessage, cookieCleared.Page);
        Assert.Null(cookieCleared.DeviceCookie);
    }

    [Fact]
    public async Task SignIn_LockedAccountWithForgedOrOtherAccountsDeviceCookie_IsRefused()
    {
        var (victim, other) = (await _app.NewAccountLikeAsync(DemoAccounts.Scrutiny), await _app.NewAccountLikeAsync(DemoAccounts.Scrutiny));
        var othersCookie = (await SignInFromAsync("198.51.100.30", other, EngagementHubAppFactory.DemoPassword)).DeviceCookie!;
        await LockAsIfFromManyAddressesAsync(victim);
        var now = _app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var forged = _app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("EngagementHub.SomethingElse")
            .Protect($"forged|{now}|{await _app.UserIdAsync(victim)}");
        var altered = othersCookie[..^4] + (othersCookie.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var answers = new List<SignInAnswer>();
        foreach (var cookie in new[] { othersCookie, $"{SignInDeviceCookie.Name}={forged}", altered, $"{SignInDeviceCookie.Name}=not-protected-at-all" })
        {
            answers.Add(await SignInFromAsync("198.51.100.30", victim, EngagementHubAppFactory.DemoPassword, cookie));
        }

        Assert.All(answers, a => Assert.Equal(StatusCodes.Status200OK, a.Status));
        Assert.All(answers, a => Assert.Contains(Login.FailedMessage, a.Page));
    }

    [Fact]
    public async Task SignIn_WrongPasswordsFromATrustedDevice_ShutOnlyThatDeviceOut()
    {
        var commissioner = await _app.NewAccountLikeAsync(DemoAccounts.Commissioner);
        var laptop = (await SignInFromAsync("198.51.100.40", commissioner, EngagementHubAppFactory.DemoPassword)).DeviceCookie;
        var phone = (await SignInFromAsync("198.51.100.41", commissioner, EngagementHubAppFactory.DemoPassword)).DeviceCookie;
        for (var attempt = 0; attempt < SignInThrottle.MaxFailures; attempt++)
        {
            await SignInFromAsync("198.51.100.40", commissioner, "a-guess-" + attempt, laptop);
        }

        var laptopAgain = await SignInFromAsync("198.51.100.40", commissioner, EngagementHubAppFactory.DemoPassword, laptop);
        var failuresCounted = await AccessFailedCountAsync(commissioner);
        var phoneAgain = await SignInFromAsync("198.51.100.41", commissioner, EngagementHubAppFactory.DemoPassword, phone);
        var sameAddressOtherBrowser = await SignInFromAsync("198.51.100.40", commissioner, EngagementHubAppFactory.DemoPassword);

        Assert.Equal(StatusCodes.Status200OK, laptopAgain.Status);
        Assert.Contains(Login.FailedMessage, laptopAgain.Page);
        Assert.Equal(0, failuresCounted);
        Assert.Equal(StatusCodes.Status302Found, phoneAgain.Status);
        Assert.Equal(StatusCodes.Status302Found, sameAddressOtherBrowser.Status);
    }

    [Fact]
    public async Task SignIn_DisabledAccountFromItsTrustedDevice_IsRefused()
    {
        var viewer = await _app.NewAccountLikeAsync(DemoAccounts.Viewer);
        var own = (await SignInFromAsync("198.51.100.50", viewer, EngagementHubAppFactory.DemoPassword)).DeviceCookie;
        await _app.Services.GetRequiredService<UserAdministration>().SetDisabledAsync(await ActorAsync(DemoAccounts.Admin), await UserIdAsync(viewer), disabled: true);

        var again = await SignInFromAsync("198.51.100.50", viewer, EngagementHubAppFactory.DemoPassword, own);

        Assert.Equal(StatusCodes.Status200OK, again.Status);
        Assert.Contains(Login.FailedMessage, again.Page);
    }

    /// <summary>What a browser got back from posting the sign-in form, and the device cookie it was given ("name=value").</summary>
    private sealed record SignInAnswer(int Status, string Page, string? DeviceCookie);

    /// <summary>
    /// Posts the sign-in form as a browser at network <paramref name="address"/> holding <paramref name="cookie"/> would.
    /// The test server's clients all share one address, so both requests are built here, each with its own.
    /// </summary>
    private async Task<SignInAnswer> SignInFromAsync(string address, string email, string password, string? cookie = null)
    {
        var form = await _app.Server.SendAsync(c => Describe(c, HttpMethods.Get, address, cookie));
        var token = System.Text.RegularExpressions.Regex.Match(await ReadAsync(form), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = string.Join("; ", form.Response.Headers.SetCookie.Select(l => l!.Split(';')[0]));
        var body = await new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "signin",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }).ReadAsByteArrayAsync();

        var posted = await _app.Server.SendAsync(c =>
        {
            Describe(c, HttpMethods.Post, address, cookie is null ? antiforgery : $"{cookie}; {antiforgery}");
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
        });
        var device = posted.Response.Headers.SetCookie.Select(l => l!.Split(';')[0])
            .FirstOrDefault(c => c.StartsWith(SignInDeviceCookie.Name + "=", StringComparison.Ordinal));
        return new SignInAnswer(posted.Response.StatusCode, WebUtility.HtmlDecode(await ReadAsync(posted)), device);
    }

    private static void Describe(HttpContext context, string method, string address, string? cookie)
    {
        context.Request.Method = method;
        context.Request.Path = "/account/login";
        context.Connection.RemoteIpAddress = IPAddress.Parse(address);
        if (!string.IsNullOrEmpty(cookie))
        {
            context.Request.Headers.Cookie = cookie;
        }
    }

    private static Task<string> ReadAsync(HttpContext context) => new StreamReader(context.Response.Body).ReadToEndAsync();

    /// <summary>
    /// Leaves the account as <see cref="AccountLockout.MaxFailedAccessAttempts"/> wrong passwords from browsers it does
    /// not know leave it (counted by Identity itself, without a page and a hash each; the first test above does it through
    /// the form).
    /// </summary>
    private async Task LockAsIfFromManyAddressesAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        for (var failure = 0; failure < AccountLockout.MaxFailedAccessAttempts; failure++)
        {
            await manager.AccessFailedAsync((await manager.FindByEmailAsync(email))!);
        }

        Assert.True(await manager.IsLockedOutAsync((await manager.FindByEmailAsync(email))!));
    }

    private async Task<bool> IsLockedOutAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await manager.IsLockedOutAsync((await manager.FindByEmailAsync(email))!);
    }

    private async Task<int> AccessFailedCountAsync(string email)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await manager.GetAccessFailedCountAsync((await manager.FindByEmailAsync(email))!);
    }

    [Fact]
    public async Task SignIn_UnknownWrongLockedOrDisabled_AllGiveTheSameMessage()
    {
        var (link, council, viewer) = (await _app.NewAccountLikeAsync(DemoAccounts.Link), await _app.NewAccountLikeAsync(DemoAccounts.Council),
            await _app.NewAccountLikeAsync(DemoAccounts.Viewer));
        var admin = await ActorAsync(DemoAccounts.Admin);
        var users = _app.Services.GetRequiredService<UserAdministration>();
        await users.SetDisabledAsync(admin, await UserIdAsync(viewer), disabled: true);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ApplicationUser>>();
            var locked = await manager.FindByEmailAsync(council);
            await manager.SetLockoutEndDateAsync(locked!, _app.Clock.GetUtcNow().AddMinutes(15));
        }

        var pages = new List<string>();
        foreach (var (email, password) in new[]
                 {
                     ("nobody@example.org", EngagementHubAppFactory.DemoPassword),
                     (link, "not-the-password"),
                     (council, EngagementHubAppFactory.DemoPassword),
                     (viewer, EngagementHubAppFactory.DemoPassword),
                 })
        {
            var response = await _app.CreateAnonymous().PostSignInAsync(email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        Assert.All(pages, page => Assert.Contains(EngagementHub.Web.Components.Pages.Account.Login.FailedMessage, page));
        Assert.All(pages, page => Assert.DoesNotContain("locked", page.Replace(EngagementHub.Web.Components.Pages.Account.Login.FailedMessage, ""), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SignIn_UnknownAccount_TakesAboutAsLongAsAWrongPassword()
    {
        // Compared within one run, never against a fixed time: both must verify one password hash. Without the decoy an
        // unknown address answers in a fraction of the time of a wrong password.
        var link = await _app.NewAccountLikeAsync(DemoAccounts.Link);
        var unknown = new List<double>();
        var wrong = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            unknown.Add(await TimeSignInAsync($"nobody{round}@example.org"));
            wrong.Add(await TimeSignInAsync(link));
        }

        // A wrong password also writes the failed count, so the two are not equal; without the decoy hash an unknown
        // address takes about a tenth of the time (a lookup and a page), with it about the same as a wrong password.
        var ratio = Median(unknown) / Median(wrong);
        Assert.InRange(ratio, 0.25, 4.0);
    }

    private async Task<double> TimeSignInAsync(string email)
    {
        var client = _app.CreateAnonymous();
        await client.GetAsync("/account/login");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await client.PostSignInAsync(email, "not-the-password-at-all");
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

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

    [Theory]
    [InlineData("%2F%E2%82%AC")]
    [InlineData("%2Ftimetable%0D%0ASet-Cookie%3A%20x%3Dy")]
    public async Task SignIn_ReturnUrlWithCharactersAHeaderCannotCarry_GoesHomeInstead(string returnUrl)
    {
        var client = _app.CreateAnonymous();
        var form = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync($"/account/login?returnUrl={returnUrl}", new FormUrlEncodedContent(new Dictionary<string, string>
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
    public async Task DisabledUser_NextRequest_LosesAccessAndCannotSignInAgain()
    {
        var email = await _app.NewAccountLikeAsync(DemoAccounts.Viewer);
        var viewer = await _app.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/directory")).StatusCode);

        var viewerId = await UserIdAsync(email);
        var admin = await ActorAsync(DemoAccounts.Admin);
        var outcome = await _app.Services.GetRequiredService<UserAdministration>().SetDisabledAsync(admin, viewerId, disabled: true);
        Assert.True(outcome.Succeeded);

        var afterDisable = await viewer.GetAsync("/directory");

        Assert.Equal(HttpStatusCode.Redirect, afterDisable.StatusCode);
        Assert.StartsWith("/account/login", afterDisable.Headers.Location!.AbsolutePath);
        var again = await _app.CreateAnonymous().PostSignInAsync(email, EngagementHubAppFactory.DemoPassword);
        Assert.Contains(EngagementHub.Web.Components.Pages.Account.Login.FailedMessage, WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
    }

    /// <summary>The sign-in page says "signed out" only when its address says true; anything else is the plain page.</summary>
    [Theory]
    [InlineData("/account/login?signedOut=true", true)]
    [InlineData("/account/login?signedOut=yes", false)]
    public async Task SignIn_SignedOutInTheAddress_SaysSoOnlyWhenTrue(string path, bool says)
    {
        var response = await _app.CreateAnonymous().GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Sign in", body);
        Assert.Equal(says, body.Contains("You have signed out.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOut_WithToken_EndsTheSession()
    {
        var client = await _app.SignInAsync(await _app.NewAccountLikeAsync(DemoAccounts.Link));
        var page = await client.GetStringAsync("/directory");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("signedOut=true", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/directory")).StatusCode);
    }

    [Fact]
    public async Task MovedToAnotherOrganisation_NextRequest_MustSignInAgain()
    {
        var email = await _app.NewAccountLikeAsync(DemoAccounts.Council);
        var council = await _app.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await council.GetAsync("/directory")).StatusCode);
        var councilId = await UserIdAsync(email);
        var admin = await ActorAsync(DemoAccounts.Admin);
        var scrutiny = await ActorAsync(DemoAccounts.Scrutiny);

        var outcome = await _app.Services.GetRequiredService<UserAdministration>().UpdateAsListedAsync(admin, councilId,
            "Carys Bennett", scrutiny.OrganisationId!.Value, UserRole.Editor);

        Assert.True(outcome.Succeeded);
        var next = await council.GetAsync("/directory");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/login", next.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignOut_ReplayedCookie_IsRefused()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookie = await SignInByHandAsync(client, await _app.NewAccountLikeAsync(DemoAccounts.Link));
        var page = await SendWithCookieAsync(client, HttpMethod.Get, "/directory", cookie);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var antiforgery = CookiesFrom(page);

        var signOut = await SendWithCookieAsync(client, HttpMethod.Post, "/account/logout", $"{cookie}; {antiforgery}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var replayed = await SendWithCookieAsync(client, HttpMethod.Get, "/directory", cookie);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", replayed.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task SignIn_OverHttps_CookiesAreSecureAndHostPrefixed()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false, HandleCookies = false, BaseAddress = new Uri("https://localhost"),
        });

        var form = await client.GetAsync("/account/login");
        var antiforgery = Assert.Single(form.Headers.GetValues("Set-Cookie"), c => c.Contains(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var signedIn = await SignInByHandAsync(client, DemoAccounts.Link, raw: true);
        var device = await SignInByHandAsync(client, DemoAccounts.Link, raw: true, cookie: SignInDeviceCookie.Name);

        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("__Host-EngagementHub.Auth=", signedIn);
        Assert.Contains("secure", signedIn, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", signedIn, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", signedIn, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("__Host-EngagementHub.Device=", device);
        Assert.Contains("secure", device, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", device, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", device, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", device, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", device, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_OverPlainHttp_CookieKeepsItsPlainName()
    {
        var client = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var cookie = await SignInByHandAsync(client, DemoAccounts.Link);

        Assert.StartsWith("EngagementHub.Auth=", cookie);
    }

    [Fact]
    public async Task OpenCircuit_AfterTheSessionIsEnded_ActsForNobody()
    {
        // A Blazor circuit holds the principal its page started with; CurrentActor asks whether that session is still open.
        var email = await _app.NewAccountLikeAsync(DemoAccounts.Viewer);
        await _app.SignInAsync(email);
        var viewerId = await UserIdAsync(email);
        string key;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementHub.Core.Data.EngagementHubDbContext>();
            key = await db.UserSessions.Where(s => s.UserId == viewerId).Select(s => s.Id).SingleAsync();
        }

        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(EngagementHub.Web.Identity.DatabaseTicketStore.SessionIdClaim, key)], "test"));
        var sessions = _app.Services.GetRequiredService<EngagementHub.Web.Identity.DatabaseTicketStore>();
        Assert.True(await sessions.IsOpenAsync(principal));

        var admin = await ActorAsync(DemoAccounts.Admin);
        await _app.Services.GetRequiredService<UserAdministration>().SetDisabledAsync(admin, viewerId, disabled: true);

        Assert.False(await sessions.IsOpenAsync(principal));
    }

    // ADR 4: every refusal is logged with the user, role, organisation and action, the one at the circuit's edge too. A
    // page left open by someone since disabled, re-roled or moved, or whose organisation was deactivated, is refused its
    // next action by CurrentActor, and the log names who tried.
    [Theory]
    [InlineData("disabled")]
    [InlineData("re-roled")]
    [InlineData("organisation deactivated")]
    public async Task OpenCircuit_PersonStoppedWhileThePageWasOpen_ActionRefusedAndLoggedNamingThem(string stopped)
    {
        var (organisationId, email) = await OrganisationOfItsOwnAsync();
        await _app.SignInAsync(email);
        var userId = await UserIdAsync(email);
        var principal = await CircuitPrincipalAsync(userId);
        var logs = new CapturingLoggerProvider();
        _app.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        var admin = await ActorAsync(DemoAccounts.Admin);
        var administration = _app.Services.GetRequiredService<UserAdministration>();
        var changed = stopped switch
        {
            "disabled" => await administration.SetDisabledAsync(admin, userId, disabled: true),
            "re-roled" => await administration.UpdateAsListedAsync(admin, userId, "Mo Leaving", organisationId, UserRole.Viewer),
            _ => await SetActiveAsync(organisationId, active: false),
        };
        Assert.True(changed.Succeeded, changed.Problem);

        // The page's next action asks CurrentActor who is acting, in the circuit's own scope.
        await using var circuit = _app.Services.CreateAsyncScope();
        ((IHostEnvironmentAuthenticationStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>())
            .SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => circuit.ServiceProvider.GetRequiredService<CurrentActor>().GetAsync());

        Assert.Contains(logs.Warnings, w => w.Message.Contains(userId, StringComparison.Ordinal)
                                            && w.Message.Contains($"(Editor, organisation {organisationId})", StringComparison.Ordinal));
    }

    /// <summary>The principal a circuit opened by this person holds: the one their session stores.</summary>
    private async Task<System.Security.Claims.ClaimsPrincipal> CircuitPrincipalAsync(string userId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        var ticket = await db.UserSessions.Where(s => s.UserId == userId).Select(s => s.Ticket).SingleAsync();
        return TicketSerializer.Default.Deserialize(ticket)!.Principal;
    }

    /// <summary>
    /// Signs in with cookies handled by hand; returns the sign-in cookie (or the one named <paramref name="cookie"/>) as
    /// "name=value" (or its whole Set-Cookie line).
    /// </summary>
    private static async Task<string> SignInByHandAsync(HttpClient client, string email, bool raw = false, string cookie = "EngagementHub.Auth")
    {
        var form = await client.GetAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(await form.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await SendWithCookieAsync(client, HttpMethod.Post, "/account/login", CookiesFrom(form),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "signin",
                ["Input.Email"] = email,
                ["Input.Password"] = EngagementHubAppFactory.DemoPassword,
            }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var line = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.Contains(cookie + "=", StringComparison.Ordinal));
        return raw ? line : line.Split(';')[0];
    }

    private static string CookiesFrom(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var lines) ? lines.Select(l => l.Split(';')[0]) : []);

    private static Task<HttpResponseMessage> SendWithCookieAsync(HttpClient client, HttpMethod method, string path, string cookie, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task SignOut_WithoutToken_IsRefused()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/directory")).StatusCode);
    }

    [Fact]
    public async Task DeactivatedOrganisation_ItsPeopleLoseAccessAtOnceAndRegainItWhenReactivated()
    {
        var (organisationId, email) = await OrganisationOfItsOwnAsync();
        var member = await _app.SignInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/directory")).StatusCode);
        var principal = SessionPrincipal(await SessionKeyAsync(email));
        var sessions = _app.Services.GetRequiredService<DatabaseTicketStore>();
        Assert.True(await sessions.IsOpenAsync(principal));

        Assert.True((await SetActiveAsync(organisationId, active: false)).Succeeded);

        var next = await member.GetAsync("/directory");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/login", next.Headers.Location!.AbsolutePath);
        Assert.False(await sessions.IsOpenAsync(principal));
        var again = await _app.CreateAnonymous().PostSignInAsync(email, EngagementHubAppFactory.DemoPassword);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(Login.FailedMessage, WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));

        Assert.True((await SetActiveAsync(organisationId, active: true)).Succeeded);

        Assert.Equal(HttpStatusCode.OK, (await (await _app.SignInAsync(email)).GetAsync("/directory")).StatusCode);
    }

    [Fact]
    public async Task SignIn_DeactivatedOrganisationFromItsMembersTrustedDevice_IsRefused()
    {
        var (organisationId, email) = await OrganisationOfItsOwnAsync();
        var own = (await SignInFromAsync("198.51.100.60", email, EngagementHubAppFactory.DemoPassword)).DeviceCookie;
        Assert.True((await SetActiveAsync(organisationId, active: false)).Succeeded);

        var again = await SignInFromAsync("198.51.100.60", email, EngagementHubAppFactory.DemoPassword, own);

        Assert.Equal(StatusCodes.Status200OK, again.Status);
        Assert.Contains(Login.FailedMessage, again.Page);
    }

    [Fact]
    public async Task SessionLeftOpen_OrganisationDeactivatedMeanwhile_RefusedOnTheNextRequestAndInAnOpenCircuit()
    {
        // A session that outlived the deactivation (a sign-in that raced it, or one written by another node just then) is
        // refused all the same: every request, and every action of an open page, reads the account and its organisation.
        var (organisationId, email) = await OrganisationOfItsOwnAsync();
        var member = await _app.SignInAsync(email);
        var principal = SessionPrincipal(await SessionKeyAsync(email));
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
            var organisation = await db.Organisations.SingleAsync(o => o.Id == organisationId);
            organisation.Deactivate();
            await db.SaveChangesAsync();
        }

        var next = await member.GetAsync("/directory");

        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.StartsWith("/account/login", next.Headers.Location!.AbsolutePath);
        Assert.False(await _app.Services.GetRequiredService<DatabaseTicketStore>().IsOpenAsync(principal));
    }

    /// <summary>A new organisation of the test's own, with an editor who can sign in with the demo password; its id and the editor's address.</summary>
    private async Task<(int OrganisationId, string Email)> OrganisationOfItsOwnAsync()
    {
        var admin = await ActorAsync(DemoAccounts.Admin);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var organisation = await _app.Services.GetRequiredService<OrganisationDirectory>().CreateAsync(admin,
            new OrganisationInput { Name = $"Leaving Forum {suffix}", Kind = OrganisationKind.VoluntarySector });
        Assert.True(organisation.Succeeded, organisation.Problem);
        var email = $"member.{suffix}@example.org";
        var created = await _app.Services.GetRequiredService<UserAdministration>().CreateAsync(admin, new NewUserInput
        {
            Email = email, DisplayName = "Mo Leaving", OrganisationId = organisation.Value, Role = UserRole.Editor, Password = EngagementHubAppFactory.DemoPassword,
        });
        Assert.True(created.Succeeded, created.Problem);
        return (organisation.Value, email);
    }

    private async Task<Outcome> SetActiveAsync(int organisationId, bool active)
    {
        var directory = _app.Services.GetRequiredService<OrganisationDirectory>();
        var version = (await directory.GetAsync(organisationId))!.Version;
        return await directory.SetActiveAsync(await ActorAsync(DemoAccounts.Admin), organisationId, active, version);
    }

    private async Task<string> SessionKeyAsync(string email)
    {
        var userId = await UserIdAsync(email);
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        return await db.UserSessions.Where(s => s.UserId == userId).Select(s => s.Id).SingleAsync();
    }

    /// <summary>The principal an open circuit holds for the session with this key.</summary>
    private static System.Security.Claims.ClaimsPrincipal SessionPrincipal(string key) =>
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(DatabaseTicketStore.SessionIdClaim, key)], "test"));

    private Task<string> UserIdAsync(string email) => _app.UserIdAsync(email);

    private Task<Actor> ActorAsync(string email) => _app.ActorAsync(email);
}
