using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;

namespace EngagementHub.Tests.Components.Layout;

public sealed class MainLayoutTests : BunitTestContextBase
{
    [Fact]
    public async Task Render_SignedIn_AppBarShowsWhoAndTheirOrganisation()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Editor(2, "NHS South Birmingham"));

        var cut = RenderLayout();

        var user = cut.Find("header [data-testid=app-user]");
        Assert.Equal("Eddie Editor", user.QuerySelector(".app-user-name")!.TextContent.Trim());
        Assert.Equal("NHS South Birmingham", user.QuerySelector(".app-user-org")!.TextContent.Trim());
    }

    [Fact]
    public async Task Render_SignedIn_AppBarHasSignOutPostingToLogout()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));

        var cut = RenderLayout();

        var signOut = cut.FindAll("header button").Single(b => b.TextContent.Trim() == "Sign out");
        Assert.Equal("submit", signOut.GetAttribute("type"));
        var form = signOut.Closest("form")!;
        Assert.Equal("account/logout", form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
    }

    [Fact]
    public async Task DarkModeToggle_Clicked_SaysWhatItWillDoNext()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));
        var cut = RenderLayout();
        // Loose JS interop answers "no" to the system dark-mode question, so the app starts light.
        var toggle = cut.Find("header button[aria-label='Switch to dark mode']");

        toggle.Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("header button[aria-label='Switch to light mode']")));
    }

    [Fact]
    public async Task Render_Body_IsInTheMainLandmarkAfterASkipLink()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));

        var cut = RenderLayout();

        Assert.Equal("Page body", cut.Find("main#main-content p").TextContent);
        Assert.Equal("#main-content", cut.Find("a.skip-link").GetAttribute("href"));
        Assert.Equal("Show or hide the navigation", cut.Find("header button").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task Render_SignedIn_AppBarButtonsHaveTheirTooltipsWithoutATooltipComponent()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));

        var cut = RenderLayout();

        // CSS draws them (app.css, .app-tip): a MudTooltip is several components kept by every circuit (ADR 0028).
        Assert.Empty(cut.FindComponents<MudBlazor.MudTooltip>());
        cut.WaitForAssertion(() => Assert.Equal("Notifications, none unread", cut.Find("header [data-testid=notification-bell]").GetAttribute("aria-label")));
        Assert.Equal(["Notifications, none unread", "Switch to dark mode", "Your account and password"],
            cut.FindAll("header .app-tip").Select(t => t.GetAttribute("data-tip")).ToList());
        Assert.Equal("/notifications", cut.Find("header [data-testid=notification-bell]").GetAttribute("href"));
        var account = cut.Find("header a[aria-label='Your account']");
        Assert.Equal("/account", account.GetAttribute("href"));
        Assert.NotNull(account.QuerySelector("svg[aria-hidden=true]"));
    }

    [Fact]
    public async Task AccountMenu_ClosedThenOpened_HoldsNoItemsUntilOpenThenListsThem()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));

        // The layout holds its own MudPopoverProvider: the open menu is drawn inside it.
        var cut = RenderLayout();

        // Every page's circuit holds the phone's menu, hidden on a wide screen: its items are components only while
        // it is open (ADR 0028).
        Assert.Empty(cut.FindComponents<MudBlazor.MudMenuItem>());
        Assert.Empty(cut.FindAll(".account-menu-signout"));

        cut.Find("header button[aria-label^='Your account: ']").Click();

        cut.WaitForAssertion(() => Assert.Equal(["Your account and password", "Switch to dark mode"],
            cut.FindAll(".mud-menu-item").Select(i => i.TextContent.Trim()).ToList()));
        Assert.Equal("account/logout", cut.Find(".account-menu-signout").GetAttribute("action"));
        Assert.Equal("Sign out", cut.Find(".account-menu-signout button[role=menuitem]").TextContent.Trim());
    }

    [Fact]
    public async Task Render_SignedOut_ShowsNoAccountPartsButTheThemeSwitch()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.AddAuthorization();

        var cut = RenderLayout();

        Assert.Empty(cut.FindAll("header [data-testid=app-user]"));
        Assert.Empty(cut.FindAll("header [data-testid=notification-bell]"));
        Assert.Empty(cut.FindAll("header button[aria-label^='Your account']"));
        Assert.Empty(cut.FindAll("header form"));
        Assert.Single(cut.FindAll("header button[aria-label='Switch to dark mode']"));
    }

    [Fact]
    public async Task Body_FailsBecauseTheDatabaseIsGone_SaysTheDatabaseIsNotAvailable()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));

        var cut = RenderFailing(new SqliteException("SQLite Error 10: 'disk I/O error'.", 10));

        cut.WaitForAssertion(() => Assert.Contains(
            "This page could not be shown: EngagementHub cannot reach its database just now.", cut.Find("main .mud-alert").TextContent));
        Assert.Contains("Nothing you saved is lost.", cut.Find("main .mud-alert").TextContent);
        Assert.DoesNotContain("Something went wrong", cut.Find("main").TextContent);
    }

    [Fact]
    public async Task Body_FailsForAnotherReason_SaysSomethingWentWrong()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(1));

        var cut = RenderFailing(new InvalidOperationException("A fault in the page."));

        cut.WaitForAssertion(() => Assert.Contains(
            "Something went wrong showing this page; nothing you saved is lost.", cut.Find("main .mud-alert").TextContent));
        Assert.DoesNotContain("database", cut.Find("main .mud-alert").TextContent);
        Assert.DoesNotContain("A fault in the page", cut.Markup);
    }

    private IRenderedComponent<MainLayout> RenderFailing(Exception failure) =>
        Context.Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b =>
        {
            b.OpenComponent<FailingPage>(0);
            b.AddComponentParameter(1, nameof(FailingPage.Failure), failure);
            b.CloseComponent();
        })));

    /// <summary>A page whose loading fails as a page's query does when the database is away.</summary>
    private sealed class FailingPage : ComponentBase
    {
        [Parameter]
        public Exception Failure { get; set; } = null!;

        protected override void OnInitialized() => throw Failure;
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Context.Render<MainLayout>(p => p.Add(x => x.Body, (RenderFragment)(b =>
        {
            b.OpenElement(0, "p");
            b.AddContent(1, "Page body");
            b.CloseElement();
        })));
}
