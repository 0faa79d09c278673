using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EngagementHub.Tests.EndToEnd;

public sealed class SignInTests(BrowserFixture browser, LiveApp app) : BrowserTest(browser, app), IClassFixture<LiveApp>
{
    [Fact]
    public async Task SignIn_FiveWrongPasswords_PausesSignInFromThisBrowser()
    {
        // An account no other test in this class signs in with: once paused it stays paused for 15 minutes.
        const string account = DemoAccounts.Council;
        var error = Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "password" });

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            // A fresh form each time: the previous attempt's message must not satisfy this attempt's wait.
            await SubmitSignInAsync(Page, account, "Not-The-Password-1!");
            await Expect(error).ToBeVisibleAsync();
        }

        await SubmitSignInAsync(Page, account, EngagementHubAppFactory.DemoPassword);

        // The right password now gets the same message as a wrong one: the form never says whether an account exists.
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(EngagementHub.Web.Components.Pages.Account.Login.FailedMessage);
        await Expect(Page).ToHaveURLAsync(PathIs("/account/login"));
        await Page.AssertAccessibleAsync();
    }

    [Fact]
    public async Task SignInPage_BeforeItsStylesheetLoads_AnnouncesNoError()
    {
        // The stylesheet never arrives, as on a slow or broken connection: the page is read as its markup says.
        await Page.RouteAsync("**/*.css", route => route.AbortAsync());

        await Page.GotoAsync("account/login");

        await Expect(Heading(Page, "Sign in")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(Page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task SignOut_AppBarButton_ReturnsToSignInPage()
    {
        await SignInAsync(DemoAccounts.Commissioner);
        await WaitForInteractiveAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(PathIs("/account/login"));
        await Expect(Page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        await Page.AssertAccessibleAsync();

        // The cookie is really gone: the directory now sends the browser back to sign in.
        await Page.GotoAsync("directory");
        await Expect(Page).ToHaveURLAsync(PathIs("/account/login"));
        await Expect(Heading(Page, "Sign in")).ToBeVisibleAsync();
    }
}
